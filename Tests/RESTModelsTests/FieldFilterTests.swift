import PostgreSQL
import RESTFramework
import RESTModels
import RESTTesting
import Testing

/// DjangoFilterBackend over a model queryset on PostgreSQL: values reach SQL coerced to the
/// columns, bad ones are django-filter's 400s (bodies printed by django-filter 25.2 on DRF 3.18).
@Suite(.needsTestsRun) struct FieldFilterTests {
    /// The ids listed (a 200), or the status and body.
    static func ids(_ client: APIClient, _ query: String) -> String {
        let response = client.get("/api/projects/?" + query)
        guard response.status == 200 else { return "\(response.status) \(response.text)" }
        return (response.json.arrayValue ?? []).compactMap { row -> String? in
            guard case .int(let id)? = row["id"] else { return nil }
            return String(id)
        }.joined(separator: ",")
    }

    @Test func filtersRows() throws {
        try withModelsDatabase(schema: FilterProject.schema) { connection, _ in
            try seedFilterProjects(connection)
            let client = try filterProjectsClient(connection)
            func ids(_ query: String) -> String { Self.ids(client, query) }

            #expect(ids("") == "1,2,3,4")
            #expect(ids("status=active") == "1,4")
            #expect(ids("status__in=planned,done") == "2,3")
            #expect(ids("budget__gte=1000") == "1,4")
            #expect(ids("budget__lte=99.5") == "2")
            #expect(ids("budget__range=100,4000") == "1,4")
            #expect(ids("budget__range=1,") == "")
            #expect(ids("budget__isnull=true") == "3")
            #expect(ids("account=2") == "3,4")
            #expect(ids("lead__username=ada") == "1,4")
            #expect(ids("lead__isnull=True") == "3")
            #expect(ids("id=2.9") == "2")
            #expect(ids("id__gte=1e40") == "")  // beyond 64 bits: above every id
            #expect(ids("id__gte=-1e40") == "1,2,3,4")
            #expect(ids("archived=1") == "3")
            #expect(ids("created__gte=2026-02-15T00:00:00Z") == "3,4")
            #expect(ids("unknown=1&status=&budget__gte=&archived=maybe") == "1,2,3,4")
            #expect(ids("status=active&search=art") == "4")
            #expect(ids("account=1&ordering=-budget") == "1,2")
        }
    }

    @Test func badValuesAreDjangoFilterErrors() throws {
        try withModelsDatabase(schema: FilterProject.schema) { connection, _ in
            try seedFilterProjects(connection)
            let client = try filterProjectsClient(connection)
            func ids(_ query: String) -> String { Self.ids(client, query) }

            #expect(ids("status=x") == #"400 {"status":["Select a valid choice. x is not one of the available choices."]}"#)
            #expect(ids("budget__gte=abc") == #"400 {"budget__gte":["Enter a number."]}"#)
            let missing = #"400 {"account":["Select a valid choice. That choice is not one of the available choices."]}"#
            #expect(ids("account=99") == missing)
            #expect(ids("account=abc") == missing)
            #expect(ids("account=99999999999999999999") == missing)
            #expect(ids("created__gte=x") == #"400 {"created__gte":["Enter a valid date/time."]}"#)
            #expect(ids("budget__range=1,2,3") == #"400 {"budget__range":["Range query expects two values."]}"#)
            #expect(
                ids("budget__gte=abc&status=x")
                    == #"400 {"status":["Select a valid choice. x is not one of the available choices."],"budget__gte":["Enter a number."]}"#
            )
        }
    }

    @Test func describesTheModelsColumns() {
        let projects = FilterProject.objects
        #expect(projects.filterField(named: "status") == FilterField(.text, choices: ["planned", "active", "done"]))
        #expect(projects.filterField(named: "budget") == FilterField(.number(.float)))
        #expect(projects.filterField(named: "account") == FilterField(.number(.integer), relatedColumn: "account_id"))
        #expect(projects.filterField(named: "account_id") == FilterField(.number(.integer), relatedColumn: "account_id"))
        #expect(projects.filterField(named: "archived") == FilterField(.boolean))
        #expect(projects.filterField(named: "created") == FilterField(.dateTime))
        #expect(projects.filterField(named: "nope") == nil)
    }
}
