import Testing
@testable import RESTFramework

/// ListField, DictField and JSONField against DRF 3.18.3's answers (each case run through a
/// real DRF serializer; the expected JSON is its output).
@Suite struct ListDictJSONFieldTests {
    let integers = ListField("f", child: IntegerField("item"))

    @Test func listItemsAndTheirErrorsByPosition() throws {
        #expect(try check(integers, [1, "2", 3.0]).value == .list([1, 2, 3]))
        // Only the failing items, keyed by position, each with its own messages.
        #expect(
            try check(integers, [1, "x", nil, 3, "y"]).failureJSON
                == #"{"1":["A valid integer is required."],"2":["This field may not be null."],"4":["A valid integer is required."]}"#)
        #expect(try check(integers, "abc").messages == [#"Expected a list of items but got type "str"."#])
        #expect(try check(integers, ["a": 1]).messages == [#"Expected a list of items but got type "dict"."#])
        #expect(try check(integers, 5).messages == [#"Expected a list of items but got type "int"."#])
        #expect(try check(integers, .null).messages == ["This field may not be null."])
        #expect(try check(ListField("f", allowEmpty: false), []).messages == ["This list may not be empty."])
        // Nested lists nest their errors.
        let matrix = ListField("f", child: ListField("row", child: IntegerField("n")))
        #expect(try check(matrix, [[1], [2, "x"]]).failureJSON == #"{"1":{"1":["A valid integer is required."]}}"#)
    }

    @Test func listLengthsAfterTheItems() throws {
        #expect(try check(ListField("f", minLength: 2), [1]).messages == ["Ensure this field has at least 2 elements."])
        #expect(try check(ListField("f", maxLength: 1), [1, 2]).messages == ["Ensure this field has no more than 1 elements."])
        // DRF checks the items first: a bad item is reported, not the length.
        #expect(
            try check(ListField("f", child: IntegerField("n"), maxLength: 1), [1, "x"]).failureJSON
                == #"{"1":["A valid integer is required."]}"#)
        #expect(try check(ListField("f", maxLength: 2), [1, 2]).value == .list([1, 2]))
    }

    @Test func defaultChildKeepsValuesAsTheyAre() throws {
        #expect(try check(ListField("f"), [1, "a", nil, [true]]).value == .list([1, "a", .null, .jsonValue([true])]))
        #expect(try check(DictField("f"), ["a": nil, "b": [1]]).value == .jsonValue(["a": nil, "b": [1]]))
    }

    @Test func listOutputThroughTheChild() throws {
        let context = SerializerContext()
        #expect(try integers.toRepresentation(.list([1, .null, "3"]), context: context) == [1, nil, 3])
        #expect(try integers.toRepresentation(.jsonValue([1, "2"]), context: context) == [1, 2])
        let serializer = Serializer()
        serializer.fields = [integers, DictField("d"), JSONField("j")]
        // DRF's initial values: [], {} and None.
        #expect(JSONWriter.renderString(try serializer.data) == #"{"f":[],"d":{},"j":null}"#)
    }

    @Test func dictValuesAndTheirErrorsByKey() throws {
        let limits = DictField("f", child: IntegerField("n"))
        #expect(try check(limits, ["x": "4", "y": 5]).value == .jsonValue(["x": 4, "y": 5]))
        #expect(try check(limits, ["a": 1, "b": "x"]).failureJSON == #"{"b":["A valid integer is required."]}"#)
        #expect(try check(limits, [1]).messages == [#"Expected a dictionary of items but got type "list"."#])
        #expect(try check(limits, "s").messages == [#"Expected a dictionary of items but got type "str"."#])
        #expect(try check(limits, 3).messages == [#"Expected a dictionary of items but got type "int"."#])
        #expect(try check(DictField("f", allowEmpty: false), [:]).messages == ["This dictionary may not be empty."])
        #expect(try limits.toRepresentation(.jsonValue(["x": "4", "y": nil]), context: SerializerContext()) == ["x": 4, "y": nil])
    }

    @Test func jsonFieldTakesAnyValueButNullUnlessAllowed() throws {
        let settings = JSONField("f", default: .value(.jsonValue([:])))
        for value: JSON in [["a": [1, nil]], [1, "x"], "text", 0, 2.5, false] {
            #expect(try check(settings, value).value == .jsonValue(value))
        }
        // The spec's `settings`: any JSON value but null, `{}` when absent.
        #expect(try check(settings, .null).messages == ["This field may not be null."])
        #expect(try check(settings, nil).value == .jsonValue([:]))
        #expect(try check(JSONField("f", allowNull: true), .null).value == .null)
        #expect(try settings.toRepresentation(.jsonValue(["b": 1, "a": [true]]), context: SerializerContext()) == ["b": 1, "a": [true]])
    }

    @Test func anInfinityIsNoJSON() throws {
        // DRF 3.18: `{"x": 1e400}` parses as float("inf"), which JSONField refuses.
        let settings = JSONField("f")
        for bad: JSON in [.double(.infinity), ["x": .double(-.infinity)], [1, [.double(.nan)]]] {
            #expect(try check(settings, bad).messages == ["Value must be valid JSON."], "\(bad)")
        }
        #expect(try check(settings, ["x": 1e308]).value == .jsonValue(["x": 1e308]))
    }

    @Test func binaryJSONIsTextBothWays() throws {
        let document = JSONField("f", binary: true)
        #expect(try check(document, #" {"a": 1} "#).value == .jsonValue(["a": 1]))
        #expect(try check(document, #""x""#).value == .jsonValue("x"))
        for bad: JSON in [["a": 1], 5, "nope", "NaN", "Infinity", "[1, 2", ""] {
            #expect(try check(document, bad).messages == ["Value must be valid JSON."], "\(bad)")
        }
        // Python's json.dumps: ", " and ": ", non-ASCII escaped.
        #expect(
            try document.toRepresentation(.jsonValue(["a": 1, "b": [1.5, nil], "é": "😀"]), context: SerializerContext())
                == #"{"a": 1, "b": [1.5, null], "\u00e9": "\ud83d\ude00"}"#)
    }

    @Test func optionsMetadataShowsTheChild() throws {
        // DRF: {"type": "list", ..., "min_length": 1, "max_length": 5, "child": {"type": "integer",
        // "required": true, "read_only": false, "min_value": 0}}: the child has no label.
        let scores = ListField("scores", child: IntegerField("score", minValue: 0), minLength: 1, maxLength: 5)
        #expect(
            JSONWriter.renderString(scores.metadataInfo)
                == #"{"type":"list","required":true,"read_only":false,"label":"Scores","min_length":1,"max_length":5,"#
                + #""child":{"type":"integer","required":true,"read_only":false,"min_value":0}}"#)
        #expect(
            JSONWriter.renderString(ListField("tags").metadataInfo)
                == #"{"type":"list","required":true,"read_only":false,"label":"Tags","child":{"type":"field","required":true,"read_only":false}}"#
        )
        #expect(
            JSONWriter.renderString(DictField("d", child: CharField("v", maxLength: 3)).metadataInfo)
                == #"{"type":"nested object","required":true,"read_only":false,"label":"D","#
                + #""child":{"type":"string","required":true,"read_only":false,"max_length":3}}"#)
        #expect(
            JSONWriter.renderString(ListField("l", child: ChoiceField("c", choices: ["x"] as [FieldValue])).metadataInfo)
                == #"{"type":"list","required":true,"read_only":false,"label":"L","#
                + #""child":{"type":"choice","required":true,"read_only":false,"choices":[{"value":"x","display_name":"x"}]}}"#)
        // A label given to the child stays.
        #expect(ChildField.metadata(IntegerField("n", label: "Score")).objectValue?["label"] == "Score")
        #expect(JSONWriter.renderString(JSONField("j").metadataInfo) == #"{"type":"field","required":true,"read_only":false,"label":"J"}"#)
    }
}

extension Result where Success == FieldValue?, Failure == FieldErrors {
    /// A field's errors as compact JSON (objects of item errors).
    var failureJSON: String? { if case .failure(let e) = self { return JSONWriter.renderString(e.json) } else { return nil } }
}
