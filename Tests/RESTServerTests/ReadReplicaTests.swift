import Foundation
import Synchronization
import TestSupport
import Testing

/// api-server with a real streaming replica (`pg_basebackup -R` of a private primary, both
/// logging every statement): safe requests read from the replica, writes go to the primary, a
/// client reads its own write at once (the signed `srf_lsn` cookie), a replica stopped under
/// load fails no request, and one whose replay is paused is skipped once its lag passes
/// `--replica-max-lag`. One test at a time: they stop and pause the replica.
@Suite(.needsTestsRun, .serialized) struct ReadReplicaTests {
    struct Clusters: Sendable {
        let primary: PrivateCluster
        let replica: StreamingReplica
        let token: String
    }

    /// Made once per test process (about 2 s): the primary migrated, with a user and a token.
    static let clusters = Result { try makeClusters() }

    static func makeClusters() throws -> Clusters {
        let primary = try PrivateCluster.shared("replicated")
        try psql(primary.url, "ALTER SYSTEM SET log_statement = 'all'")
        try psql(primary.url, "SELECT pg_reload_conf()")
        let migrated = try Subprocess.run(
            TestEnvironment.executable("migrate"), ["--database-url", primary.url, "--dir", NginxProcess.projectRoot + "/migrations"])
        guard migrated.status == 0 else { throw TestSupportError("migrate failed: \(migrated.stdout)\(migrated.stderr)") }
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = primary.url
        environment["SRF_PASSWORD_ITERATIONS"] = "10"
        let created = try Subprocess.run(TestEnvironment.executable("api-admin"), ["create-user", "writer"], environment: environment)
        guard created.status == 0 else { throw TestSupportError("api-admin failed: \(created.stderr)") }
        // The base backup copies the settings (log_statement too) and the user.
        let replica = try StreamingReplica(of: primary)
        return Clusters(primary: primary, replica: replica, token: created.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    @discardableResult
    static func psql(_ url: String, _ sql: String) throws -> String {
        let result = try Subprocess.run(
            TestEnvironment.postgresBin + "/psql", ["-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-d", url, "-c", sql])
        guard result.status == 0 else { throw TestSupportError("psql failed: \(result.stderr)") }
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// api-server on the primary and the replica; returns once the probe found the replica healthy.
    static func stack(_ clusters: Clusters, maxLag: String = "5", workers: String = "4") throws -> APIStack {
        let stack = try APIStack(
            databaseURL: clusters.primary.url, migrate: false, arguments: ["--workers", workers, "--replica-max-lag", maxLag],
            environment: ["DATABASE_REPLICA_URLS": clusters.replica.url, "SRF_SECRET_KEY": "replica-tests"])
        guard waitUntil(timeout: 10, { stack.server.log.contains("read replica 1 healthy") }) else {
            throw TestSupportError("the replica never became healthy: \(stack.logs)")
        }
        return stack
    }

    static func primaryLog(_ clusters: Clusters) -> String {
        (try? String(contentsOfFile: clusters.primary.directory + "/postgres.log", encoding: .utf8)) ?? ""
    }

    /// Statement lines of a server log that read or write notes, from `offset` on.
    static func noteStatements(_ log: String, from offset: Int = 0, _ verb: String) -> [Substring] {
        log.utf8.count > offset
            ? String(decoding: log.utf8.dropFirst(offset), as: UTF8.self).split(separator: "\n").filter {
                $0.contains("statement: ") || $0.contains("execute ")
            }.filter { $0.contains(verb) && $0.contains("\"notes\"") }
            : []
    }

    func post(_ stack: APIStack, _ clusters: Clusters, title: String, cookie: String? = nil) throws -> (id: Int, cookie: String?) {
        var headers = [("Authorization", "Token " + clusters.token), ("Content-Type", "application/json")]
        if let cookie { headers.append(("Cookie", cookie)) }
        let created = try stack.send("POST", "/api/notes/", headers: headers, body: #"{"title":"\#(title)"}"#)
        #expect(created.status == 201, "\(created.text) \(stack.logs)")
        let object = try JSONSerialization.jsonObject(with: Data(created.body)) as? [String: Any]
        let setCookie = created.headers.first { $0.name.lowercased() == "set-cookie" && $0.value.hasPrefix("srf_lsn=") }?.value
        return ((object?["id"] as? Int) ?? -1, setCookie.map { String($0.prefix { $0 != ";" }) })
    }

    @Test func readsLandOnTheReplicaAndWritesOnThePrimary() throws {
        let clusters = try Self.clusters.get()
        let stack = try Self.stack(clusters)
        let primaryBefore = Self.primaryLog(clusters).utf8.count
        let replicaBefore = clusters.replica.log.utf8.count
        for _ in 0..<12 { #expect(try stack.send("GET", "/api/notes/").status == 200, "\(stack.logs)") }
        // The list's SELECTs ran on the replica and never on the primary.
        let afterReads = Self.primaryLog(clusters)
        #expect(Self.noteStatements(afterReads, from: primaryBefore, "SELECT").isEmpty, "\(afterReads.suffix(3000))")
        #expect(
            Self.noteStatements(clusters.replica.log, from: replicaBefore, "SELECT").count >= 12, "\(clusters.replica.log.suffix(3000))")

        // The INSERT ran on the primary (the replica could not take it anyway).
        let (id, cookie) = try post(stack, clusters, title: "routed")
        #expect(cookie != nil)
        let primaryLog = Self.primaryLog(clusters)
        let replicaLog = clusters.replica.log
        #expect(Self.noteStatements(primaryLog, from: primaryBefore, "INSERT").count == 1, "\(primaryLog.suffix(3000))")
        #expect(Self.noteStatements(replicaLog, from: replicaBefore, "INSERT").isEmpty)
        #expect(id > 0)
    }

    @Test func aWriteIsReadBackAtOnceThroughTheCookieEvenFromALaggingReplica() throws {
        let clusters = try Self.clusters.get()
        // A generous limit: the paused replica stays healthy, so only the cookie can send the read elsewhere.
        let stack = try Self.stack(clusters, maxLag: "60")
        try Self.psql(clusters.replica.url, "SELECT pg_wal_replay_pause()")
        defer { _ = try? Self.psql(clusters.replica.url, "SELECT pg_wal_replay_resume()") }

        for attempt in 0..<5 {
            let (id, cookie) = try post(stack, clusters, title: "mine \(attempt)")
            let cookieHeader = try #require(cookie, "no srf_lsn cookie: \(stack.logs)")
            let mine = try stack.send("GET", "/api/notes/\(id)/", headers: [("Cookie", cookieHeader)])
            #expect(mine.status == 200, "\(mine.text)")
            #expect(mine.text.contains(#""title":"mine \#(attempt)""#))
            // The replica indeed lacks it: without the cookie the read goes there.
            #expect(try stack.send("GET", "/api/notes/\(id)/").status == 404)
            // The same position in the SRF-LSN header, for clients without cookies.
            let value = String(cookieHeader.dropFirst("srf_lsn=".count))
            #expect(try stack.send("GET", "/api/notes/\(id)/", headers: [("SRF-LSN", value)]).status == 200)
            // A forged position is ignored (the replica answers).
            let forged = String(value.prefix { $0 != ":" }) + ":forged"
            #expect(try stack.send("GET", "/api/notes/\(id)/", headers: [("SRF-LSN", forged)]).status == 404)
        }
    }

    @Test func stoppingTheReplicaUnderLoadFailsNoRequest() throws {
        let clusters = try Self.clusters.get()
        let stack = try Self.stack(clusters)
        let port = stack.port
        let statuses = Mutex<[Int: Int]>([:])
        let stop = Atomic(false)
        let served = Atomic(0)
        let stopper = Thread {
            // Under load: once the clients are going, stop the replica mid-stream.
            _ = waitUntil(timeout: 10) { served.load(ordering: .relaxed) >= 100 }
            try? clusters.replica.stop()
            _ = waitUntil(timeout: 10) { served.load(ordering: .relaxed) >= 400 }
            stop.store(true, ordering: .relaxed)
        }
        stopper.start()
        defer { _ = try? clusters.replica.start() }
        // Eight clients at once (threads of their own: GCD would run two on this machine).
        let finished = DispatchSemaphore(value: 0)
        for _ in 0..<8 {
            Thread {
                while !stop.load(ordering: .relaxed) {
                    let status = (try? RawHTTPClient.send(port: port, method: "GET", path: "/api/notes/", timeout: 10).status) ?? 0
                    statuses.withLock { $0[status, default: 0] += 1 }
                    served.add(1, ordering: .relaxed)
                }
                finished.signal()
            }.start()
        }
        for _ in 0..<8 { finished.wait() }
        let counted = statuses.withLock { $0 }
        #expect(counted.keys.sorted() == [200], "\(counted) \(stack.logs)")
        #expect(counted[200, default: 0] >= 400)
        #expect(stack.server.log.contains("read replica 1 skipped"), "\(stack.logs)")

        // Back: the probe finds it and reads return to it.
        try clusters.replica.start()
        #expect(waitUntil(timeout: 10) { stack.server.log.lines(containing: "read replica 1 healthy").count >= 2 }, "\(stack.logs)")
    }

    @Test func theProbeAloneNoticesAStoppedReplicaAndItsReturn() throws {
        let clusters = try Self.clusters.get()
        let stack = try Self.stack(clusters)
        try clusters.replica.stop()
        defer { _ = try? clusters.replica.start() }
        // No request meanwhile: the process's probe (every 1 s at the 5 s limit) finds out.
        #expect(waitUntil(timeout: 4) { stack.server.log.contains("read replica 1 skipped") }, "\(stack.logs)")
        #expect(try stack.send("GET", "/api/notes/").status == 200)
        try clusters.replica.start()
        #expect(waitUntil(timeout: 6) { stack.server.log.lines(containing: "read replica 1 healthy").count >= 2 }, "\(stack.logs)")
    }

    @Test func aPausedReplicaIsSkippedOnceItsLagPassesTheLimit() throws {
        let clusters = try Self.clusters.get()
        let stack = try Self.stack(clusters, maxLag: "1")
        try Self.psql(clusters.replica.url, "SELECT pg_wal_replay_pause()")
        defer { _ = try? Self.psql(clusters.replica.url, "SELECT pg_wal_replay_resume()") }
        // WAL progress on the primary the replica does not replay: a note written directly.
        let id = try Self.psql(
            clusters.primary.url, "INSERT INTO notes (title, author_id) SELECT 'behind', min(id) FROM users RETURNING id")
        let clock = ContinuousClock()
        let paused = clock.now
        // The replica lacks the note, so a 200 means the read went to the primary.
        #expect(waitUntil(timeout: 6) { (try? stack.send("GET", "/api/notes/\(id)/").status) == 200 }, "\(stack.logs)")
        // Not before the lag could have passed 1 s (less a probe interval, 250 ms): the lag is
        // measured from positions, not from the age of the last replayed commit.
        #expect(clock.now - paused >= .milliseconds(700), "skipped before the lag passed 1 s")
        #expect(stack.server.log.contains("read replica 1 skipped: lagging"), "\(stack.logs)")

        try Self.psql(clusters.replica.url, "SELECT pg_wal_replay_resume()")
        #expect(waitUntil(timeout: 6) { stack.server.log.lines(containing: "read replica 1 healthy").count >= 2 }, "\(stack.logs)")
    }
}
