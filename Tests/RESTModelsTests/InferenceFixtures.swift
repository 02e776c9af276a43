import PostgreSQL
import RESTFramework
import RESTModels

// Models shaped like the part-2 spec's projects and tags (shared/spec/reference-api-2.md), for
// ModelSerializer's inference: `account` + `name` unique together, `status` with choices and a
// default, a nullable `lead`, a unique `slug`. Their Django twins (DRF 3.18, Django 5.2, on
// PostgreSQL) are written out in ModelSerializerInferenceTests, with what DRF answered.

struct ShapedProject: Model, Identifiable {
    enum Status: String, ColumnEnum { case planned, active, done }

    var id: Int64
    var account: ForeignKey<Account>
    var name: String
    var lead: ForeignKey<User>?
    var status: Status
    var note: String
    var priority: Int16
    var hours: Int32?
    var done: Bool
    var dateJoined: DateTime
    var updated: DateTime

    static let modelName = "Project"
    static let tableName = "shaped_projects"
    static let fields = Fields(
        ShapedProject.init, Field("id", \.id), Field("account_id", \.account), Field("name", \.name, .maxLength(100)),
        Field("lead_id", \.lead), Field("status", \.status, .maxLength(10), .default("planned")),
        Field("note", \.note, .blank, .hasDefault), Field("priority", \.priority, .hasDefault), Field("hours", \.hours),
        Field("done", \.done, .hasDefault), Field("date_joined", \.dateJoined, .hasDefault, .editable(false)),
        Field("updated", \.updated, .hasDefault))
    static let relations: [Relation<ShapedProject>] = [.foreignKey("account", \.account), .foreignKey("lead", \.lead)]
    static let uniqueTogether = [["account", "name"]]

    static let schema =
        ReferenceSchema.sql + """
            ;
            CREATE TABLE shaped_projects (
                id bigserial PRIMARY KEY,
                account_id bigint NOT NULL REFERENCES accounts ON DELETE CASCADE,
                name varchar(100) NOT NULL,
                lead_id bigint NULL REFERENCES users ON DELETE SET NULL,
                status varchar(10) NOT NULL DEFAULT 'planned',
                note text NOT NULL DEFAULT '',
                priority smallint NOT NULL DEFAULT 2,
                hours integer NULL,
                done boolean NOT NULL DEFAULT false,
                date_joined timestamptz NOT NULL DEFAULT now(),
                updated timestamptz NOT NULL DEFAULT now(),
                UNIQUE (account_id, name));
            CREATE TABLE shaped_tags (id bigserial PRIMARY KEY, slug varchar(50) NOT NULL UNIQUE, name varchar(100) NOT NULL);
            """
}

struct ShapedTag: Model {
    var id: Int64
    var slug: String
    var name: String

    static let modelName = "Tag"
    static let tableName = "shaped_tags"
    static let fields = Fields(
        ShapedTag.init, Field("id", \.id), Field("slug", \.slug, .maxLength(50), .unique), Field("name", \.name, .maxLength(100)))
}

/// DRF: `fields = "__all__"` (status needs ChoiceField, which this serializer leaves out until it lands).
final class AllProjectFields: ModelSerializer<ShapedProject> {
    override class var modelFields: ModelFieldSelection? { .exclude(["status"]) }
}

/// DRF: `fields = ["id", "account", "name", "lead"]`.
final class ProjectWrites: ModelSerializer<ShapedProject> {
    override class var modelFields: ModelFieldSelection? { ["id", "account", "name", "lead"] }
}

/// DRF: `fields = ["id", "slug", "name"]`.
final class TagFields: ModelSerializer<ShapedTag> {
    override class var modelFields: ModelFieldSelection? { ["id", "slug", "name"] }
}
