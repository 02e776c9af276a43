import ReferenceAPI
import RESTFramework
import RESTModels
import Testing
import TestSupport

/// Part 2's `tags` and `projects` (shared/spec/reference-api-2.md), in process; the wire
/// comparison holds every edge to DRF's answers (`WireComparisonTests`).
@Suite(.needsTestsRun) struct TagAndProjectTests {
    /// Ada's account 1 (she administers it), with alan as a plain member.
    func withAccount() throws -> ReferenceClient {
        let client = try ReferenceClient()
        #expect(client.send(.post, "/api/accounts/", token: Seed.adaToken, json: #"{"name":"Engine"}"#).status == 201)
        #expect(client.send(.post, "/api/accounts/1/add-member/", token: Seed.adaToken, json: #"{"user":3}"#).status == 201)
        return client
    }

    @Test func tagsAreAnArrayBySlugThatOnlyStaffWrite() throws {
        let client = try ReferenceClient()
        for (slug, name) in [("zeta", "Z"), ("alpha", "A")] {
            let made = client.send(.post, "/api/tags/", token: Seed.adminToken, json: #"{"slug":"\#(slug)","name":"\#(name)"}"#)
            #expect(made.status == 201, "\(made.text)")
        }
        #expect(
            client.send(.get, "/api/tags/", token: Seed.adaToken).text
                == #"[{"url":"http://testserver/api/tags/alpha/","slug":"alpha","name":"A"},{"url":"http://testserver/api/tags/zeta/","slug":"zeta","name":"Z"}]"#
        )
        let refused = client.send(.post, "/api/tags/", token: Seed.adaToken, json: #"{"slug":"x","name":"x"}"#)
        #expect(refused.status == 403)
        let again = client.send(.post, "/api/tags/", token: Seed.adminToken, json: #"{"slug":"zeta","name":"x"}"#)
        #expect(again.status == 400 && again.text == #"{"slug":["tag with this slug already exists."]}"#)
        #expect(client.send(.get, "/api/tags/nothing/", token: Seed.adaToken).text == #"{"detail":"No Tag matches the given query."}"#)
        #expect(client.send(.delete, "/api/tags/zeta/", token: Seed.adminToken).status == 204)
    }

    @Test func projectsCreateArchiveAndSummarise() throws {
        let client = try withAccount()
        let made = client.send(
            .post, "/api/projects/", token: Seed.adaToken,
            json: #"{"account":1,"name":"Apollo","lead_id":3,"budget":"1E+3","settings":{"b":1.50,"a":-0.0}}"#)
        #expect(made.status == 201, "\(made.text)")
        // The settings as sent (DRF's instance in memory); jsonb's form on the next read.
        let expected =
            #""lead":{"id":3,"username":"alan"},"status":"planned","budget":"1000.00","starts":null,"ends":null,"#
            + #""settings":{"b":1.5,"a":-0.0},"task_count":0,"open_task_count":0"#
        #expect(made.text.contains(expected), "\(made.text)")
        let id = try #require(made.text.firstMatch(of: /"id":"([0-9a-f-]{36})"/)).1
        #expect(client.send(.get, "/api/projects/\(id)/", token: Seed.alanToken).text.contains(#""settings":{"a":0.0,"b":1.5}"#))

        let duplicate = client.send(.post, "/api/projects/", token: Seed.adaToken, json: #"{"account":1,"name":"Apollo"}"#)
        #expect(duplicate.text == #"{"non_field_errors":["The fields account, name must make a unique set."]}"#)
        let backwards = client.send(
            .post, "/api/projects/", token: Seed.adaToken, json: #"{"account":1,"name":"B","starts":"2026-02-01","ends":"2026-01-01"}"#)
        #expect(backwards.text == #"{"non_field_errors":["The project cannot end before it starts."]}"#)
        let notAdmin = client.send(.post, "/api/projects/", token: Seed.alanToken, json: #"{"account":1,"name":"C"}"#)
        #expect(notAdmin.text == #"{"account":["Invalid pk \"1\" - object does not exist."]}"#)

        #expect(client.send(.post, "/api/projects/\(id)/archive/", token: Seed.alanToken).status == 403)
        let archived = client.send(.post, "/api/projects/\(id)/archive/", token: Seed.adaToken)
        #expect(archived.status == 200 && archived.text.contains(#""status":"done""#), "\(archived.text)")
        #expect(
            client.send(.get, "/api/projects/summary/", token: Seed.alanToken).text
                == #"{"count":1,"by_status":{"planned":0,"active":0,"done":1},"budget_total":"1000.00"}"#)
        #expect(
            client.send(.get, "/api/projects/summary/?status=planned", token: Seed.alanToken).text
                == #"{"count":0,"by_status":{"planned":0,"active":0,"done":0},"budget_total":"0.00"}"#)
        #expect(client.send(.get, "/api/projects/summary/", token: Seed.adminToken).text.hasPrefix(#"{"count":0,"#))
        #expect(client.send(.get, "/api/projects/abc/", token: Seed.adaToken).text == #"{"detail":"Not found."}"#)
        #expect(
            client.send(.get, "/api/projects/\(id)/", token: Seed.adminToken).text
                == #"{"detail":"No Project matches the given query."}"#)
    }

    @Test func aFormsSettingsIsJSONText() throws {
        let client = try withAccount()
        let made = client.send(.post, "/api/projects/", token: Seed.adaToken, form: "account=1&name=F&settings=%5B1%2C2.50%5D")
        #expect(made.status == 201 && made.text.contains(#""settings":[1,2.5]"#), "\(made.text)")
        let bad = client.send(.post, "/api/projects/", token: Seed.adaToken, form: "account=1&name=G&settings=%7Bx")
        #expect(bad.status == 400 && bad.text == #"{"settings":["Value must be valid JSON."]}"#)
    }
}
