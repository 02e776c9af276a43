import Foundation
import RESTFramework
import TestSupport
import Testing

/// The spec's conditional requests ("Beyond DRF, part 2") on project and task details, through
/// nginx and api-server on PostgreSQL: `ETag`, 304, 412 that changes nothing, a matching
/// `If-Match` that proceeds, and two writers racing with the same tag.
@Suite(.needsTestsRun) struct ConditionalRequestTests {
    static let adaToken = String(repeating: "e5", count: 20)
    static let alanToken = String(repeating: "f6", count: 20)
    static let project = "00000000-0000-4000-8000-000000000001"

    /// Ada administers account 1, alan is a plain member; one project, one task.
    static func stack() throws -> APIStack {
        let stack = try APIStack(arguments: ["--workers", "4"])
        _ = try stack.database!.psql(
            """
            INSERT INTO users (id, username) VALUES (1, 'ada'), (2, 'alan');
            INSERT INTO auth_tokens (key, user_id) VALUES ('\(adaToken)', 1), ('\(alanToken)', 2);
            INSERT INTO accounts (id, name, owner_id) VALUES (1, 'Engine', 1);
            INSERT INTO account_members (account_id, user_id, is_admin) VALUES (1, 1, true), (1, 2, false);
            INSERT INTO projects (id, account_id, name) VALUES ('\(project)', 1, 'Apollo');
            INSERT INTO tasks (id, project_id, title) VALUES (1, '\(project)', 'Fuel'), (2, '\(project)', 'Oxygen');
            """)
        return stack
    }

    static func send(
        _ stack: APIStack, _ method: String, _ path: String, token: String = adaToken, _ extra: [(String, String)] = [],
        json: String? = nil
    ) throws -> RawHTTPClient.Response {
        var headers = [("Authorization", "Token " + token)] + extra
        if json != nil { headers.append(("Content-Type", "application/json")) }
        return try stack.send(method, path, headers: headers, body: json)
    }

    @Test func getAndHeadCarryTheTagAndAMatchIs304WithoutABody() throws {
        let stack = try Self.stack()
        for path in ["/api/projects/\(Self.project)/", "/api/tasks/1/"] {
            let full = try Self.send(stack, "GET", path)
            #expect(full.status == 200, "\(stack.logs)")
            let etag = try #require(full.header("ETag"))
            #expect(etag == EntityTag.ofRepresentation(full.body).headerValue)
            let head = try Self.send(stack, "HEAD", path)
            #expect(head.status == 200 && head.body.isEmpty && head.header("ETag") == etag)
            for method in ["GET", "HEAD"] {
                for value in [etag, "W/" + etag, #""nope", "# + etag, "*"] {
                    let cached = try Self.send(stack, method, path, [("If-None-Match", value)])
                    #expect(cached.status == 304, "\(method) \(value)")
                    #expect(cached.body.isEmpty && cached.header("ETag") == etag)
                    #expect(cached.header("Content-Type") == nil)
                }
            }
            let stale = try Self.send(stack, "GET", path, [("If-None-Match", #""nope""#)])
            #expect(stale.status == 200 && stale.body == full.body && stale.header("ETag") == etag)
        }
        // Lists carry no tag; part 1's details neither.
        #expect(try Self.send(stack, "GET", "/api/projects/").header("ETag") == nil)
        #expect(try Self.send(stack, "GET", "/api/users/1/").header("ETag") == nil)
    }

    @Test func aStaleIfMatchIs412AndChangesNothingAMatchingOneProceeds() throws {
        let stack = try Self.stack()
        let database = stack.database!
        let path = "/api/projects/\(Self.project)/"
        let etag = try #require(try Self.send(stack, "GET", path).header("ETag"))
        let before = try database.psql("SELECT name, status, updated FROM projects")
        let failed = #"{"detail":"Precondition failed."}"#
        for (method, json) in [("PUT", #"{"account":1,"name":"Zeus"}"#), ("PATCH", #"{"name":"Zeus"}"#), ("DELETE", nil)] {
            for value in [#""stale""#, "W/" + etag, "garbage", ""] {
                let refused = try Self.send(stack, method, path, [("If-Match", value)], json: json)
                #expect(refused.status == 412, "\(method) If-Match: \(value) \(refused.text)")
                #expect(refused.text == failed && refused.header("Content-Type") == "application/json")
            }
            // If-None-Match on a write: a match is 412 too.
            #expect(try Self.send(stack, method, path, [("If-None-Match", "*")], json: json).status == 412)
        }
        #expect(try database.psql("SELECT name, status, updated FROM projects") == before)
        // A 412 comes before validation; a 403 and a 404 come before the precondition.
        #expect(try Self.send(stack, "PATCH", path, [("If-Match", #""stale""#)], json: #"{"status":"bogus"}"#).status == 412)
        #expect(try Self.send(stack, "PATCH", path, token: Self.alanToken, [("If-Match", #""stale""#)], json: "{}").status == 403)
        #expect(try Self.send(stack, "PATCH", "/api/tasks/99/", [("If-Match", "*")], json: "{}").status == 404)

        let changed = try Self.send(stack, "PATCH", path, [("If-Match", #""other", "# + etag)], json: #"{"name":"Zeus"}"#)
        #expect(changed.status == 200 && changed.text.contains(#""name":"Zeus""#), "\(changed.text)")
        #expect(try database.psql("SELECT name FROM projects") == "Zeus")
        // The old tag is stale now; `*` means "it exists".
        #expect(try Self.send(stack, "PATCH", path, [("If-Match", etag)], json: #"{"name":"Hera"}"#).status == 412)
        let fresh = try #require(try Self.send(stack, "GET", path).header("ETag"))
        #expect(fresh != etag)
        #expect(try Self.send(stack, "PUT", path, [("If-Match", fresh)], json: #"{"account":1,"name":"Hera"}"#).status == 200)
        #expect(try Self.send(stack, "DELETE", "/api/tasks/2/", [("If-Match", "*")]).status == 204)
        #expect(try database.psql("SELECT count(*) FROM tasks") == "1")
        let taskTag = try #require(try Self.send(stack, "GET", "/api/tasks/1/").header("ETag"))
        #expect(try Self.send(stack, "DELETE", "/api/tasks/1/", [("If-Match", taskTag)]).status == 204)
    }

    /// Two clients PUT with the same tag at the same moment: exactly one 200 and one 412, every
    /// time, and the row holds the winner's write.
    @Test func twoWritersWithTheSameTagGiveOneSuccessAndOne412() throws {
        let stack = try Self.stack()
        let path = "/api/tasks/1/"
        for round in 0..<20 {
            let etag = try #require(try Self.send(stack, "GET", path).header("ETag"))
            let results = RaceResults()
            let start = DispatchSemaphore(value: 0)
            let group = DispatchGroup()
            for side in ["a", "b"] {
                DispatchQueue.global().async(group: group) {
                    start.wait()
                    let title = "race \(round) \(side)"
                    let reply = try? Self.send(
                        stack, "PUT", path, [("If-Match", etag)],
                        json: #"{"project":"/api/projects/\#(Self.project)/","title":"\#(title)"}"#)
                    results.add(reply?.status ?? 0, title)
                }
            }
            start.signal()
            start.signal()
            group.wait()
            let outcome = results.sorted
            #expect(outcome.map(\.status) == [200, 412], "round \(round): \(outcome) \(stack.logs)")
            if let winner = outcome.first(where: { $0.status == 200 }) {
                #expect(try stack.database!.psql("SELECT title FROM tasks WHERE id = 1") == winner.title)
            }
        }
    }
}

/// What the two racing requests answered. `@unchecked Sendable`: `lock` guards `replies`.
final class RaceResults: @unchecked Sendable {
    private let lock = NSLock()
    private var replies: [(status: Int, title: String)] = []
    func add(_ status: Int, _ title: String) { lock.withLock { replies.append((status, title)) } }
    var sorted: [(status: Int, title: String)] { lock.withLock { replies.sorted { $0.status < $1.status } } }
}
