// The `///` examples of DjangoFilterBackend and its seams (Sources/RESTFramework/Filters,
// RESTModels' QuerySet+FilterFields), compiled (DocCommentExampleTests finds
// them here).
import PostgreSQL
@testable import RESTFramework
@testable import RESTModels

enum ProjectStatus: String, ColumnEnum {
    case planned, active, done
}

struct Project: Model {
    var id: Int64, accountID: Int64, name: String, status: ProjectStatus, budget: Double?
    static let tableName = "projects"
    static let columns: [Column<Project>] = [
        Column("id", \.id), Column("account_id", \.accountID, references: "accounts"), Column("name", \.name),
        Column("status", \.status), Column("budget", \.budget),
    ]
    init(row: ModelRow) throws {
        id = try row["id"]; accountID = try row["account_id"]; name = try row["name"]
        status = try row["status"]; budget = try row["budget"]
    }
}

final class ProjectSerializer: ModelSerializer<Project> {
    override class var fields: [any SerializerField] { [IntegerField("id", readOnly: true), CharField("name")] }
}

// DjangoFilterBackend, FilterableView
final class ProjectViewSet: ModelViewSet<QuerySet<Project>>, FilterableView {
    override class var filterBackends: [any FilterBackend]? { [DjangoFilterBackend(), SearchFilter(), OrderingFilter()] }
    var filtersetFields: FiltersetFields { ["status": ["exact", "in"], "budget": ["gte", "lte"], "account": ["exact"]] }
}

// FiltersetFields
final class ProjectsByList: APIView, FilterableView {
    var filtersetFields: FiltersetFields { ["status", "account"] }
}

final class ProjectsByLookups: APIView, FilterableView {
    var filtersetFields: FiltersetFields { ["status": ["exact", "in"], "budget": ["gte", "lte"]] }
}

// FilterFieldKind, FilterField, FilterFieldDescribing
enum FilterFieldExamples {
    static func kinds() {
        FilterFieldKind.number(.decimal)   // NumberFilter: "Enter a number."
        FilterField(.text, choices: ["planned", "active", "done"])   // a ChoiceFilter for `exact`
        FilterField(.number(.integer), choices: [1, 2, 3])
        FilterField(.number(.integer), relatedColumn: "account_id")   // a ModelChoiceFilter
    }

    func budgetField(of queryset: some FilterFieldDescribing) -> FilterField? { queryset.filterField(named: "budget") }

    // InMemoryQuerySet+FilterFields
    static func inMemory(_ rows: [Project]) -> InMemoryQuerySet<Project> {
        var projects = InMemoryQuerySet(rows)
        projects.filterFields = ["status": FilterField(.text, choices: ["planned", "active", "done"])]
        projects.relatedKeys = ["account": [1, 2]]
        return projects
    }

    // QuerySet+FilterFields
    static func described() {
        Project.objects.filterField(named: "status")    // .text, choices planned, active, done
        Project.objects.filterField(named: "account")   // relatedColumn "account": a ModelChoiceFilter
    }

    // FilterFormField, FilterDecimal, FilterTemporalText, FilterUUIDText (internal)
    static func formFields() throws {
        try FilterFormField.clean("abc", as: .number(.integer))   // throws "Enter a number."
        try FilterFormField.clean("  ", as: .text)                // nil (CharField strips)
        FilterDecimal(parsing: " 1_250.5 ")   // 12505 × 10^-1
        FilterDecimal(parsing: "1e")          // nil
        FilterTemporalText.date("12/6/2026")   // "2026-12-06"
        FilterTemporalText.date("2026-02-30")  // nil
        FilterTemporalText.time("9:5")         // "09:05:00"
        FilterUUIDText.parse("{12345678-1234-5678-1234-567812345678}")   // "12345678-1234-5678-1234-567812345678"
        FilterUUIDText.parse("not-a-uuid")                               // nil
    }
}
