import RESTTesting
import Testing
@testable import RESTFramework

/// `source` as DRF's `get_attribute` follows it, and the context defaults (CurrentUserDefault,
/// CreateOnlyDefault, HiddenField), against DRF 3.18.3's answers.
@Suite struct SourceAndDefaultTests {
    /// A row type of the user's own that leads to related rows (what a model does with relations).
    struct AccountRow: FieldReadable {
        let name: String
        func fieldValue(_ field: String) -> FieldValue? { field == "name" ? .string(name) : nil }
    }

    struct ProjectRow: FieldReadable {
        let account: AccountRow?
        let settings: JSON
        func fieldValue(_ field: String) -> FieldValue? { field == "settings" ? .jsonValue(settings) : nil }
        func relatedObject(_ name: String) -> (any FieldReadable)? { name == "account" ? account : nil }
    }

    @Test func dottedSourcesFollowRelatedObjectsAndJSONMembers() throws {
        let project = ProjectRow(account: AccountRow(name: "Acme"), settings: ["theme": "dark", "a": ["b": 5], "list": [1]])
        let serializer = Serializer(instance: project)
        serializer.fields = [
            ReadOnlyField("account_name", source: "account.name"),
            ReadOnlyField("theme", source: "settings.theme"),
            CharField("deep", source: "settings.a.b", readOnly: true),
            CharField("missing", source: "settings.zzz", readOnly: true),
            ReadOnlyField("in_list", source: "settings.list.x"),
        ]
        // DRF: {"account_name": "Acme", "theme": "dark", "deep": "5"}: a missing key, or a list on
        // the way, leaves a read-only field out.
        #expect(JSONWriter.renderString(try serializer.data) == #"{"account_name":"Acme","theme":"dark","deep":"5"}"#)
    }

    @Test func nullOnTheWayIsAMissingValue() throws {
        // DRF with lead=None: ReadOnlyField(source="lead.username") and a read-only CharField are
        // left out, allow_null gives null, a default stands in, a required field is an error.
        let project = ProjectRow(account: nil, settings: ["a": nil])
        let serializer = Serializer(instance: project)
        serializer.fields = [
            ReadOnlyField("a", source: "account.name"),
            CharField("b", source: "account.name", readOnly: true),
            CharField("c", source: "account.name", readOnly: true, allowNull: true),
            CharField("e", source: "account.name", readOnly: true, default: "x"),
            ReadOnlyField("j", source: "settings.a.b"),
        ]
        #expect(JSONWriter.renderString(try serializer.data) == #"{"c":null,"e":"x"}"#)
        let strict = Serializer(instance: project)
        strict.fields = [CharField("a", source: "account.name")]
        #expect(throws: SerializerConfigurationError.self) { try strict.data }
    }

    @Test func currentUserDefaultIsTheRequestUsersKey() throws {
        let request = APIRequestFactory().post("/api/notes/", data: [:])
        request.user = TestUser(id: 7, username: "ada")  // what authentication leaves on the request
        let owner = HiddenField("owner", default: .currentUser)
        // Input for a hidden field is ignored: the default always applies.
        #expect(try check(owner, 99, context: SerializerContext(request: request)).value == .int(7))
        #expect(try check(owner, nil).value == .null)
        // PATCH applies no default.
        #expect(try check(owner, nil, partial: true, context: SerializerContext(request: request)) == .success(nil))
    }

    @Test func createOnlyDefaultAppliesOnCreateOnly() throws {
        let field = CharField("d", default: .createOnly("y"))
        let creating = Serializer(data: [:])
        creating.fields = [field]
        #expect(try creating.isValid() && creating.validatedData == ["d": "y"])
        // DRF: updating skips the field; representing an instance without the value leaves it out.
        let updating = Serializer(instance: Row(["d": "old"]), data: [:])
        updating.fields = [field]
        #expect(try updating.isValid() && updating.validatedData.isEmpty)
        let shown = Serializer(instance: Row([:]))
        shown.fields = [CharField("c", readOnly: true, default: .createOnly("x"))]
        #expect(JSONWriter.renderString(try shown.data) == "{}")
    }

    @Test func hiddenFieldInputIsNotEchoedWithErrors() throws {
        // DRF: {"name": "abc"}, without the hidden `owner` the client sent.
        let serializer = Serializer(data: ["name": "abc", "owner": 5])
        serializer.fields = [CharField("name", maxLength: 2), HiddenField("owner", default: 1)]
        #expect(try !serializer.isValid())
        #expect(JSONWriter.renderString(try serializer.data) == #"{"name":"abc"}"#)
        #expect(serializer.fieldsMetadata.objectValue?.keys == ["name"])
    }

    @Test func serializerMethodFieldByItsDRFName() throws {
        let serializer = Serializer(instance: Row(["task_count": 2]))
        serializer.fields = [SerializerMethodField("next") { row, _ in .int((row.fieldValue("task_count")?.intValue ?? 0) + 1) }]
        #expect(try serializer.data == ["next": 3])
        #expect(
            JSONWriter.renderString(serializer.fields[0].metadataInfo)
                == #"{"type":"field","required":false,"read_only":true,"label":"Next"}"#)
    }
}
