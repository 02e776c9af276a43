import Testing
@testable import RESTFramework

@Suite struct RepresentationTests {
    let user = Row([
        "id": 3, "username": "ada", "email": "ada@example.com", "first_name": "Ada", "last_name": "L",
        "is_staff": false, "last_login": nil,
        "date_joined": .dateTime(DateTime(microsecondsSinceEpoch: 1_795_911_758_123_456)),
    ])

    @Test func userInSpecOrder() throws {
        let data = try UserSerializer(instance: user, context: userContext()).data
        #expect(
            JSONWriter.renderString(data) == #"{"url":"http://example.com/api/users/3/","id":3,"username":"ada","#
                + #""email":"ada@example.com","first_name":"Ada","last_name":"L","is_staff":false,"last_login":null,"#
                + #""date_joined":"2026-11-29T00:22:38.123456Z"}"#)
    }

    @Test func hyperlinksCarryTheFormat() throws {
        let data = try UserSerializer(instance: user, context: userContext(format: "json")).data
        #expect(data["url"] == "http://example.com/api/users/3.json")
        let forced = HyperlinkedIdentityField("url", viewName: "user-detail", format: "api")
        #expect(try forced.representation(of: user, context: userContext(format: "json")) == "http://example.com/api/users/3.api")
        #expect(try forced.representation(of: user, context: userContext()) == "http://example.com/api/users/3/")
    }

    @Test func hyperlinkEdgeCases() throws {
        let field = HyperlinkedIdentityField("url", viewName: "user-detail")
        #expect(try field.representation(of: Row(["id": nil]), context: userContext()) == .null)
        #expect(try field.representation(of: Row(["pk": 5]), context: userContext()) == "http://example.com/api/users/5/")
        #expect(throws: SerializerConfigurationError.self) { try field.representation(of: user, context: SerializerContext()) }
        let unknown = HyperlinkedIdentityField("url", viewName: "nope-detail")
        #expect(throws: SerializerConfigurationError.self) { try unknown.representation(of: user, context: userContext()) }
        let byName = HyperlinkedIdentityField("url", viewName: "user-detail", lookupField: "username", lookupURLKwarg: "pk")
        #expect(try byName.representation(of: user, context: userContext()) == "http://example.com/api/users/ada/")
    }

    @Test func writeOnlyFieldsAreNotShown() throws {
        let serializer = Serializer(instance: Row(["username": "ada", "password": "secret"]))
        serializer.fields = [CharField("username"), CharField("password", writeOnly: true)]
        #expect(try serializer.data == ["username": "ada"])
        #expect(serializer.fieldsMetadata.objectValue?.keys == ["username", "password"])
    }

    @Test func readOnlyValuesFromRelatedRowsAndMethods() throws {
        let serializer = Serializer(instance: Row(["id": 1, "author.username": "ada", "first_name": "Ada", "last_name": "L"]))
        serializer.fields = [
            ReadOnlyField("author", source: "author.username"),
            MethodField("display") { row, _ in
                .string((row.fieldValue("first_name")?.stringValue ?? "") + " " + (row.fieldValue("last_name")?.stringValue ?? ""))
            },
        ]
        #expect(try serializer.data == ["author": "ada", "display": "Ada L"])
    }

    @Test func missingAttributes() throws {
        let context = SerializerContext()
        // Optional fields are left out, nullable ones are null, defaults stand in.
        #expect(try CharField("x", required: false).representation(of: Row([:]), context: context) == nil)
        #expect(try CharField("x", allowNull: true).representation(of: Row([:]), context: context) == .null)
        #expect(try CharField("x", default: "d").representation(of: Row([:]), context: context) == "d")
        #expect(try ReadOnlyField("x").representation(of: Row([:]), context: context) == nil)
        // A required field the instance lacks is a programming error (DRF raises AttributeError).
        #expect(throws: SerializerConfigurationError.self) { try CharField("x").representation(of: Row([:]), context: context) }
    }

    @Test func manyRepresentsEachInstance() throws {
        let rows = [Row(["id": 1, "title": "a", "author.username": "ada"]), Row(["id": 2, "title": "b", "author.username": "bob"])]
        let list = NoteSerializer.many(instances: rows)
        // A missing `body` shows its default, a missing optional `count` is left out (DRF's get_attribute).
        #expect(
            try list.data == [["id": 1, "title": "a", "body": "", "author": "ada"], ["id": 2, "title": "b", "body": "", "author": "bob"]])
        #expect(try NoteSerializer.many(instances: []).data == [])
    }

    @Test func manyValidatesEachItem() throws {
        let list = NoteSerializer.many(data: [["title": "ok"], ["title": ""], ["title": "abcdefg"]])
        #expect(try list.isValid() == false)
        #expect(
            JSONWriter.renderString(list.errors) == #"{"1":{"title":["This field may not be blank."]},"#
                + #""2":{"title":["Ensure this field has no more than 5 characters."]}}"#)
        let notAList = NoteSerializer.many(data: ["title": "x"])
        #expect(try notAList.isValid() == false)
        #expect(notAList.errors == ["non_field_errors": ["Expected a list of items but got type \"dict\"."]])
        let empty = ListSerializer(child: NoteSerializer.self, data: [], allowEmpty: false)
        #expect(try empty.isValid() == false)
        #expect(empty.errors == ["non_field_errors": ["This list may not be empty."]])
        let good = NoteSerializer.many(data: [["title": "a"], ["title": "b"]])
        #expect(try good.isValid())
        #expect(good.validatedData == [["title": "A", "body": ""], ["title": "B", "body": ""]])
        let saved = try good.save()
        #expect(saved.count == 2)
        #expect(
            try good.data == [["id": 1, "title": "A", "body": "", "author": "ada"], ["id": 1, "title": "B", "body": "", "author": "ada"]])
    }

    @Test func metadataAsDRFDescribesFields() throws {
        let metadata = UserSerializer(context: userContext()).fieldsMetadata
        #expect(
            JSONWriter.renderString(metadata)
                == [
                    #"{"url":{"type":"field","required":false,"read_only":true,"label":"Url"},"#,
                    #""id":{"type":"integer","required":false,"read_only":true,"label":"ID"},"#,
                    #""username":{"type":"string","required":true,"read_only":false,"label":"Username","max_length":150},"#,
                    #""email":{"type":"email","required":false,"read_only":false,"label":"Email","max_length":254},"#,
                    #""first_name":{"type":"string","required":false,"read_only":false,"label":"First name","max_length":150},"#,
                    #""last_name":{"type":"string","required":false,"read_only":false,"label":"Last name","max_length":150},"#,
                    #""is_staff":{"type":"boolean","required":false,"read_only":false,"label":"Is staff"},"#,
                    #""last_login":{"type":"datetime","required":false,"read_only":true,"label":"Last login"},"#,
                    #""date_joined":{"type":"datetime","required":false,"read_only":true,"label":"Date joined"}}"#,
                ].joined())
        let password = CharField("password", writeOnly: true, maxLength: 128, minLength: 8, helpText: "Secret.")
        #expect(
            JSONWriter.renderString(password.metadataInfo)
                == #"{"type":"string","required":true,"read_only":false,"label":"Password","help_text":"Secret.","min_length":8,"max_length":128}"#
        )
        #expect(
            ReadOnlyField("author", source: "author.username").metadataInfo
                == .object([("type", "field"), ("required", false), ("read_only", true), ("label", "Author")]))
        #expect(CharField("body", label: "Text").label == "Text")
        #expect(IntegerField("n", maxValue: 9, minValue: 1).metadataInfo["min_value"] == 1)
    }

    @Test func initialDataWithoutInstanceOrInput() throws {
        let serializer = Serializer()
        serializer.fields = [IntegerField("id", readOnly: true), CharField("title"), BooleanField("flag"), IntegerField("n")]
        #expect(try serializer.data == ["title": "", "flag": false, "n": nil])
    }
}
