import PostgreSQL
import RESTFramework
import RESTModels
import TestSupport
import Testing

/// The spec's `priority`: 1 high, 2 normal, 3 low.
enum SourcePriority: Int16, ColumnEnum {
    case high = 1, normal = 2, low = 3

    var displayName: String {
        switch self {
        case .high: "high"
        case .normal: "normal"
        case .low: "low"
        }
    }
}

/// The relation tests' tasks with a `priority` and a computed value, for serializer sources.
struct SourceTask: Model, Identifiable {
    var id: Int64
    var project: ForeignKey<Project>
    var title: String
    var assignee: ForeignKey<User>?
    var priority: SourcePriority

    static let tableName = "tasks"
    static let columns: [Column<SourceTask>] = [
        Column("id", \.id), Column("project_id", \.project), Column("title", \.title),
        Column("assignee_id", \.assignee), Column("priority", \.priority),
    ]
    static let relations: [Relation<SourceTask>] = [.foreignKey("project", \.project), .foreignKey("assignee", \.assignee)]
    static let properties = [ModelProperty<SourceTask>("shout") { .string($0.title.uppercased() + "!") }]

    init(row: ModelRow) throws {
        id = try row["id"]; project = try row["project_id"]; title = try row["title"]
        assignee = try row["assignee_id"]; priority = try row["priority"]
    }
}

final class SourceTaskSerializer: Serializer {
    override class var fields: [any SerializerField] {
        [
            IntegerField("id", readOnly: true),
            ReadOnlyField("project_name", source: "project.name"),
            ReadOnlyField("account_name", source: "project.account.name"),
            ReadOnlyField("assignee", source: "assignee.username"),
            CharField("assignee_name", source: "assignee.username", readOnly: true, allowNull: true),
            ChoiceField("priority", choices: SourcePriority.choices ?? []),
            CharField("priority_display", source: "get_priority_display", readOnly: true),
            ReadOnlyField("shout"),
        ]
    }
}

final class MemberBioSerializer: Serializer {
    override class var fields: [any SerializerField] { [ReadOnlyField("username"), ReadOnlyField("bio", source: "profile.bio")] }
}

/// DRF's `source` across real relations on PostgreSQL: dotted paths through what
/// `selectRelated` filled, DRF's omission when a relation on the way is empty, model properties
/// and `get_<column>_display`.
@Suite(.needsTestsRun) struct SerializerSourceTests {
    static let schema = RelationSchema.sql + "\nALTER TABLE tasks ADD COLUMN priority smallint NOT NULL DEFAULT 2;"

    @Test func sourcesAcrossRelationsAsDRFReadsThem() throws {
        try withModelsDatabase(schema: Self.schema) { connection, _ in
            let seed = try RelationSchema.seed(connection)
            _ = try RelationsTests.seedTasks(connection, seed)
            _ = try connection.execute("UPDATE tasks SET priority = 1 WHERE title = 'task 1'")
            _ = try connection.execute("UPDATE tasks SET priority = 3 WHERE title = 'task 2'")
            let tasks = try SourceTask.objects(on: connection)
                .selectRelated("project", "project__account", "assignee").orderBy("id").limit(3).all()
            // DRF 3.18 for the same rows: task 1 has no assignee, so ReadOnlyField(source=
            // "assignee.username") is left out (AttributeError on None) and allow_null gives null.
            let expected = [
                #"{"id":\#(tasks[0].id),"project_name":"Apollo","account_name":"Acme","assignee":"ada","assignee_name":"ada","#
                    + #""priority":2,"priority_display":"normal","shout":"TASK 0!"}"#,
                #"{"id":\#(tasks[1].id),"project_name":"Borealis","account_name":"Globex","assignee_name":null,"#
                    + #""priority":1,"priority_display":"high","shout":"TASK 1!"}"#,
                #"{"id":\#(tasks[2].id),"project_name":"Cygnus","account_name":"Acme","assignee":"grace","assignee_name":"grace","#
                    + #""priority":3,"priority_display":"low","shout":"TASK 2!"}"#,
            ]
            // Through the model's readers (a list) and by name (each field on its own): the same.
            let listed = try SourceTaskSerializer.many(instances: tasks).data
            #expect(listed.arrayValue?.map { JSONWriter.renderString($0) } == expected)
            for (task, json) in zip(tasks, expected) {
                var object = JSONObject()
                for field in SourceTaskSerializer.fields {
                    if let value = try field.representation(of: task, context: SerializerContext()) { object.append(field.name, value) }
                }
                #expect(JSONWriter.renderString(.object(object)) == json)
            }
            #expect((tasks[0].relatedObject("project") as? Project)?.name == "Apollo")
            #expect(tasks[1].relatedObject("assignee") == nil)
            #expect(tasks[1].fieldValue("assignee.username") == nil)
            #expect(tasks[0].fieldValue("get_priority_display") == "normal")
        }
    }

    @Test func aRelationNotReadIsNullNotMissing() throws {
        try withModelsDatabase(schema: Self.schema) { connection, _ in
            let seed = try RelationSchema.seed(connection)
            _ = try RelationsTests.seedTasks(connection, seed)
            let tasks = try SourceTask.objects(on: connection).orderBy("id").limit(2).all()
            // Without selectRelated the related rows were not read: a key with no row read is
            // null (no query per row); an empty key is still missing.
            #expect(tasks[0].fieldValue("assignee.username") == .null)
            #expect(tasks[1].fieldValue("assignee.username") == nil)
            let rows = try SourceTaskSerializer.many(instances: tasks).data.arrayValue ?? []
            #expect(rows.count == 2 && rows[0]["assignee"] == .null && rows[1]["assignee"] == nil)
        }
    }

    @Test func aMissingReverseOneToOneIsNull() throws {
        try withModelsDatabase(schema: Self.schema) { connection, _ in
            let seed = try RelationSchema.seed(connection)
            _ = try Profile.objects(on: connection).insert(["user": .int(seed.users[1].id), "bio": "Turing"])
            let members = try Member.objects(on: connection).selectRelated("profile").orderBy("id").limit(2).all()
            // DRF's get_attribute returns None for ObjectDoesNotExist (a user without a profile):
            // the field is null, not left out as for an empty foreign key.
            let rows = try MemberBioSerializer.many(instances: members).data
            #expect(JSONWriter.renderString(rows) == #"[{"username":"ada","bio":null},{"username":"alan","bio":"Turing"}]"#)
        }
    }
}
