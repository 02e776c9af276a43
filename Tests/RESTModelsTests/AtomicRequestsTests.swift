import PostgreSQL
import RESTFramework
import RESTModels
import RESTTesting
import TestSupport
import Testing

/// Django's `ATOMIC_REQUESTS` (`settings.atomicRequests = DatabaseTransaction()`) and
/// `onCommit`, through the test client on a real PostgreSQL schema.
@Suite(.needsTestsRun) struct AtomicRequestsTests {
    @Test func aWriteFollowedByAnErrorLeavesNothing() throws {
        try ProjectAPI.with { api in
            let before = try api.names()
            let refused = api.client.post("/api/projects/", data: ["name": "Refused project"])
            #expect(refused.status == 400)
            #expect(refused.json["name"] == ["Refused after the write."])
            #expect(try api.names() == before)
            #expect(api.log.entries.isEmpty)
            #expect(api.schema.connection.transactionStatus == .idle)

            let created = api.client.post("/api/projects/", data: ["name": "Vega"])
            #expect(created.status == 201)
            #expect(created.json["task_count"] == 0 && created.json["top_priority"] == .null)
            #expect(try api.names() == (before + ["Vega"]).sorted())
            // Once, after the COMMIT.
            #expect(api.log.entries == ["created Vega after commit"])
            #expect(api.errors.lines.isEmpty)
        }
    }

    @Test func withoutTheSettingTheWriteStays() throws {
        try ProjectAPI.with(atomicRequests: false) { api in
            let refused = api.client.post("/api/projects/", data: ["name": "Refused project"])
            #expect(refused.status == 400)
            let stored = try api.names()
            #expect(stored.contains("Refused project"))
            // No transaction: the work ran at once, when registered.
            #expect(api.log.entries == ["created Refused project after commit"])
            // A view can ask for the transaction itself.
            let atomic = api.client.post("/api/atomic-projects/", data: ["name": "Refused again"])
            #expect(atomic.status == 400)
            let storedAfter = try api.names()
            #expect(!storedAfter.contains("Refused again"))
            #expect(api.client.post("/api/atomic-projects/state/").json["in_transaction"] == true)
            #expect(api.client.post("/api/projects/state/").json["in_transaction"] == false)
        }
    }

    @Test func safeMethodsTakeNoTransaction() throws {
        try ProjectAPI.with { api in
            #expect(api.client.get("/api/projects/state/").json["in_transaction"] == false)
            #expect(api.client.options("/api/projects/state/").status == 200)
            #expect(api.client.post("/api/projects/state/").json["in_transaction"] == true)
            // Django's @non_atomic_requests.
            #expect(api.client.post("/api/plain-projects/state/").json["in_transaction"] == false)
            #expect(api.schema.connection.transactionStatus == .idle)
        }
    }

    /// Nested `transaction` calls are savepoints, as Django's nested `atomic` blocks: a failed
    /// one is undone with its `onCommit` work; a released one commits with the request.
    @Test func savepointsInsideTheRequestBehaveAsDjangos() throws {
        try ProjectAPI.with { api in
            let before = try api.names()
            let refused = api.client.post("/api/projects/batch/?fail=1")
            #expect(refused.status == 400)
            #expect(try api.names() == before)
            #expect(api.log.entries.isEmpty)

            let done = api.client.post("/api/projects/batch/")
            #expect(done.status == 200 && done.json["in_transaction"] == true)
            #expect(try api.names() == (before + ["Kept", "Outer"]).sorted())
            #expect(api.log.entries == ["kept after commit", "outer after commit"])
        }
    }

    @Test func annotationsThroughTheAPI() throws {
        try ProjectAPI.with { api in
            let list = api.client.get("/api/projects/?ordering=-task_count,id")
            #expect(list.status == 200)
            let rows = list.json.arrayValue ?? []
            #expect(rows.map { $0["name"] } == ["Apollo", "Cassini", "Borealis", "Europa", "Dawn"])
            #expect(rows.map { $0["task_count"] } == [3, 2, 1, 1, 0])
            #expect(rows.map { $0["top_priority"] } == [JSON.int(1), .null, .int(2), .int(3), .null])
            let nullsFirst = api.client.get("/api/projects/?ordering=top_priority,id").json.arrayValue ?? []
            #expect(nullsFirst.map { $0["name"] } == ["Apollo", "Borealis", "Europa", "Cassini", "Dawn"])
            let apollo = try #require(api.data.projects.first)
            let patched = api.client.patch("/api/projects/\(apollo.id)/", data: ["status": "done"])
            #expect(patched.status == 200)
            #expect(patched.json["status"] == "done" && patched.json["task_count"] == 3 && patched.json["open_task_count"] == 2)
            #expect(api.client.get("/api/projects/\(apollo.id)/").json["task_count"] == 3)
        }
    }
}
