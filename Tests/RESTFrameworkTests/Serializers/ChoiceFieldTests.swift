import Testing
@testable import RESTFramework

/// ChoiceField and MultipleChoiceField against DRF 3.18.3's answers (run through a real DRF:
/// `ChoiceField(choices=[1, 2, 3])` etc., outputs copied here).
@Suite struct ChoiceFieldTests {
    let priority = ChoiceField("f", choices: [(1, "high"), (2, "normal"), (3, "low")])

    @Test func inputMatchesByPythonText() throws {
        // DRF maps str(input) to the choice: "1" and 1 are the integer choice 1.
        #expect(try check(priority, "1").value == .int(1))
        #expect(try check(priority, 2).value == .int(2))
        // str(1.0) is "1.0", str(True) "True", str(" 1") " 1": none is a choice.
        #expect(try check(priority, 1.0).messages == [#""1.0" is not a valid choice."#])
        #expect(try check(priority, true).messages == [#""True" is not a valid choice."#])
        #expect(try check(priority, " 1").messages == [#"" 1" is not a valid choice."#])
        // Containers show as Python prints them.
        #expect(try check(priority, [1, "x", nil, ["a": 1.5]]).messages == [#""[1, 'x', None, {'a': 1.5}]" is not a valid choice."#])
        #expect(try check(priority, ["a": "b"]).messages == [#""{'a': 'b'}" is not a valid choice."#])
        #expect(try check(priority, "").messages == [#""" is not a valid choice."#])
        #expect(try check(priority, .null).messages == ["This field may not be null."])
        #expect(try check(priority, nil).messages == ["This field is required."])
    }

    @Test func stringChoicesBlankAndDefault() throws {
        let status = ChoiceField(
            "status",
            choices: [
                Choice(value: "planned", displayName: "Planned"), Choice(value: "active", displayName: "Active"),
                Choice(value: "done", displayName: "Done"),
            ], default: "planned")
        #expect(try check(status, "active").value == "active")
        #expect(try check(status, nil).value == "planned")
        #expect(try check(status, "x").messages == [#""x" is not a valid choice."#])
        #expect(try check(status, "Active").messages == [#""Active" is not a valid choice."#])
        let blank = ChoiceField("f", choices: ["a"] as [FieldValue], allowBlank: true)
        #expect(try check(blank, "").value == "")
        let custom = ChoiceField("f", choices: ["a"] as [FieldValue], errorMessages: ["invalid_choice": "No {input}."])
        #expect(try check(custom, "b").messages == ["No b."])
    }

    @Test func outputIsTheChoiceValueOrTheValueAsItIs() throws {
        let context = SerializerContext()
        #expect(try priority.toRepresentation("2", context: context) == 2)
        #expect(try priority.toRepresentation(.int(3), context: context) == 3)
        #expect(try priority.toRepresentation(.int(9), context: context) == 9)
        #expect(try priority.toRepresentation("", context: context) == "")
        let serializer = Serializer(instance: Row(["f": "2", "g": nil]))
        serializer.fields = [priority, ChoiceField("g", choices: [1] as [FieldValue], allowNull: true)]
        #expect(JSONWriter.renderString(try serializer.data) == #"{"f":2,"g":null}"#)
    }

    @Test func multipleChoices() throws {
        let days = MultipleChoiceField("f", choices: [1, 2, 3] as [FieldValue])
        // Repeats dropped in input order (DRF 3.18's list(dict.fromkeys(...))).
        #expect(try check(days, ["1", 1, 2]).value == .list([1, 2]))
        #expect(try check(days, "1").messages == [#"Expected a list of items but got type "str"."#])
        #expect(try check(days, 5).messages == [#"Expected a list of items but got type "int"."#])
        #expect(try check(days, true).messages == [#"Expected a list of items but got type "bool"."#])
        #expect(try check(days, 1.5).messages == [#"Expected a list of items but got type "float"."#])
        // Python iterates a dict's keys.
        #expect(try check(days, ["1": 0]).value == .list([1]))
        #expect(try check(days, [1, 9]).messages == [#""9" is not a valid choice."#])
        #expect(try check(days, []).value == .list([]))
        let nonEmpty = MultipleChoiceField("f", choices: [1, 2] as [FieldValue], allowEmpty: false)
        #expect(try check(nonEmpty, []).messages == ["This selection may not be empty."])
        // Output: each item as its choice's value, repeats dropped, unknown items as they are.
        #expect(try days.toRepresentation(.list([2, "1", 2, 7]), context: SerializerContext()) == [2, 1, 7])
        #expect(try days.toRepresentation(.jsonValue(["3", 1]), context: SerializerContext()) == [3, 1])
    }

    @Test func optionsMetadata() throws {
        // DRF: {"type": "choice", ..., "choices": [{"value": 1, "display_name": "high"}, ...]}
        #expect(
            JSONWriter.renderString(ChoiceField("priority", choices: [(1, "high"), (2, "normal")], helpText: "h").metadataInfo)
                == #"{"type":"choice","required":true,"read_only":false,"label":"Priority","help_text":"h","#
                + #""choices":[{"value":1,"display_name":"high"},{"value":2,"display_name":"normal"}]}"#)
        // Unpaired choices show the value itself as the display name (an integer stays one).
        #expect(
            JSONWriter.renderString(ChoiceField("n", choices: [1, "a"] as [FieldValue]).metadataInfo)
                == #"{"type":"choice","required":true,"read_only":false,"label":"N","#
                + #""choices":[{"value":1,"display_name":1},{"value":"a","display_name":"a"}]}"#)
        // Read-only: no choices.
        #expect(
            JSONWriter.renderString(ChoiceField("p", choices: [(1, "high")], readOnly: true).metadataInfo)
                == #"{"type":"choice","required":false,"read_only":true,"label":"P"}"#)
        #expect(
            JSONWriter.renderString(MultipleChoiceField("m", choices: ["a", "b"] as [FieldValue]).metadataInfo)
                == #"{"type":"multiple choice","required":true,"read_only":false,"label":"M","#
                + #""choices":[{"value":"a","display_name":"a"},{"value":"b","display_name":"b"}]}"#)
    }

    @Test func initialValuesAreNull() throws {
        let serializer = Serializer()
        serializer.fields = [priority, MultipleChoiceField("m", choices: [1] as [FieldValue])]
        #expect(JSONWriter.renderString(try serializer.data) == #"{"f":null,"m":null}"#)
    }
}
