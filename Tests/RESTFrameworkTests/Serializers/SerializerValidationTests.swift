import Testing
@testable import RESTFramework
import RESTTesting

/// A note-like serializer with DRF's hooks, mirroring a reference run of DRF.
final class NoteSerializer: Serializer {
    override class var fields: [any SerializerField] {
        [
            IntegerField("id", readOnly: true),
            CharField("title", maxLength: 5),
            CharField("body", required: false, default: "", allowBlank: true),
            IntegerField("count", required: false),
            ReadOnlyField("author", source: "author.username"),
        ]
    }

    override func validateField(_ name: String, value: FieldValue) throws -> FieldValue {
        guard name == "title", let title = value.stringValue else { return value }
        if title == "bad" { throw ValidationError("No bad titles.") }
        return .string(title.uppercased())
    }

    override func validate(_ attrs: ValidatedData) throws -> ValidatedData {
        switch attrs["title"] {
        case "DICT": throw ValidationError(["body": "Body wrong.", "count": ["x", "y"]])
        case "LIST": throw ValidationError(["one", "two"])
        case "MSG": throw ValidationError("whole")
        default: return attrs
        }
    }

    override func create(_ validatedData: ValidatedData) throws -> any FieldReadable {
        var values: [String: FieldValue] = ["id": 1, "author.username": "ada"]
        for (key, value) in validatedData { values[key] = value }
        return Row(values)
    }
}

@Suite struct SerializerValidationTests {
    func errors(_ data: JSON?, partial: Bool = false, instance: (any FieldReadable)? = nil) throws -> JSON {
        let serializer = NoteSerializer(instance: instance, data: data, partial: partial)
        _ = try serializer.isValid()
        return serializer.errors
    }

    func validated(_ data: JSON, partial: Bool = false, instance: (any FieldReadable)? = nil) throws -> ValidatedData? {
        let serializer = NoteSerializer(instance: instance, data: data, partial: partial)
        return try serializer.isValid() ? serializer.validatedData : nil
    }

    @Test func bodiesThatAreNotObjects() throws {
        #expect(try errors(.null) == ["non_field_errors": ["No data provided"]])
        for (body, name) in [
            (JSON.array([1]), "list"), ("x", "str"), (1, "int"), (.bigInt("123456789012345678901"), "int"),
            (1.5, "float"), (true, "bool"),
        ] {
            #expect(try errors(body) == ["non_field_errors": [.string("Invalid data. Expected a dictionary, but got \(name).")]])
        }
    }

    @Test func nonFieldErrorsKeyComesFromTheContext() throws {
        let serializer = NoteSerializer(data: [1], context: SerializerContext(nonFieldErrorsKey: "errors"))
        #expect(try serializer.isValid() == false)
        #expect(serializer.errors == ["errors": ["Invalid data. Expected a dictionary, but got list."]])
    }

    @Test func everyFailingFieldInFieldOrder() throws {
        // Input order differs from field order; errors follow the fields.
        let result = try errors(["count": "x", "title": "bad"])
        #expect(JSONWriter.renderString(result) == #"{"title":["No bad titles."],"count":["A valid integer is required."]}"#)
        #expect(try errors([:]) == ["title": ["This field is required."]])
    }

    @Test func fieldAndObjectHooks() throws {
        #expect(try validated(["title": "ok"]) == ["title": "OK", "body": ""])
        #expect(try errors(["title": "dict"]) == ["body": ["Body wrong."], "count": ["x", "y"]])
        #expect(try errors(["title": "list"]) == ["non_field_errors": ["one", "two"]])
        #expect(try errors(["title": "msg"]) == ["non_field_errors": ["whole"]])
    }

    @Test func objectHookRunsOnlyWhenFieldsAreValid() throws {
        #expect(try errors(["title": "dict", "count": "x"]) == ["count": ["A valid integer is required."]])
    }

    @Test func readOnlyAndUnknownKeysAreIgnored() throws {
        #expect(try validated(["title": "ok", "id": 5, "author": "eve", "zzz": 1]) == ["title": "OK", "body": ""])
    }

    @Test func partialValidatesOnlyWhatIsSupplied() throws {
        #expect(try validated(["count": 3], partial: true) == ["count": 3])
        #expect(try validated([:], partial: true) == ValidatedData())
        #expect(try errors(["title": ""], partial: true) == ["title": ["This field may not be blank."]])
        #expect(try errors(["count": .null], partial: true) == ["count": ["This field may not be null."]])
    }

    @Test func fullUpdateRequiresRequiredFieldsAndAppliesDefaults() throws {
        let existing = Row(["id": 1, "title": "a", "body": "old"])
        #expect(try errors(["count": 3], instance: existing) == ["title": ["This field is required."]])
        // As in DRF, a field's default applies whenever the update is not partial.
        #expect(try validated(["title": "ok"], instance: existing) == ["title": "OK", "body": ""])
    }

    @Test func raiseException() throws {
        let serializer = NoteSerializer(data: ["title": "toolong"])
        #expect(throws: ValidationError.self) { try serializer.isValid(raiseException: true) }
        do {
            try serializer.isValid(raiseException: true)
        } catch let error as ValidationError {
            #expect(error.statusCode == 400)
            #expect(error.responseData == ["title": ["Ensure this field has no more than 5 characters."]])
        }
    }

    @Test func misuseIsAConfigurationError() throws {
        #expect(throws: SerializerConfigurationError.self) { try NoteSerializer().isValid() }
        let unvalidated = NoteSerializer(data: ["title": "ok"])
        #expect(throws: SerializerConfigurationError.self) { try unvalidated.save() }
        #expect(throws: SerializerConfigurationError.self) { try unvalidated.data }
        let invalid = NoteSerializer(data: [:])
        _ = try invalid.isValid()
        #expect(throws: SerializerConfigurationError.self) { try invalid.save() }
    }

    @Test func saveCreatesWithExtraAttributes() throws {
        let serializer = NoteSerializer(data: ["title": "hi", "count": "2"])
        #expect(try serializer.isValid())
        let saved = try serializer.save(["author_id": 4])
        #expect(saved.fieldValue("author_id") == 4)
        #expect(try serializer.data == ["id": 1, "title": "HI", "body": "", "count": 2, "author": "ada"])
    }

    @Test func dataAfterInvalidInputIsTheInputOfWritableFields() throws {
        let serializer = NoteSerializer(data: ["title": "", "zzz": 1, "count": 2, "id": 3])
        #expect(try serializer.isValid() == false)
        #expect(try serializer.data == ["title": "", "count": 2])
    }

    @Test func sourceMapsValidatedDataAndOutput() throws {
        let serializer = Serializer(data: ["name": "  Ada "])
        serializer.fields = [CharField("name", source: "first_name")]
        #expect(try serializer.isValid())
        #expect(serializer.validatedData == ["first_name": "Ada"])
        let reader = Serializer(instance: Row(["first_name": "Ada"]))
        reader.fields = [CharField("name", source: "first_name")]
        #expect(try reader.data == ["name": "Ada"])
    }

    @Test func validatorsSeeTheInstanceBeingUpdated() throws {
        // "taken" belongs to user 1: updating user 1 keeps it, anyone else may not take it.
        let own = UserSerializer(instance: Row(["id": 1, "username": "taken"]), data: ["username": "taken"], partial: true)
        #expect(try own.isValid())
        let other = UserSerializer(instance: Row(["id": 2, "username": "other"]), data: ["username": "taken"], partial: true)
        #expect(try other.isValid() == false)
        #expect(other.errors == ["username": ["A user with that username already exists."]])
        let creating = UserSerializer(data: ["username": "taken"])
        #expect(try creating.isValid() == false)
    }

    @Test func objectValidatorsRunBeforeValidate() throws {
        struct DifferentNames: ObjectValidator {
            func validate(_ attrs: ValidatedData, context: ObjectValidationContext) throws {
                if attrs["first"] != nil, attrs["first"] == attrs["last"] {
                    throw ValidationError("The fields first, last must make a unique set.", code: "unique")
                }
            }
        }
        final class Names: Serializer {
            override class var fields: [any SerializerField] { [CharField("first"), CharField("last")] }
            override class var validators: [any ObjectValidator] { [DifferentNames()] }
        }
        let serializer = Names(data: ["first": "a", "last": "a"])
        #expect(try serializer.isValid() == false)
        #expect(serializer.errors == ["non_field_errors": ["The fields first, last must make a unique set."]])
    }

    /// DRF's `run_validators` for the object (3.18, checked): every validator runs and their
    /// messages are kept in order, `{"non_field_errors": ["first", "second", "third"]}`; an
    /// object of field errors stops at once, `{"last": ["dict"]}`; `validate` does not run.
    @Test func objectValidatorsReportEveryMessage() throws {
        struct Failing: ObjectValidator {
            let detail: JSON
            func validate(_ attrs: ValidatedData, context: ObjectValidationContext) throws { throw ValidationError(detail) }
        }
        final class Collecting: Serializer {
            override class var fields: [any SerializerField] { [CharField("first"), CharField("last")] }
            override class var validators: [any ObjectValidator] {
                [Failing(detail: "first"), Failing(detail: ["second", "third"])]
            }
            override func validate(_ attrs: ValidatedData) throws -> ValidatedData { throw ValidationError("validate") }
        }
        final class Stopping: Serializer {
            override class var fields: [any SerializerField] { [CharField("first"), CharField("last")] }
            override class var validators: [any ObjectValidator] {
                [Failing(detail: "first"), Failing(detail: ["last": "dict"]), Failing(detail: "second")]
            }
        }
        let collecting = Collecting(data: ["first": "a", "last": "a"])
        #expect(try collecting.isValid() == false)
        #expect(collecting.errors == ["non_field_errors": ["first", "second", "third"]])
        let stopping = Stopping(data: ["first": "a", "last": "a"])
        #expect(try stopping.isValid() == false)
        #expect(stopping.errors == ["last": ["dict"]])
    }

    @Test func hiddenFieldsTakeTheirDefault() throws {
        let serializer = Serializer(data: ["author": 99, "title": "x"])
        serializer.fields = [CharField("title"), HiddenField("author", default: .computed { _ in 42 })]
        #expect(try serializer.isValid())
        #expect(serializer.validatedData == ["title": "x", "author": 42])
        #expect(try Serializer(instance: Row(["title": "x", "author": 42])).data == [:])
        serializer.instance = Row(["title": "x", "author": 42])
        #expect(serializer.fieldsMetadata.objectValue?.keys == ["title"])
    }

    @Test func userSerializerAsTheSpecDescribesIt() throws {
        let long = "taken!" + String(repeating: "x", count: 150)
        let serializer = UserSerializer(data: [
            "username": .string(long), "email": .string(String(repeating: "a", count: 250) + "@b.com"),
            "is_staff": "maybe", "first_name": true, "last_login": "garbage",
        ])
        #expect(try serializer.isValid() == false)
        #expect(
            serializer.errors == [
                "username": [
                    "Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.",
                    "Ensure this field has no more than 150 characters.",
                ],
                "email": ["Ensure this field has no more than 254 characters."],
                "first_name": ["Not a valid string."],
                "is_staff": ["Must be a valid boolean."],
            ])
        let nulls = UserSerializer(data: ["username": nil, "email": nil, "first_name": nil, "is_staff": nil])
        #expect(try nulls.isValid() == false)
        #expect(nulls.errors.objectValue?.keys == ["username", "email", "first_name", "is_staff"])
    }

    @Test func validatorsAndLookupsReachTheContextExtensions() throws {
        enum TakenNames: RequestExtensionKey { typealias Value = Set<String> }
        struct UniqueInStore: Validator {
            func validate(_ value: FieldValue, context: FieldValidationContext) throws {
                let taken = context.serializerContext.extensions[TakenNames.self] ?? []
                if let name = value.stringValue, taken.contains(name) { throw ValidationError("Taken.", code: "unique") }
            }
        }
        let request = APIRequestFactory().post("/api/users/")
        request.extensions[TakenNames.self] = ["ada"]
        let serializer = Serializer(data: ["name": "ada"], context: SerializerContext(request: request))
        serializer.fields = [CharField("name", validators: [UniqueInStore()])]
        #expect(try serializer.isValid() == false)
        #expect(serializer.errors == ["name": ["Taken."]])
    }
}
