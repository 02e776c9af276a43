// docs/framework.md, "Relations": the examples, compiled (MarkdownSnippetTests finds them here).
import PostgreSQL
import RESTFramework
import RESTModels

struct Label: Model, Identifiable {
    var id: Int64
    var slug: String

    static let tableName = "labels"
    static let ordering = [OrderTerm("slug")]
    static let columns: [Column<Label>] = [Column("id", \.id), Column("slug", \.slug)]

    init(row: ModelRow) throws { id = try row["id"]; slug = try row["slug"] }
}

struct Project: Model, Identifiable {
    var id: Int64
    var name: String
    var lead: ForeignKey<Author>?
    var issues: RelatedSet<Issue>

    static let tableName = "projects"
    static let columns: [Column<Project>] = [Column("id", \.id), Column("name", \.name), Column("lead_id", \.lead)]
    static let relations: [Relation<Project>] = [
        .foreignKey("lead", \.lead),
        .reverse("issues", \.issues, column: "project_id"),
    ]

    init(row: ModelRow) throws {
        id = try row["id"]; name = try row["name"]; lead = try row["lead_id"]
        issues = .notLoaded
    }
}

struct Issue: Model, Identifiable {
    var id: Int64
    var title: String
    var project: ForeignKey<Project>
    var labels: RelatedSet<Label>

    static let tableName = "issues"
    static let columns: [Column<Issue>] = [Column("id", \.id), Column("title", \.title), Column("project_id", \.project)]
    static let relations: [Relation<Issue>] = [
        .foreignKey("project", \.project),
        .manyToMany("labels", \.labels, through: "issue_labels", source: "issue_id", target: "label_id"),
    ]

    init(row: ModelRow) throws {
        id = try row["id"]; title = try row["title"]; project = try row["project_id"]
        labels = .notLoaded
    }
}

extension Author: Identifiable {}

func issuesPage(on connection: Connection) throws -> (count: Int, rows: [Issue]) {
    try Issue.objects(on: connection)
        .filter(.field("project__lead__name", .istartswith("a")))
        .exclude(.field("labels__slug", .exact("wontfix")))
        .orderBy([OrderTerm("project__lead__name", nulls: .last), OrderTerm("id")])
        .selectRelated("project", "project__lead")
        .prefetchRelated("labels")
        .countAndFetch(offset: 0, limit: 100)
}

func relabel(_ issue: Issue, with labels: [Label], on connection: Connection) throws {
    try connection.transaction { connection in
        try issue.related(\.labels, on: connection).set(labels)
    }
}

// docs/framework.md, "Field filters": filters, search and ordering across relations.
final class IssueSerializer: ModelSerializer<Issue> {
    override class var fields: [any SerializerField] { [IntegerField("id", readOnly: true), CharField("title")] }
}

final class IssueViewSet: ReadOnlyModelViewSet<QuerySet<Issue>>, FilterableView, SearchableView, OrderableView {
    override class var queryset: QuerySet<Issue>? { Issue.objects.orderBy("id") }
    override class var serializerClass: Serializer.Type? { IssueSerializer.self }
    override class var filterBackends: [any FilterBackend]? { [DjangoFilterBackend(), SearchFilter(), OrderingFilter()] }

    var filtersetFields: FiltersetFields {
        ["project": ["exact", "in"], "project__lead": ["exact", "isnull"], "project__lead__name": ["exact"], "labels__slug": ["exact", "in"]]
    }
    var searchFields: [String] { ["title", "project__name"] }
    var orderingFields: [String]? { ["project__name", "id"] }
    var ordering: [String]? { ["id"] }
}

func issueTotals(on connection: Connection) throws -> NamedValues {
    try Project.objects(on: connection).filter(.field("name", .istartswith("a")))
        .aggregate(["projects": Count("id"), "issues": Count("issues"), "labels": Count("issues__labels", distinct: true)])
}
