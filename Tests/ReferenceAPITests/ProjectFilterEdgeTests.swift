import ReferenceAPI
import RESTFramework
import RESTModels
import Testing
import TestSupport

/// Filter values schemathesis found at the edges of what a numeric column holds.
@Suite(.needsTestsRun) struct ProjectFilterEdgeTests {
    /// NumberFilter's maximum is 1e50, with no minimum: a hugely negative bound is a number like
    /// any other (every budget is above it), not a 500 (the list and summary both were).
    @Test func aHugelyNegativeBudgetBoundFiltersAsANumber() throws {
        let client = try ReferenceClient()
        #expect(client.send(.post, "/api/accounts/", token: Seed.adaToken, json: #"{"name":"Engine"}"#).status == 201)
        let made = client.send(.post, "/api/projects/", token: Seed.adaToken, json: #"{"account":1,"name":"Apollo","budget":"10"}"#)
        #expect(made.status == 201, "\(made.text)")
        for (query, count) in [("budget__gte=-3.649473465216479e%2B204", 1), ("budget__lte=-1e200000", 0), ("budget__gte=1e-20000", 1)] {
            let list = client.send(.get, "/api/projects/?" + query, token: Seed.adaToken)
            #expect(list.status == 200 && list.text.hasPrefix(#"{"count":\#(count),"#), "\(query): \(list.text)")
            let summary = client.send(.get, "/api/projects/summary/?" + query, token: Seed.adaToken)
            #expect(summary.status == 200 && summary.text.hasPrefix(#"{"count":\#(count),"#), "\(query): \(summary.text)")
        }
    }
}
