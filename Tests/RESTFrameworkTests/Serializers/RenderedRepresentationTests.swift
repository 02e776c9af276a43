import Testing
@testable import RESTFramework

/// A serializer's output is written straight to JSON bytes (`JSONObject(rendered:)`). It must be
/// the object the fields' `representation(of:context:)` give, member for member, byte for byte at
/// every indent, and behave as that object when read or changed.
@Suite struct RenderedRepresentationTests {
    /// The object as `toRepresentation` built it before: a tree of each readable field's value.
    func tree(_ serializer: Serializer, _ instance: any FieldReadable) throws -> JSON {
        var object = JSONObject()
        for field in serializer.fields where !field.writeOnly {
            if let value = try field.representation(of: instance, context: serializer.context) {
                object.append(field.name, value)
            }
        }
        return .object(object)
    }

    /// Renders `instance` with `fields` both ways and compares everything that can be compared.
    func expectSameAsTree(
        _ fields: [any SerializerField], _ instance: any FieldReadable,
        context: SerializerContext = userContext(), rendered: Bool = true,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let serializer = Serializer(instance: instance, context: context)
        serializer.fields = fields
        let data = try serializer.data
        let expected = try tree(serializer, instance)
        #expect((data.objectValue?.renderedBytes != nil) == rendered, "kept rendered", sourceLocation: sourceLocation)
        #expect(data == expected, sourceLocation: sourceLocation)
        #expect(data.objectValue?.keys == expected.objectValue?.keys, sourceLocation: sourceLocation)
        for indent in [nil, 1, 2, 3, 4, 5, 6, 7, 8] {
            #expect(
                JSONWriter.renderString(data, indent: indent) == JSONWriter.renderString(expected, indent: indent),
                "indent \(indent.map(String.init) ?? "none")", sourceLocation: sourceLocation)
        }
        // Inside a list and an envelope too (how a page is written).
        let page: JSON = ["count": 1, "results": [data, data]]
        let expectedPage: JSON = ["count": 1, "results": [expected, expected]]
        for indent in [nil, 2, 8] {
            #expect(
                JSONWriter.render(page, indent: indent) == JSONWriter.render(expectedPage, indent: indent),
                sourceLocation: sourceLocation)
        }
    }

    @Test func everyBuiltInFieldKind() throws {
        let row = Row([
            "id": 3, "username": "ada", "email": "ada@example.com", "is_staff": true, "owner_id": 7,
            "date_joined": .dateTime(DateTime(microsecondsSinceEpoch: 1_795_911_758_123_456)),
            "last_login": .dateTime(DateTime(microsecondsSinceEpoch: 1_795_911_758_000_000)),
        ])
        try expectSameAsTree(
            [
                HyperlinkedIdentityField("url", viewName: "user-detail"),
                IntegerField("id", readOnly: true),
                CharField("username"),
                EmailField("email"),
                BooleanField("is_staff"),
                DateTimeField("date_joined", readOnly: true),
                DateTimeField("last_login", readOnly: true),
                ReadOnlyField("owner", source: "owner_id"),
                PrimaryKeyRelatedField("user", lookup: usersLookup, source: "owner_id"),
                MethodField("display") { row, _ in .string("\(row.fieldValue("username")?.stringValue ?? "")!") },
                CharField("secret", writeOnly: true),
            ], row)
    }

    @Test func valuesOfOtherKindsThanTheField() throws {
        let row = Row([
            "i": 5, "d": .double(2.5), "big": .int(Int64.max), "small": .int(Int64.min), "b": false, "s": "42",
            "word": "yes", "nullword": "null", "empty": "", "text": "abc", "whole": .double(3.0), "huge": .double(1e300),
            "t": .dateTime(DateTime(microsecondsSinceEpoch: -1)),
            "far": .dateTime(DateTime(microsecondsSinceEpoch: 400_000_000_000_000_000)),
            "before": .dateTime(DateTime(microsecondsSinceEpoch: -70_000_000_000_000_000)),
        ])
        try expectSameAsTree(
            [
                CharField("c_int", source: "i"), CharField("c_double", source: "d"), CharField("c_bool", source: "b"),
                CharField("c_time", source: "t"), CharField("c_far", source: "far"),
                IntegerField("i_big", source: "big"), IntegerField("i_small", source: "small"),
                IntegerField("i_bool", source: "b"), IntegerField("i_double", source: "d"), IntegerField("i_text", source: "s"),
                IntegerField("i_word", source: "text"), IntegerField("i_whole", source: "whole"), IntegerField("i_huge", source: "huge"),
                BooleanField("b_int", source: "i"), BooleanField("b_word", source: "word"), BooleanField("b_text", source: "text"),
                BooleanField("b_null", source: "nullword", allowNull: true), BooleanField("b_empty", source: "empty"),
                BooleanField("b_double", source: "d"), BooleanField("b_time", source: "t"),
                DateTimeField("t_text", source: "text"), DateTimeField("t_empty", source: "empty"),
                DateTimeField("t_int", source: "i"), DateTimeField("t_far", source: "far"), DateTimeField("t_before", source: "before"),
                ReadOnlyField("r_double", source: "d"), ReadOnlyField("r_time", source: "t"), ReadOnlyField("r_whole", source: "whole"),
                PrimaryKeyRelatedField("pk_text", source: "s", readOnly: true),
            ], row)
    }

    @Test func nullsSkipsAndDefaults() throws {
        let row = Row(["id": nil, "name": nil, "when": nil, "flag": nil])
        try expectSameAsTree(
            [
                HyperlinkedIdentityField("url", viewName: "user-detail"),  // no pk: null
                IntegerField("id", readOnly: true),
                CharField("name"),
                DateTimeField("when"),
                BooleanField("flag"),
                CharField("optional", required: false),  // missing: left out
                CharField("nullable", allowNull: true),  // missing: null
                CharField("defaulted", default: "d"),  // missing: the default
                IntegerField("counted", default: 4),
                BooleanField("nulled", default: .value(.null)),
                ReadOnlyField("absent"),  // read-only, missing: left out
                MethodField("nothing") { _, _ in .null },
            ], row)
        // Every field skipped: an empty object.
        try expectSameAsTree([CharField("a", required: false), CharField("b", required: false)], Row([:]))
        try expectSameAsTree([], Row([:]))
        // The first field skipped: no leading comma.
        try expectSameAsTree(
            [CharField("a", required: false), CharField("b", source: "name"), CharField("c", required: false)],
            Row(["name": "x"]))
    }

    @Test func stringsThatNeedEscapingAndBigValues() throws {
        let row = Row([
            "s": "quote \" backslash \\ slash / tab \t nl \n cr \r bell \u{7} nul \u{0} \u{1F} del \u{7F}",
            "u": "é ü 漢字 🙂 \u{2028} \u{2029} \u{2027} \u{E2}\u{80}",
            "long": .string(String(repeating: "abcdefgh", count: 40) + "\""),
        ])
        try expectSameAsTree(
            [
                CharField("s"), CharField("u"), CharField("long"),
                CharField("ké\"y\n\u{2028}", source: "s"),  // a key that needs escaping
                MethodField("big") { _, _ in .bigInt("123456789012345678901234567890") },
                MethodField("negative_big") { _, _ in .bigInt("-123456789012345678901234567890") },
                MethodField("numbers") { _, _ in [0.1, 1e16, 1e-7, -0.0, 100.0, .int(Int64.min)] },
            ], row)
    }

    @Test func methodFieldsReturningContainersAndNestedSerializers() throws {
        final class OwnerSerializer: Serializer {
            override class var fields: [any SerializerField] {
                [IntegerField("id", readOnly: true), CharField("name")]
            }
        }
        let row = Row(["id": 1, "name": "acct", "owner_id": 7])
        try expectSameAsTree(
            [
                IntegerField("id", readOnly: true),
                MethodField("owner") { _, context in
                    try OwnerSerializer(instance: Row(["id": 7, "name": "ada \u{2028}"]), context: context).data
                },
                MethodField("members") { _, context in
                    try OwnerSerializer.many(
                        instances: [Row(["id": 1, "name": "a"]), Row(["id": 2, "name": "b"])],
                        context: context
                    ).data
                },
                MethodField("empty") { _, _ in ["list": [], "object": [:], "nested": [["deep": [[:], []]]]] },
                // Repeated keys stay two members, as in the tree.
                MethodField("repeated") { _, _ in .object([("k", 1), ("k", 2)]) },
            ], row)
        let serializer = Serializer(instance: row, context: userContext())
        serializer.fields = [
            MethodField("owner") { _, context in
                try OwnerSerializer(instance: Row(["id": 7, "name": "ada"]), context: context).data
            }
        ]
        let data = try serializer.data
        #expect(data["owner"]?["name"] == "ada")
        #expect(data["owner"] == ["id": 7, "name": "ada"])
    }

    @Test func valuesThatWouldNotReadBackKeepTheObjectAsPairs() throws {
        // Only code makes these (the parser never does); written as they are, they would read
        // back as something else, or not at all.
        for odd: JSON in [
            .bigInt("abc"), .bigInt("123"), .bigInt(" 123456789012345678901234567890"), .bigInt(""),
            [1, .bigInt("1.5")], ["k": .bigInt("-0")],
        ] {
            try expectSameAsTree(
                [
                    IntegerField("id"), CharField("optional", required: false),
                    MethodField("odd") { _, _ in odd },
                    CharField("skipped", required: false), CharField("name"), MethodField("after") { _, _ in [1] },
                ], Row(["id": 1, "name": "n"]), rendered: false)
        }
        // The first field: nothing written before it.
        try expectSameAsTree([MethodField("odd") { _, _ in .bigInt("x") }, IntegerField("id")], Row(["id": 1]), rendered: false)
        // A big integer the parser would make is fine.
        try expectSameAsTree([MethodField("big") { _, _ in .bigInt("-123456789012345678901234567890") }], Row([:]))
    }

    @Test func nonFiniteDoublesReadBack() throws {
        let serializer = Serializer(instance: Row(["nan": .double(.nan), "inf": .double(.infinity), "ninf": .double(-.infinity)]))
        serializer.fields = [ReadOnlyField("nan"), ReadOnlyField("inf"), ReadOnlyField("ninf")]
        let data = try serializer.data
        #expect(JSONWriter.renderString(data) == #"{"nan":NaN,"inf":Infinity,"ninf":-Infinity}"#)
        #expect(JSONWriter.renderString(data, indent: 1) == "{\n \"nan\": NaN,\n \"inf\": Infinity,\n \"ninf\": -Infinity\n}")
        guard case .double(let nan)? = data["nan"] else { Issue.record("not a double"); return }
        #expect(nan.isNaN)
        #expect(data["inf"] == .double(.infinity))
        #expect(data.objectValue?.pairs.last?.value == .double(-.infinity))
    }

    /// A field type written against the protocol before `writeRepresentation` existed.
    struct ShoutField: SerializerField {
        var options: FieldOptions
        init(_ name: String, required: Bool? = nil) { options = FieldOptions(name: name, required: required, readOnly: true) }
        func toInternalValue(_ data: JSON, context: FieldValidationContext) throws -> FieldValue { .null }
        func toRepresentation(_ value: FieldValue, context: SerializerContext) throws -> JSON {
            .string((value.stringValue ?? "").uppercased() + "\u{2028}")
        }
    }

    struct SometimesField: SerializerField {
        var options = FieldOptions(name: "sometimes", source: "*", readOnly: true)
        func toInternalValue(_ data: JSON, context: FieldValidationContext) throws -> FieldValue { .null }
        func toRepresentation(_ value: FieldValue, context: SerializerContext) throws -> JSON { value.json }
        func representation(of instance: any FieldReadable, context: SerializerContext) throws -> JSON? {
            instance.fieldValue("show") == .bool(true) ? ["shown": true] : nil
        }
    }

    @Test func customFieldsWithoutTheWriteMethod() throws {
        try expectSameAsTree(
            [ShoutField("name"), ShoutField("missing", required: false), SometimesField(), ShoutField("null")],
            Row(["name": "ada", "show": true, "null": nil]))
        try expectSameAsTree([SometimesField(), ShoutField("name")], Row(["name": "ada", "show": false]))
        var out: [UInt8] = []
        #expect(try SometimesField().writeRepresentation(of: Row(["show": false]), context: SerializerContext(), into: &out) == false)
        #expect(out.isEmpty)
    }

    @Test func readingOneMemberWithoutChangingIt() throws {
        let serializer = Serializer(instance: Row(["id": 3, "name": "a,b}\"c", "d": .double(1.5)]), context: userContext())
        serializer.fields = [
            HyperlinkedIdentityField("url", viewName: "user-detail"), IntegerField("id"),
            CharField("name"), MethodField("nested") { _, _ in ["url": "inner", "x": [1, ["url": 2]]] },
            ReadOnlyField("d"), CharField("url2", source: "name"), MethodField("url") { _, _ in "last" },
        ]
        let data = try serializer.data
        let object = try #require(data.objectValue)
        #expect(object["url"] == "last")  // the last member of that name, as the pairs answer
        #expect(object["id"] == 3)
        #expect(object["name"] == "a,b}\"c")
        #expect(object["nested"] == ["url": "inner", "x": [1, ["url": 2]]])
        #expect(object["d"] == 1.5)
        #expect(object["x"] == nil)
        #expect(object.renderedBytes != nil)  // still rendered after reads
        #expect(object.count == 7 && !object.isEmpty && object.contains("url2") && !object.contains("x"))
        #expect(Array(object).map(\.key) == ["url", "id", "name", "nested", "d", "url2", "url"])
        #expect(JSONObject(rendered: Array("{}".utf8)).isEmpty)
        #expect(JSONObject(rendered: Array("{}".utf8))["a"] == nil)
        #expect(JSONObject(rendered: Array("{}".utf8)) == JSONObject())
    }

    @Test func changingARenderedObject() throws {
        let serializer = Serializer(instance: Row(["id": 3, "name": "ada"]))
        serializer.fields = [IntegerField("id"), CharField("name")]
        var object = try #require(try serializer.data.objectValue)
        object["name"] = "grace"
        object["extra"] = [1, 2]
        #expect(object.renderedBytes == nil)
        #expect(JSONWriter.renderString(.object(object)) == #"{"id":3,"name":"grace","extra":[1,2]}"#)
        object["id"] = nil
        object.append("z", .null)
        #expect(JSONWriter.renderString(.object(object)) == #"{"name":"grace","extra":[1,2],"z":null}"#)
        var appended = try #require(try serializer.data.objectValue)
        appended.append("more", "x")
        #expect(JSON.object(appended) == ["id": 3, "name": "ada", "more": "x"])
        var removed = try #require(try serializer.data.objectValue)
        removed["name"] = nil
        #expect(JSONWriter.renderString(.object(removed), indent: 2) == "{\n  \"id\": 3\n}")
    }

    final class StampedSerializer: Serializer {
        override class var fields: [any SerializerField] { [IntegerField("id", readOnly: true), CharField("name")] }
        override func toRepresentation(_ instance: any FieldReadable) throws -> JSON {
            guard case .object(var object) = try super.toRepresentation(instance) else { return .null }
            object["name"] = .string((object["name"]?.stringValue ?? "") + "!")
            object["stamp"] = "s"
            return .object(object)
        }
    }

    @Test func subclassChangingWhatSuperReturns() throws {
        let one = try StampedSerializer(instance: Row(["id": 1, "name": "a"])).data
        #expect(JSONWriter.renderString(one) == #"{"id":1,"name":"a!","stamp":"s"}"#)
        let many = try StampedSerializer.many(instances: [Row(["id": 1, "name": "a"]), Row(["id": 2, "name": "b"])]).data
        #expect(JSONWriter.renderString(many) == #"[{"id":1,"name":"a!","stamp":"s"},{"id":2,"name":"b!","stamp":"s"}]"#)
        #expect(
            JSONWriter.renderString(many, indent: 1)
                == "[\n {\n  \"id\": 1,\n  \"name\": \"a!\",\n  \"stamp\": \"s\"\n },\n {\n  \"id\": 2,\n  \"name\": \"b!\",\n  \"stamp\": \"s\"\n }\n]"
        )
    }

    @Test func listRowsOfDifferentSizes() throws {
        // One serializer writes every row; its buffer size guess must not matter.
        let rows = [
            Row(["id": 1, "name": .string(String(repeating: "x", count: 2000))]), Row(["id": 2, "name": ""]),
            Row(["id": 3, "name": "é"]),
        ]
        final class NameSerializer: Serializer {
            override class var fields: [any SerializerField] { [IntegerField("id"), CharField("name")] }
        }
        let list = try NameSerializer.many(instances: rows).data
        guard case .array(let items) = list else { Issue.record("not a list"); return }
        #expect(items.count == 3)
        #expect(items[0]["name"]?.stringValue?.count == 2000)
        #expect(JSONWriter.renderString(items[1]) == #"{"id":2,"name":""}"#)
    }

    @Test func errorsThrowWhenDataIsRead() throws {
        let serializer = Serializer(instance: Row([:]))
        serializer.fields = [CharField("name")]
        #expect(throws: SerializerConfigurationError.self) { try serializer.data }
        let linked = Serializer(instance: Row(["id": 1]))
        linked.fields = [IntegerField("id"), HyperlinkedIdentityField("url", viewName: "user-detail")]  // no reverse
        #expect(throws: SerializerConfigurationError.self) { try linked.data }
    }

    @Test func aChangedContextIsSeen() throws {
        let serializer = Serializer(instance: Row(["id": 3]), context: userContext())
        serializer.fields = [HyperlinkedIdentityField("url", viewName: "user-detail")]
        #expect(try serializer.data["url"] == "http://example.com/api/users/3/")
        serializer.context = userContext(format: "json")
        #expect(try serializer.data["url"] == "http://example.com/api/users/3.json")
        serializer.context.format = "api"
        #expect(try serializer.data["url"] == "http://example.com/api/users/3.api")
    }

    @Test func fieldOptionsAreValues() {
        var options = FieldOptions(name: "first_name", validators: [MaxLengthValidator(3, message: "m")])
        let copy = options
        options.name = "last_name"
        options.source = "surname"
        options.readOnly = true
        options.allowNull = true
        options.label = "Surname"
        options.helpText = "h"
        options.validators = []
        options.errorMessages = ["blank": "b"]
        options.defaultValue = "x"
        #expect(options.name == "last_name" && options.source == "surname" && options.readOnly && options.allowNull)
        #expect(options.label == "Surname" && options.helpText == "h" && options.validators.isEmpty)
        #expect(options.errorMessages == ["blank": "b"] && options.defaultValue != nil)
        #expect(copy.name == "first_name" && copy.source == "first_name" && !copy.readOnly && !copy.allowNull)
        #expect(copy.label == "First name" && copy.helpText == nil && copy.validators.count == 1)
        #expect(copy.errorMessages.isEmpty && copy.defaultValue == nil && copy.required)
    }

    @Test func dateTimeBytesMatchItsText() {
        for micros: Int64 in [
            0, 1, -1, 999_999, 1_795_911_758_123_456, 253_402_300_799_999_999, 253_402_300_800_000_000,
            -62_135_596_800_000_000, -62_135_596_800_000_001, 400_000_000_000_000_000,
        ] {
            let time = DateTime(microsecondsSinceEpoch: micros)
            var out: [UInt8] = [1]
            time.appendISO8601(to: &out)
            #expect(out == [1] + Array(time.iso8601.utf8), "\(micros)")
        }
        #expect(DateTime(microsecondsSinceEpoch: 1_795_911_758_000_000).iso8601 == "2026-11-29T00:22:38Z")
        #expect(DateTime(microsecondsSinceEpoch: 1_795_911_758_000_001).iso8601 == "2026-11-29T00:22:38.000001Z")
    }
}

@Suite struct RenderedStorageLayoutTests {
    @Test func anObjectStaysOneWord() {
        // Two storages, one pointer each: the enum's tag lives in the pointers' spare bits, so
        // `JSON` values (arrays of them in every list) do not grow.
        #expect(MemoryLayout<JSONObject>.size == MemoryLayout<Int>.size)
    }
}
