import RESTFramework
import Testing

@testable import ReferenceAPI

/// A model serializer types a `ReadOnlyField` from the column its source names, across to-one
/// relations, nullable where a relation on the way or the column may be empty; what it cannot
/// see stays untyped.
struct ReadOnlySourceSchemaTests {
    @Test func sourcesAreTypedFromTheirColumns() {
        #expect(ProjectSerializer.openAPISchema(ofSource: "account.name") == ["type": "string"])
        // `lead` may be null: so may its username.
        #expect(ProjectSerializer.openAPISchema(ofSource: "lead.username") == ["type": ["string", "null"]])
        #expect(ProjectSerializer.openAPISchema(ofSource: "budget") == ["type": ["string", "null"], "format": "decimal"])
        // An annotation, and a key column by its own name.
        #expect(ProjectSerializer.openAPISchema(ofSource: "task_count") == ["type": "integer"])
        #expect(ProjectSerializer.openAPISchema(ofSource: "account_id") == ["type": "integer"])
        #expect(TaskSerializer.openAPISchema(ofSource: "project.account.name") == ["type": "string"])
    }

    /// DRF answers null for a field whose source is None: a project's `lead` (schemathesis'
    /// stateful run made one without and found `null` where the document said an object).
    @Test func aSourceThroughANullableRelationMayBeNull() {
        #expect(ProjectSerializer.openAPISourceMayBeNull("lead"))
        #expect(ProjectSerializer.openAPISourceMayBeNull("lead.username"))
        #expect(ProjectSerializer.openAPISourceMayBeNull("budget"))
        #expect(!ProjectSerializer.openAPISourceMayBeNull("account"))
        #expect(!ProjectSerializer.openAPISourceMayBeNull("account.name"))
        #expect(!ProjectSerializer.openAPISourceMayBeNull("*"))
    }

    @Test func whatTheModelDoesNotSayStaysUntyped() {
        #expect(ProjectSerializer.openAPISchema(ofSource: "settings") == nil)  // JSON: anything
        #expect(ProjectSerializer.openAPISchema(ofSource: "tasks.title") == nil)  // to-many
        #expect(ProjectSerializer.openAPISchema(ofSource: "nothing") == nil)
        #expect(ProjectSerializer.openAPISchema(ofSource: "account.nothing") == nil)
    }
}
