import Foundation
import Testing
import TestSupport

/// The wire bytes a DRF client sees, api-server against the DRF reference implementation
/// (`Tests/DRFReference`, Django 5.2 + DRF 3.18): the same requests through nginx to both,
/// compared on status, `Allow`, `WWW-Authenticate`, `Location`, `Content-Type` and the body
/// bytes. Every difference is a failure that shows both answers.
///
/// One database is migrated and seeded (`WireSeed`); each side serves a copy of it
/// (`createdb --template`), so both start from the same rows and sequence positions, and the
/// requests (`WireRequests`) go to both in the same order, so writes leave both in the same state.
/// Both are asked with `Host: testserver`, so absolute URLs match.
///
/// Part 2 of the spec (`WireRequests.projects`, seeded by `WireSeed.projectsSQL`) is compared
/// whole, the writes of a negative-zero budget included. Sessions (`WireRequests.sessions`): a
/// browser signing in at `/api/auth/login/`, posting with and without Django's CSRF token, and
/// signing out, each side with its own cookies.
@Suite(.needsTestsRun) struct WireComparisonTests {
    @Test func apiServerAnswersAsDRFDoes() throws {
        try compare(
            WireRequests.all, seed: WireSeed.sql)
    }

    @Test func apiServerAnswersPartTwoAsDRFDoes() throws {
        try compare(WireRequests.projects, seed: WireSeed.sql + WireSeed.projectsSQL)
    }

    @Test func apiServerAnswersSessionsAsDRFDoes() throws {
        try compare(WireRequests.sessions, seed: WireSeed.sql)
    }

    /// Through a real PgBouncer in transaction pooling mode (`deploy/pgbouncer`,
    /// `DATABASE_POOL_MODE=transaction`): two server connections lent per transaction to
    /// api-server's four workers and to two clients that keep transactions going meanwhile, so
    /// that each worker's statements land on whichever server connection is free. Part 2 whole
    /// (reads, filters, validation, writes in transactions) and the sessions (sign-in, CSRF);
    /// part 1 whole would add about a minute, most of it the DRF side.
    @Test func apiServerAnswersAsDRFDoesThroughPgBouncer() throws {
        let bouncer = try PgBouncerProcess(poolSize: 2)
        defer { bouncer.stop() }
        for (requests, seed) in [(WireRequests.projects, WireSeed.sql + WireSeed.projectsSQL), (WireRequests.sessions, WireSeed.sql)] {
            try compare(
                requests, seed: seed, apiServerEnvironment: ["DATABASE_POOL_MODE": "transaction"],
                apiServerDatabaseURL: { bouncer.url(database: $0.name) }, workers: 4,
                around: { database, compare in
                    let load = PooledLoad(url: bouncer.url(database: database.name), clients: 2)
                    try compare()
                    let seen = load.stop()
                    #expect(seen.transactions > 0 && seen.failures.isEmpty, "\(seen.failures.prefix(3))")
                    // The load's sessions were served by both server connections: they are shared.
                    #expect(seen.backends.count == 2, "\(seen.backends)")
                    // Read before the databases are dropped (PgBouncer then logs its lost server connections).
                    let errors = bouncer.log.split(separator: "\n").filter { $0.contains(" ERROR ") || $0.contains(" FATAL ") }
                    #expect(errors.isEmpty, "\(errors)")
                })
        }
    }

    /// - Parameters:
    ///   - apiServerDatabaseURL: the URL api-server gets for its copy of the database (default: the copy's own).
    ///   - around: runs the requests (its second argument) once both sides serve, given
    ///     api-server's database: what else should happen meanwhile.
    func compare(
        _ requests: [WireRequest], seed: String, drfEnvironment: [String: String] = [:],
        apiServerEnvironment: [String: String] = [:], apiServerDatabaseURL: (TemporaryDatabase) -> String = { $0.url },
        workers: Int = 2, around: (TemporaryDatabase, () throws -> Void) throws -> Void = { _, compare in try compare() }
    ) throws {
        let started = Date()
        let seeded = try TemporaryDatabase.migrated(prefix: "wire_seed")
        defer { seeded.drop() }
        try seeded.psql(seed)
        let ours = try TemporaryDatabase(prefix: "wire_srf", template: seeded)
        defer { ours.drop() }
        let theirs = try TemporaryDatabase(prefix: "wire_drf", template: seeded)
        defer { theirs.drop() }

        let stack = try APIStack(
            databaseURL: apiServerDatabaseURL(ours), migrate: false, arguments: ["--workers", String(workers)],
            environment: apiServerEnvironment)
        defer { stack.stop() }
        let drf = try DRFReferenceServer(databaseURL: theirs.url, environment: drfEnvironment)
        defer { drf.stop() }
        let drfNginx = try NginxProcess(httpSocket: drf.socketPath)
        defer { drfNginx.stop() }

        var report: [String] = []
        var mismatches = 0
        try around(ours) {
            let apiServer = WireSide(name: "api-server", port: stack.port)
            let reference = WireSide(name: "DRF", port: drfNginx.port)
            for (index, request) in requests.enumerated() {
                let mine = try apiServer.send(request), other = try reference.send(request)
                let differences = WireComparison.differences(request, ours: mine.response, drf: other.response)
                let line =
                    "#\(index) \(request.label)"
                    + (mine.target == other.target ? "" : " (api-server: \(mine.target), DRF: \(other.target))")
                report.append(line + "\n  \(mine.response.status) \(mine.response.text.prefix(300))")
                guard !differences.isEmpty else { continue }
                mismatches += 1
                report.append("  MISMATCH\n  " + differences.joined(separator: "\n  "))
                Issue.record(Comment(rawValue: "\(line)\n  " + differences.joined(separator: "\n  ")))
            }
        }
        let seconds = Date().timeIntervalSince(started)
        let summary = "\(requests.count) requests compared, \(mismatches) mismatched, \(String(format: "%.1f", seconds)) s"
        report.append(summary)
        if let path = ProcessInfo.processInfo.environment["SRF_WIRE_REPORT"] {
            try report.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        }
        print("WireComparisonTests: \(summary)")
        #expect(!drf.child.log.contains("Traceback"), "the DRF reference logged an error: \(drf.child.log)")
    }
}
