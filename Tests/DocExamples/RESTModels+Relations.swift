// The `///` examples of Sources/RESTModels/Relations, compiled (DocCommentExampleTests finds them here).
import PostgreSQL
import RESTFramework
import RESTModels

/// A namespace: the filter examples have a `Project` of their own.
enum RelationDocs {
    struct Label: Model, Identifiable {
        var id: Int64, name: String
        static let tableName = "labels"
        static let columns: [Column<Label>] = [Column("id", \.id), Column("name", \.name)]
        init(row: ModelRow) throws { id = try row["id"]; name = try row["name"] }
    }

    struct Project: Model, Identifiable {
        var id: Int64, name: String
        var account: ForeignKey<Account>
        var issues: RelatedSet<Issue>

        static let tableName = "projects"
        static let columns: [Column<Project>] = [Column("id", \.id), Column("name", \.name), Column("account_id", \.account)]
        static let relations: [Relation<Project>] = [.foreignKey("account", \.account), .reverse("issues", \.issues, column: "project_id")]
        init(row: ModelRow) throws { id = try row["id"]; name = try row["name"]; account = try row["account_id"]; issues = .notLoaded }
    }

    struct Issue: Model, Identifiable {
        var id: Int64, done: Bool
        var project: ForeignKey<Project>        // project_id bigint NOT NULL
        var assignee: ForeignKey<User>?         // assignee_id bigint NULL: nil when NULL
        var labels: RelatedSet<Label>           // not a column: issue_labels holds the pairs

        static let tableName = "issues"
        static let columns: [Column<Issue>] = [
            Column("id", \.id), Column("done", \.done), Column("project_id", \.project), Column("assignee_id", \.assignee),
        ]
        static let relations: [Relation<Issue>] = [
            .foreignKey("project", \.project),                 // column project_id
            .foreignKey("assignee", \.assignee),               // ForeignKey<User>?: nullable, LEFT JOIN
            .manyToMany("labels", \.labels, through: "issue_labels", source: "issue_id", target: "label_id"),
        ]
        init(row: ModelRow) throws {
            id = try row["id"]; done = try row["done"]; project = try row["project_id"]; assignee = try row["assignee_id"]
            labels = .notLoaded
        }
    }

    enum RelationExamples {
        static func reading(_ issue: Issue, on connection: Connection) throws -> (Project, String?) {
            let project = try issue.project.fetch(on: connection)   // no query after selectRelated("project")
            let name = issue.project.instance?.name                   // nil unless selected or prefetched
            return (project, name)
        }

        static func prefetching(on connection: Connection) throws -> [String]? {
            let issues = try Issue.objects(on: connection).prefetchRelated("labels").all()
            let names = issues[0].labels.all?.map(\.name)    // no query
            return names
        }

        static func loading(on connection: Connection) throws -> (Account?, [[String]]) {
            let issues = try Issue.objects(on: connection).selectRelated("project__account", "assignee").all()
            let account = issues[0].project.instance?.account.instance   // no further query
            let prefetched = try {
                let issues = try Issue.objects(on: connection).prefetchRelated("labels", "project").all()
                let names = issues.map { $0.labels.all?.map(\.name) ?? [] }
                return names
            }()
            return (account, prefetched)
        }

        static func managing(_ issue: Issue, _ project: Project, urgent: Label, backend: Label, on connection: Connection) throws -> Int {
            try issue.related(\.labels, on: connection).add([urgent, backend])   // duplicates ignored
            let open = try project.related(\.issues, on: connection).queryset.filter(.field("done", .exact(false))).count()
            return open
        }
    }
}
