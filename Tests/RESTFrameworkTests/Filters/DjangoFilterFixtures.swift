@testable import RESTFramework
import RESTTesting

// The part-2 projects list, in memory: django-filter's `filterset_fields`, then SearchFilter,
// then OrderingFilter, as the spec's ProjectViewSet declares them.

/// A project row; `lead__username` is what a relation path reads (the in-memory queryset has no
/// relations: the row answers the path as a field, as a joined row would).
struct ProjectRow: FieldReadable, Sendable {
    var id: Int64
    var name: String
    var status: String
    var priority: Int64 = 2
    var budget: Double?
    var starts: String?
    var archived = false
    var account: Int64
    var lead: String?
    var key: String
    var created: DateTime

    func fieldValue(_ field: String) -> FieldValue? {
        switch field {
        case "pk", "id": .int(id)
        case "name": .string(name)
        case "status": .string(status)
        case "priority": .int(priority)
        case "budget": budget.map(FieldValue.double) ?? .null
        case "starts": starts.map(FieldValue.string) ?? .null
        case "archived": .bool(archived)
        case "account_id": .int(account)
        case "lead__username": lead.map(FieldValue.string) ?? .null
        case "key": .string(key)
        case "created": .dateTime(created)
        default: nil
        }
    }
}

func day(_ text: String) -> DateTime { DateTime(iso8601: text + "T00:00:00Z")! }

let projectRows: InMemoryQuerySet<ProjectRow> = {
    var rows = InMemoryQuerySet([
        ProjectRow(
            id: 1, name: "Apollo", status: "active", priority: 1, budget: 1250, starts: "2026-01-15", account: 1, lead: "ada",
            key: "00000000-0000-0000-0000-000000000001", created: day("2026-01-01")),
        ProjectRow(
            id: 2, name: "Gemini", status: "planned", budget: 99.5, starts: "2026-06-01", account: 1, lead: "grace",
            key: "00000000-0000-0000-0000-000000000002", created: day("2026-02-01")),
        ProjectRow(
            id: 3, name: "Mercury", status: "done", priority: 3, budget: nil, starts: nil, archived: true, account: 2, lead: nil,
            key: "00000000-0000-0000-0000-000000000003", created: day("2026-03-01")),
        ProjectRow(
            id: 4, name: "Artemis", status: "active", budget: 4000, starts: "2026-12-06", account: 2, lead: "ada",
            key: "00000000-0000-0000-0000-00000000000a", created: day("2026-04-01")),
    ])
    rows.filterFields = [
        "id": FilterField(.number(.integer)),
        "name": FilterField(.text),
        "status": FilterField(.text, choices: ["planned", "active", "done"]),
        "priority": FilterField(.number(.integer), choices: [1, 2, 3]),
        "budget": FilterField(.number(.float)),
        "starts": FilterField(.date),
        "archived": FilterField(.boolean),
        "account": FilterField(.number(.integer), relatedColumn: "account_id"),
        "lead__username": FilterField(.text),
        "key": FilterField(.uuid),
        "created": FilterField(.dateTime),
    ]
    rows.relatedKeys = ["account": [1, 2, 3]]
    return rows
}()

final class ProjectRowSerializer: Serializer {
    override class var fields: [any SerializerField] { [IntegerField("id", readOnly: true)] }
}

final class ProjectRowList: ListAPIView<InMemoryQuerySet<ProjectRow>>, FilterableView, SearchableView, OrderableView {
    override class var queryset: InMemoryQuerySet<ProjectRow>? { projectRows.orderBy("id") }
    override class var serializerClass: Serializer.Type? { ProjectRowSerializer.self }
    override class var filterBackends: [any FilterBackend]? { [DjangoFilterBackend(), SearchFilter(), OrderingFilter()] }

    var filtersetFields: FiltersetFields {
        [
            "status": ["exact", "in"], "budget": ["gte", "lte", "in", "range", "isnull"], "starts": ["gte", "lte", "isnull"],
            "account": ["exact", "in"], "lead__username": ["exact"], "id": ["exact"], "name": ["icontains"],
            "priority": ["exact", "in"], "archived": ["exact"], "key": ["exact"], "created": ["gte"],
        ]
    }
    var searchFields: [String] { ["name"] }
    var orderingFields: [String]? { ["name", "budget", "id"] }
    var ordering: [String]? { nil }
}

/// A view declaring a field its model lacks.
final class MisdeclaredProjectList: ListAPIView<InMemoryQuerySet<ProjectRow>>, FilterableView {
    override class var queryset: InMemoryQuerySet<ProjectRow>? { projectRows }
    override class var serializerClass: Serializer.Type? { ProjectRowSerializer.self }
    override class var filterBackends: [any FilterBackend]? { [DjangoFilterBackend()] }
    var filtersetFields: FiltersetFields { ["budjet"] }
}

func projectClient() throws -> APIClient {
    var settings = APISettings()
    settings.permissionClasses = [AllowAny()]
    return APIClient(
        Application(
            urls: try URLConf([
                .path("projects/", ProjectRowList.asView(), name: "project-list"),
                .path("misdeclared/", MisdeclaredProjectList.asView(), name: "misdeclared-list"),
            ]), settings: settings))
}
