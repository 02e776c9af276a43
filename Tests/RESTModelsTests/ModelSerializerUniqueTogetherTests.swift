import PostgreSQL
import RESTFramework
import RESTModels
import TestSupport
import Testing

/// Inferred ModelSerializers on PostgreSQL: DRF's UniqueTogetherValidator (its message, the order
/// of checks, updates), the inferred UniqueValidator's message, and a create round trip. What DRF
/// 3.18.3 answered for the same data on the Django twins (ModelSerializerInferenceTests) is quoted
/// in each test.
@Suite(.needsTestsRun) struct ModelSerializerUniqueTogetherTests {
    static func context(_ connection: Connection) -> SerializerContext {
        var extensions = RequestExtensions()
        extensions[DatabaseKey.self] = connection
        return SerializerContext(extensions: extensions)
    }

    /// An account (1, "acme") of ada's with a project "x".
    static func seed(_ connection: Connection) throws -> (account: Account, project: ShapedProject) {
        let ada = try User.objects(on: connection).insert(["username": "ada"])
        let account = try Account.objects(on: connection).insert(["name": "acme", "owner_id": .int(ada.id)])
        let other = try Account.objects(on: connection).insert(["name": "other", "owner_id": .int(ada.id)])
        #expect(other.id == account.id + 1)
        let project = try ShapedProject.objects(on: connection).insert(["account": .int(account.id), "name": "x"])
        return (account, project)
    }

    /// DRF: `{"account": 1, "name": "x"}` → `{"non_field_errors": ["The fields account, name must
    /// make a unique set."]}`; `{}` → `{"account": [...required...], "name": [...]}` in field order.
    @Test func aDuplicatePairIsANonFieldError() throws {
        try withModelsDatabase(schema: ShapedProject.schema) { connection, _ in
            let (account, _) = try Self.seed(connection)
            let duplicate = ProjectWrites(data: ["account": .int(account.id), "name": "x"], context: Self.context(connection))
            #expect(try !duplicate.isValid())
            #expect(duplicate.errors == ["non_field_errors": ["The fields account, name must make a unique set."]])

            let empty = ProjectWrites(data: [:], context: Self.context(connection))
            #expect(try !empty.isValid())
            #expect(empty.errors == ["account": ["This field is required."], "name": ["This field is required."]])

            // Another account may have a project "x"; a nullable lead may be null.
            let elsewhere = ProjectWrites(
                data: ["account": .int(account.id + 1), "name": "x", "lead": nil], context: Self.context(connection))
            #expect(try elsewhere.isValid())
            let saved = try #require(try elsewhere.save() as? ShapedProject)
            #expect(saved.account.id == account.id + 1 && saved.lead == nil && saved.status == .planned && saved.priority == 2)
            #expect(try elsewhere.data == ["id": .int(saved.id), "account": .int(account.id + 1), "name": "x", "lead": nil])
        }
    }

    /// DRF: field errors first; the set is checked only once every field is valid (a bad lead
    /// with a duplicate pair reports the lead alone: `{"lead": ["Invalid pk \"999\" - object does
    /// not exist."]}`), and before `validate(attrs)`.
    @Test func fieldErrorsFirstThenUniqueTogetherThenValidate() throws {
        try withModelsDatabase(schema: ShapedProject.schema) { connection, _ in
            let (account, _) = try Self.seed(connection)
            let badLead = ProjectWrites(
                data: ["account": .int(account.id), "name": "x", "lead": 999], context: Self.context(connection))
            #expect(try !badLead.isValid())
            #expect(badLead.errors == ["lead": ["Invalid pk \"999\" - object does not exist."]])

            let duplicate = ValidatingProject(data: ["account": .int(account.id), "name": "x"], context: Self.context(connection))
            #expect(try !duplicate.isValid())
            #expect(duplicate.errors == ["non_field_errors": ["The fields account, name must make a unique set."]])

            let fresh = ValidatingProject(data: ["account": .int(account.id), "name": "y"], context: Self.context(connection))
            #expect(try !fresh.isValid())
            #expect(fresh.errors == ["non_field_errors": ["validate ran"]])
        }
    }

    /// DRF: an update does not collide with itself; a partial update fills the other field of
    /// the set from the instance; renaming onto another project's pair is the error.
    @Test func updatesExcludeTheInstance() throws {
        try withModelsDatabase(schema: ShapedProject.schema) { connection, _ in
            let (account, project) = try Self.seed(connection)
            let same = ProjectWrites(
                instance: project, data: ["account": .int(account.id), "name": "x"], context: Self.context(connection))
            #expect(try same.isValid())
            let other = try ShapedProject.objects(on: connection).insert(["account": .int(account.id), "name": "y"])
            let rename = ProjectWrites(instance: other, data: ["name": "x"], partial: true, context: Self.context(connection))
            #expect(try !rename.isValid())
            #expect(rename.errors == ["non_field_errors": ["The fields account, name must make a unique set."]])
            let move = ProjectWrites(
                instance: other, data: ["account": .int(account.id + 1)], partial: true, context: Self.context(connection))
            #expect(try move.isValid())
        }
    }

    /// DRF's `enforce_required_fields`: a create without a field of the set (made optional by
    /// `extra_kwargs`) is `{"name": ["This field is required."]}`, from the validator.
    @Test func aCreateMissingAFieldOfTheSetIsRequired() throws {
        try withModelsDatabase(schema: ShapedProject.schema) { connection, _ in
            let (account, _) = try Self.seed(connection)
            let missing = UniqueTogetherOptional(data: ["account": .int(account.id)], context: Self.context(connection))
            #expect(try !missing.isValid())
            #expect(missing.errors == ["name": ["This field is required."]])
        }
    }

    /// DRF: `{"slug": "t"}` with a tag "t" stored → `{"slug": ["tag with this slug already
    /// exists."], "name": ["This field is required."]}`.
    @Test func theInferredUniqueValidatorSpeaksDjango() throws {
        try withModelsDatabase(schema: ShapedProject.schema) { connection, _ in
            _ = try ShapedTag.objects(on: connection).insert(["slug": "t", "name": "T"])
            let tag = TagFields(data: ["slug": "t"], context: Self.context(connection))
            #expect(try !tag.isValid())
            #expect(tag.errors == ["slug": ["tag with this slug already exists."], "name": ["This field is required."]])
        }
    }
}

final class ValidatingProject: ModelSerializer<ShapedProject> {
    override class var modelFields: ModelFieldSelection? { ["id", "account", "name"] }
    override func validate(_ attrs: ValidatedData) throws -> ValidatedData {
        throw ValidationError("validate ran")
    }
}

/// Declares what `shaped_tags` does not have: slug is varchar(50), name has no default and no
/// unique index, and no index covers (slug, name).
struct MisdeclaredTag: Model {
    var id: Int64
    var slug: String
    var name: String

    static let tableName = "shaped_tags"
    static let fields = Fields(
        MisdeclaredTag.init, Field("id", \.id), Field("slug", \.slug, .maxLength(40), .unique),
        Field("name", \.name, .hasDefault, .unique))
    static let uniqueTogether = [["slug", "name"]]
}

@Suite(.needsTestsRun) struct ModelCheckOptionsTests {
    @Test func declaredOptionsAreCheckedAgainstTheTable() throws {
        try withModelsDatabase(schema: ShapedProject.schema) { connection, _ in
            let sound = try ModelCheck.differences(of: [ShapedProject.self, ShapedTag.self], on: connection)
            #expect(sound == [])
            let misdeclared = try ModelCheck.differences(of: [MisdeclaredTag.self], on: connection)
            #expect(
                misdeclared.map(\.description) == [
                    #"MisdeclaredTag.slug: column "slug" of "shaped_tags" is character varying(50); the model declares .maxLength(40)"#,
                    #"MisdeclaredTag.name: column "name" of "shaped_tags" has no default; the model declares one (an INSERT leaving it out would fail)"#,
                    #"MisdeclaredTag.name: the model declares the unique column "name", and "shaped_tags" has no unique index or constraint on it"#,
                    #"MisdeclaredTag: the model declares the unique-together set (slug, name), and "shaped_tags" has no unique index or constraint on it"#,
                ])
        }
    }
}
