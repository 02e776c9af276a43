import Foundation
import Synchronization
import TestSupport
import Testing

/// api-server when its database stops, freezes or is slow: a 503 at once rather than a wait,
/// the cause logged once, and service back within a second of the database. On a cluster of
/// its own (stopped and frozen here), one test at a time.
@Suite(.needsTestsRun, .serialized) struct DatabaseOutageTests {
    static let unavailable = #"{"detail":"Service temporarily unavailable, try again later."}"#

    /// The "served" private cluster with the project's migrations applied.
    static func cluster() throws -> PrivateCluster {
        let cluster = try PrivateCluster.shared("served")
        let result = try Subprocess.run(
            TestEnvironment.executable("migrate"),
            ["--database-url", cluster.url, "--dir", NginxProcess.projectRoot + "/migrations"])
        guard result.status == 0 else { throw TestSupportError("migrate failed: \(result.stdout)\(result.stderr)") }
        return cluster
    }

    @Test func aStoppedDatabaseIsA503AtOnceLoggedOnceAndBackWithinASecond() throws {
        let cluster = try Self.cluster()
        let stack = try APIStack(databaseURL: cluster.url, migrate: false, arguments: ["--workers", "2"])
        for _ in 0..<4 { #expect(try stack.send("GET", "/api/public-accounts/").status == 200, "\(stack.logs)") }

        try cluster.stop()
        var running = false
        defer { if !running { try? cluster.start() } }
        let clock = ContinuousClock()
        let stopped = clock.now
        let requests = 40
        for _ in 0..<requests {
            var response: RawHTTPClient.Response?
            let took = clock.measure { response = try? stack.send("GET", "/api/public-accounts/") }
            #expect(response?.status == 503)
            #expect(response?.text == Self.unavailable)
            #expect(took < .seconds(1))
        }
        // The cause once, not once per request.
        #expect(stack.server.log.lines(containing: "database unavailable").count == 1, "\(stack.logs)")

        try cluster.start()
        running = true
        let started = clock.now
        #expect(waitUntil(timeout: 5) { (try? stack.send("GET", "/api/public-accounts/").status) == 200 }, "\(stack.logs)")
        #expect(clock.now - started < .milliseconds(1500))
        let outage = clock.now - stopped

        let restored = stack.server.log.lines(containing: "database available again")
        #expect(restored.count == 1, "\(stack.logs)")
        // The failed connection attempts: the workers' first ones, then one probe per 250 ms
        // for the whole process, however many requests came.
        let attempts = restored.first.flatMap { $0.number(before: " failed connection attempts") } ?? -1
        #expect(attempts >= 1 && attempts <= Int(outage / .milliseconds(250)) + 3, "\(attempts) attempts in \(outage)")
        #expect(attempts < requests)
    }

    @Test func aFrozenDatabaseCostsOneConnectTimeoutNotOnePerRequest() throws {
        let cluster = try Self.cluster()
        let stack = try APIStack(databaseURL: cluster.url, migrate: false, arguments: ["--workers", "2"])
        try cluster.freeze()
        var frozen = true
        defer { if frozen { try? cluster.thaw() } }
        let clock = ContinuousClock()

        // The first request waits out the connect timeout (2 s) once...
        var first: RawHTTPClient.Response?
        let firstTook = clock.measure { first = try? stack.send("GET", "/api/public-accounts/") }
        #expect(first?.status == 503, "\(stack.logs)")
        #expect(firstTook < .milliseconds(3500))
        // ...and then no request waits, whichever worker takes it.
        for _ in 0..<10 {
            var response: RawHTTPClient.Response?
            let took = clock.measure { response = try? stack.send("GET", "/api/public-accounts/") }
            #expect(response?.status == 503)
            #expect(took < .seconds(1))
        }
        #expect(stack.server.log.lines(containing: "database unavailable").count == 1, "\(stack.logs)")
        #expect(stack.server.log.contains("timeout expired"), "\(stack.logs)")

        try cluster.thaw()
        frozen = false
        let thawed = clock.now
        #expect(waitUntil(timeout: 5) { (try? stack.send("GET", "/api/public-accounts/").status) == 200 }, "\(stack.logs)")
        #expect(clock.now - thawed < .milliseconds(1500))
    }

    @Test func aStatementPastTheURLsStatementTimeoutIsA503AndFreesTheWorker() throws {
        let cluster = try Self.cluster()
        let url = cluster.url + "&options=-c%20statement_timeout%3D300"
        let stack = try APIStack(databaseURL: url, migrate: false, arguments: ["--workers", "1"])
        #expect(try stack.send("GET", "/api/public-accounts/").status == 200, "\(stack.logs)")

        // Another session holds the table for 4 s: the request's SELECT waits on the lock.
        let psql = TestEnvironment.postgresBin + "/psql"
        let locker = try ChildProcess(
            psql, [cluster.url, "-c", "BEGIN; LOCK TABLE accounts IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(4); COMMIT;"],
            logPath: stack.directory + "/locker.log")
        defer { locker.stop() }
        let locked = "SELECT count(*) FROM pg_locks WHERE relation = 'accounts'::regclass AND mode = 'AccessExclusiveLock' AND granted"
        #expect(waitUntil(timeout: 5) { (try? Subprocess.run(psql, [cluster.url, "-Atc", locked]).stdout) == "1\n" })

        let clock = ContinuousClock()
        var response: RawHTTPClient.Response?
        let took = clock.measure { response = try? stack.send("GET", "/api/public-accounts/") }
        #expect(response?.status == 503, "\(stack.logs)")
        #expect(response?.text == Self.unavailable)
        #expect(took < .seconds(2))
        // A slow statement is not an outage: nothing logged as one, and the one worker is free
        // again at once (a request that needs no database answers meanwhile).
        #expect(try stack.send("GET", "/nowhere/").status == 404)
        #expect(stack.server.log.lines(containing: "database unavailable").isEmpty, "\(stack.logs)")
        #expect(locker.wait(timeout: 10) == 0, "\(locker.log)")
        #expect(try stack.send("GET", "/api/public-accounts/").status == 200, "\(stack.logs)")
    }
}

extension DatabaseOutageTests {
    /// A database that freezes while every worker has a session open: each worker's statement
    /// fails at the client's deadline (statement_timeout 1 s + a grace of 500 ms, both from the
    /// URL) instead of waiting for the server, then the outage is known and requests fail at once.
    @Test func aDatabaseThatFreezesUnderOpenSessionsIsA503AtTheDeadlineAndHoldsNoWorker() throws {
        let cluster = try Self.cluster()
        let url = cluster.url + "&options=-c%20statement_timeout%3D1s%20-c%20srf.statement_grace%3D500ms"
        let stack = try APIStack(databaseURL: url, migrate: false, arguments: ["--workers", "2"])
        let clock = ContinuousClock()
        // Two at a time, so that both workers open a session.
        for _ in 0..<4 {
            let statuses = Mutex<[Int]>([])
            DispatchQueue.concurrentPerform(iterations: 2) { _ in
                let status = (try? stack.send("GET", "/api/public-accounts/").status) ?? 0
                statuses.withLock { $0.append(status) }
            }
            #expect(statuses.withLock { $0 } == [200, 200], "\(stack.logs)")
        }

        try cluster.freeze()
        let frozen = Atomic(true)
        defer { if frozen.load(ordering: .sequentiallyConsistent) { try? cluster.thaw() } }
        // Without the deadline every worker waits for the server: thaw after 12 s so that the
        // test fails (the client gives up after 8 s) instead of hanging.
        DispatchQueue.global().asyncAfter(deadline: .now() + 12) {
            if frozen.exchange(false, ordering: .sequentiallyConsistent) { try? cluster.thaw() }
        }
        let port = stack.port
        @Sendable func request(_ path: String) -> (status: Int?, took: Duration) {
            var status: Int?
            let took = ContinuousClock().measure {
                status = try? RawHTTPClient.send(port: port, method: "GET", path: path, timeout: 8).status
            }
            return (status, took)
        }

        // One request per worker, at once: each answers 503 at its deadline (1.5 s), or after
        // the 2 s connect timeout if that worker had no session.
        let first = Mutex<[(status: Int?, took: Duration)]>([])
        DispatchQueue.concurrentPerform(iterations: 2) { _ in
            let answer = request("/api/public-accounts/")
            first.withLock { $0.append(answer) }
        }
        for answer in first.withLock({ $0 }) {
            #expect(answer.status == 503, "\(stack.logs)")
            #expect(answer.took >= .milliseconds(1400) && answer.took < .milliseconds(3500), "\(answer.took)")
        }
        // Then at most one reconnect waits out the connect timeout and marks the outage; after
        // it every request is a 503 at once, and a request without the database is served.
        var answers: [(status: Int?, took: Duration)] = []
        for _ in 0..<8 { answers.append(request("/api/public-accounts/")) }
        #expect(answers.allSatisfy { $0.status == 503 }, "\(answers) \(stack.logs)")
        #expect(answers.allSatisfy { $0.took < .milliseconds(3500) }, "\(answers)")
        #expect(answers.filter { $0.took >= .seconds(1) }.count <= 1, "\(answers)")
        let nowhere = request("/nowhere/")
        #expect(nowhere.status == 404 && nowhere.took < .seconds(1), "\(nowhere)")
        #expect(stack.server.log.lines(containing: "database unavailable").count == 1, "\(stack.logs)")

        if frozen.exchange(false, ordering: .sequentiallyConsistent) { try cluster.thaw() }
        let thawed = clock.now
        #expect(waitUntil(timeout: 5) { (try? stack.send("GET", "/api/public-accounts/").status) == 200 }, "\(stack.logs)")
        #expect(clock.now - thawed < .milliseconds(1500))
    }

    /// Down at start, the model check (`ModelCheck`) waits for the first connection a worker
    /// opens; a table that has drifted meanwhile is then logged, and the database is not used
    /// (503) rather than failing to decode rows.
    @Test func aModelCheckDeferredByAnOutageRunsOnTheFirstConnection() throws {
        let cluster = try Self.cluster()
        let psql = (ProcessInfo.processInfo.environment["SRF_TEST_PGBIN"] ?? "/usr/bin") + "/psql"
        func sql(_ statement: String) throws {
            let result = try Subprocess.run(psql, ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", cluster.url, "-c", statement])
            guard result.status == 0 else { throw TestSupportError("psql: \(result.stderr)") }
        }
        try sql("ALTER TABLE notes ALTER COLUMN title DROP NOT NULL")
        defer { try? sql("ALTER TABLE notes ALTER COLUMN title SET NOT NULL") }
        try cluster.stop()
        var running = false
        defer { if !running { try? cluster.start() } }
        let stack = try APIStack(databaseURL: cluster.url, migrate: false, arguments: ["--workers", "2"])
        #expect(stack.server.log.contains("the models will be checked on the first connection"), "\(stack.logs)")

        try cluster.start()
        running = true
        var difference: [Substring] = []
        #expect(
            waitUntil(timeout: 5) {
                _ = try? stack.send("GET", "/api/public-accounts/")
                difference = stack.server.log.lines(
                    containing: #"Note.title: column "title" of "notes" is character varying(200) NULL; the model reads String"#)
                return !difference.isEmpty
            }, "\(stack.logs)")
        #expect(difference.count == 1, "\(stack.logs)")
        for _ in 0..<3 {
            let response = try stack.send("GET", "/api/public-accounts/")
            #expect(response.status == 503 && response.text == Self.unavailable)
        }
        #expect(stack.server.log.contains("requests that need the database get 503 until the server is restarted"))
    }

    /// The probe runs on a thread of its own (Dispatch): SIGTERM must still reach the server's
    /// signal thread and drain, not take the default action on the probe's thread.
    @Test func aStopDuringAnOutageStillDrains() throws {
        let nowhere = try TestEnvironment.makeTemporaryDirectory("nodb")
        let stack = try APIStack(
            databaseURL: "postgres://postgres@/none?host=\(nowhere)&port=5999", migrate: false,
            arguments: ["--workers", "2"])
        #expect(try stack.send("GET", "/api/public-accounts/").status == 503)
        usleep(600_000)  // a few probes have run
        #expect(stack.server.log.contains("database unavailable"), "\(stack.logs)")
        stack.server.signal(SIGTERM)
        #expect(stack.server.wait(timeout: 10) == 0, "\(stack.logs)")
        #expect(stack.server.log.contains("received SIGTERM"), "\(stack.logs)")
    }
}

extension String {
    func lines(containing text: String) -> [Substring] {
        split(separator: "\n").filter { $0.contains(text) }
    }
}

extension Substring {
    /// The whole number just before `suffix`: "... (12 failed connection attempts)" → 12.
    func number(before suffix: String) -> Int? {
        guard let end = range(of: suffix)?.lowerBound else { return nil }
        let digits = self[..<end].reversed().prefix { $0.isNumber }
        return Int(String(digits.reversed()))
    }
}
