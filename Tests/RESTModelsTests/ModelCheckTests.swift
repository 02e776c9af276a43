import PostgreSQL
import RESTFramework
import RESTModels
import TestSupport
import Testing

// Models that disagree with `PlannedTask.schema`, one way each.

/// Its table was never made.
struct Ghost: Model {
    var id: Int64
    static let tableName = "ghosts"
    static let fields = Fields(Ghost.init, Field("id", \.id))
}

/// An annotation whose SQL names a column `users` does not have.
struct MisspelledTask: Model {
    var id: Int64
    var projectID: Int64
    var title: String
    var assignee: String?
    static let tableName = "tasks"
    static let fields = Fields(
        MisspelledTask.init, Field("id", \.id), Field("project_id", \.projectID), Field("title", \.title),
        .annotation("assignee", \.assignee, sql: "SELECT usrname FROM users WHERE users.id = tasks.assignee_id"))
}

/// An annotation of another type than its property's.
struct MistypedAnnotationTask: Model {
    var id: Int64
    var projectID: Int64
    var title: String
    var assigneeCount: String
    static let tableName = "tasks"
    static let fields = Fields(
        MistypedAnnotationTask.init, Field("id", \.id), Field("project_id", \.projectID), Field("title", \.title),
        .annotation("assignee_count", \.assigneeCount, sql: "SELECT count(*) FROM users"))
}

/// Two same-typed fields swapped: it compiles, and each would read the other's column.
struct SwappedTask: Model {
    var id: Int64
    var projectID: Int64
    var title: String
    static let tableName = "tasks"
    static let fields = Fields(
        SwappedTask.init, Field("id", \.projectID), Field("project_id", \.id), Field("title", \.title))
}

/// Leaves out `project_id`, which is NOT NULL without a default: no INSERT could succeed.
struct PartialTask: Model {
    var id: Int64
    var title: String
    static let tableName = "tasks"
    static let fields = Fields(PartialTask.init, Field("id", \.id), Field("title", \.title))
}

/// `ModelCheck`: each model against its table at startup, every difference named.
@Suite(.needsTestsRun) struct ModelCheckTests {
    static func differences(_ models: [any Model.Type], after change: String = "") throws -> [String] {
        try withModelsDatabase(schema: PlannedTask.schema + ";" + change) { connection, _ in
            try ModelCheck.differences(of: models, on: connection).map(\.description)
        }
    }

    @Test func matchingModelsHaveNoDifferences() throws {
        // Fields models, a hand-written one (Specimen) and the reference models.
        let models: [any Model.Type] = [PlannedTask.self, Specimen.self, Widget.self, User.self, Token.self, Account.self, Note.self]
        let widgets = Widget.schema.replacingOccurrences(of: ReferenceSchema.sql + ";", with: "")
        #expect(try Self.differences(models, after: Specimen.schema + ";" + widgets) == [])
    }

    @Test func aMissingTable() throws {
        #expect(try Self.differences([Ghost.self]) == [#"Ghost: table "ghosts" does not exist (are the migrations applied?)"#])
    }

    @Test func aMissingColumn() throws {
        #expect(
            try Self.differences([PlannedTask.self], after: "ALTER TABLE tasks DROP COLUMN done") == [
                #"PlannedTask.done: column "done" of "tasks" does not exist; the model reads Bool"#
            ])
    }

    @Test func aNullableColumnBehindANonOptional() throws {
        #expect(
            try Self.differences([PlannedTask.self], after: "ALTER TABLE tasks ALTER COLUMN title DROP NOT NULL") == [
                #"PlannedTask.title: column "title" of "tasks" is character varying(200) NULL; the model reads String (not Optional): declare String?"#
            ])
    }

    @Test func aColumnOfAnotherType() throws {
        #expect(
            try Self.differences([PlannedTask.self], after: "ALTER TABLE tasks ALTER COLUMN priority TYPE text") == [
                #"PlannedTask.priority: column "priority" of "tasks" is text; the model reads Int, which needs int2, int4 or int8"#
            ])
    }

    @Test func anAnnotationWhoseSQLFails() throws {
        #expect(
            try Self.differences([MisspelledTask.self]) == [
                #"MisspelledTask.assignee: the SQL of annotation "assignee" fails: column "usrname" does not exist"#
            ])
    }

    @Test func anAnnotationOfAnotherType() throws {
        #expect(
            try Self.differences([MistypedAnnotationTask.self]) == [
                #"MistypedAnnotationTask.assigneeCount: annotation "assignee_count" is bigint; the model reads String, which needs text, varchar or bpchar"#
            ])
    }

    @Test func twoSameTypedFieldsSwapped() throws {
        #expect(
            try Self.differences([SwappedTask.self]) == [
                #"SwappedTask.projectID: Field("id", \.projectID) stands where the memberwise initializer takes id: list the fields in the properties' order"#,
                #"SwappedTask.id: Field("project_id", \.id) stands where the memberwise initializer takes projectID: list the fields in the properties' order"#,
            ])
    }

    @Test func aRequiredColumnTheModelLacks() throws {
        #expect(
            try Self.differences([PartialTask.self]) == [
                #"PartialTask: column "project_id" of "tasks" is bigint NOT NULL without a default, and the model has no field for it: every INSERT would fail; declare it"#
            ])
    }

    /// A hand-written model (no key paths): named by its column and `ColumnType`.
    @Test func aHandWrittenModelsColumn() throws {
        #expect(
            try Self.differences([Specimen.self], after: Specimen.schema + "; ALTER TABLE specimens ALTER COLUMN n TYPE text") == [
                #"Specimen.n: column "n" of "specimens" is text; the model reads .int (nullable), which needs int2, int4 or int8"#
            ])
    }

    /// Every difference of every model at once, not only the first.
    @Test func allDifferencesTogether() throws {
        let found = try Self.differences(
            [Ghost.self, PlannedTask.self, PartialTask.self],
            after: "ALTER TABLE tasks DROP COLUMN done; ALTER TABLE tasks ALTER COLUMN title DROP NOT NULL")
        #expect(
            found == [
                #"Ghost: table "ghosts" does not exist (are the migrations applied?)"#,
                #"PlannedTask.title: column "title" of "tasks" is character varying(200) NULL; the model reads String (not Optional): declare String?"#,
                #"PlannedTask.done: column "done" of "tasks" does not exist; the model reads Bool"#,
                #"PartialTask.title: column "title" of "tasks" is character varying(200) NULL; the model reads String (not Optional): declare String?"#,
                #"PartialTask: column "project_id" of "tasks" is bigint NOT NULL without a default, and the model has no field for it: every INSERT would fail; declare it"#,
            ])
    }
}
