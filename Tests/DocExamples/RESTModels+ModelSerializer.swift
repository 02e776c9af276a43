// The `///` examples of ModelSerializer's inference (Sources/RESTModels/Serializers, ColumnOptions),
// compiled (DocCommentExampleTests finds them here).
import PostgreSQL
import RESTFramework
import RESTModels

enum InferenceExamples {
    enum Status: String, ColumnEnum { case planned, active, done }

    struct Tag: Model {
        var id: Int64, slug: String, name: String
        static let tableName = "tags"
        static let fields = Fields(
            Tag.init, Field("id", \.id),
            Field("slug", \.slug, .maxLength(50), .unique),
            Field("name", \.name, .maxLength(100)))
    }

    struct Project: Model {
        var id: Int64, account: ForeignKey<Account>, name: String, status: Status, description: String, created: DateTime
        static let tableName = "projects"
        static let fields = Fields(
            Project.init, Field("id", \.id), Field("account_id", \.account), Field("name", \.name, .maxLength(100)),
            Field("status", \.status, .maxLength(10), .default("planned")),
            Field("description", \.description, .blank, .hasDefault),
            Field("created", \.created, .hasDefault, .editable(false)))
        static let relations: [Relation<Project>] = [.foreignKey("account", \.account)]
        static let uniqueTogether = [["account", "name"]]
    }

    // ModelSerializer
    final class TagSerializer: ModelSerializer<Tag> {
        override class var modelFields: ModelFieldSelection? { ["id", "slug", "name"] }
    }

    final class ProjectSerializer: ModelSerializer<Project> {
        override class var modelFields: ModelFieldSelection? { ["url", "id", "account", "account_name", "name"] }
        override class var readOnlyFields: [String] { ["id"] }
        override class var extraKwargs: [String: ExtraKwargs] { ["name": ExtraKwargs(minLength: 3)] }
        override class var declaredFields: [any SerializerField] { [ReadOnlyField("account_name", source: "account.name")] }
    }

    // ModelSerializer.depth
    final class ProjectDepthSerializer: ModelSerializer<Project> {
        override class var modelFields: ModelFieldSelection? { .all }
        override class var depth: Int { 1 }       // "account": {"id": 1, "name": "Acme"}
    }

    // HyperlinkedModelSerializer
    final class ProjectLinkSerializer: HyperlinkedModelSerializer<Project> {
        override class var modelFields: ModelFieldSelection? { .all }
    }

    // ModelFieldSelection
    final class AllFields: ModelSerializer<Project> {
        override class var modelFields: ModelFieldSelection? { .all }                 // "__all__"
    }
    final class Excluding: ModelSerializer<Project> {
        override class var modelFields: ModelFieldSelection? { .exclude(["body"]) }
    }
    final class Listed: ModelSerializer<Note> {
        override class var modelFields: ModelFieldSelection? { ["id", "title", "body"] }
    }

    // ExtraKwargs
    final class WithExtraKwargs: ModelSerializer<Project> {
        override class var extraKwargs: [String: ExtraKwargs] {
            ["name": ExtraKwargs(minLength: 3), "lead": ExtraKwargs(writeOnly: true)]
        }
    }

    // UniqueTogetherValidator
    final class ExplicitValidators: ModelSerializer<Project> {
        override class var validators: [any ObjectValidator] {
            [UniqueTogetherValidator(Project.objects, fields: ["account", "name"])]
        }
    }

    // ColumnOptions
    struct Options: Model {
        var slug: String, status: String, description: String, created: DateTime
        static let tableName = "options"
        static let primaryKey: PrimaryKey = "slug"
        static let fields = Fields(
            Options.init,
            Field("slug", \.slug, .maxLength(50), .unique),
            Field("status", \.status, .maxLength(10), .default("planned")),
            Field("description", \.description, .blank, .hasDefault),
            Field("created", \.created, .hasDefault, .editable(false)))
    }
}
