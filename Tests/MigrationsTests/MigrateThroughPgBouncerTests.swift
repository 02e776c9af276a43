import Foundation
import TestSupport
import Testing

/// `migrate` through a real PgBouncer in transaction pooling mode (`DATABASE_POOL_MODE=transaction`),
/// whose two server connections are lent per transaction: a session advisory lock would stay
/// with whichever server connection took it (and another run lent the same one would hold it
/// too); the transaction-level lock ends with each file's transaction.
@Suite(.needsTestsRun) struct MigrateThroughPgBouncerTests {
    @Test func concurrentRunsApplyEachFileOnceAndLeaveNoLock() throws {
        let bouncer = try PgBouncerProcess(poolSize: 2)
        defer { bouncer.stop() }
        let directory = try makeMigrationsFolder([
            "0001_slow.sql": "SELECT pg_sleep(1);\nCREATE TABLE a (x int);",
            "0002_b.sql": "CREATE TABLE b (x int);",
            "0003_c.sql": "CREATE TABLE c (x int);",
        ])
        let database = try TemporaryDatabase(prefix: "mpgb")
        defer { database.drop() }
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = bouncer.url(database: database.name)
        environment["DATABASE_POOL_MODE"] = "transaction"
        let logs = try TestEnvironment.makeTemporaryDirectory("migrate-pgb-logs")
        let runs = try (0..<3).map { index in
            try ChildProcess(
                TestEnvironment.executable("migrate"), ["--dir", directory], environment: environment,
                logPath: "\(logs)/\(index).log")
        }
        let statuses = runs.map { $0.wait(timeout: 60) }
        let output = runs.map(\.log)
        #expect(statuses == [0, 0, 0], "\(output)\n\(bouncer.log)")
        let combined = output.joined()
        for name in ["0001_slow.sql", "0002_b.sql", "0003_c.sql"] {
            #expect(combined.components(separatedBy: "applied \(name)").count == 2, "\(output)")
        }
        #expect(try recordedNames(database) == ["0001_slow.sql", "0002_b.sql", "0003_c.sql"])
        // PgBouncer keeps its server connections open: a session lock would still be held there.
        let locks = try database.psql(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
        )
        #expect(locks == "0")

        let status = try Subprocess.run(TestEnvironment.executable("migrate"), ["status", "--dir", directory], environment: environment)
        #expect(status.status == 0, "\(status.stderr)")
        #expect(
            status.stdout.split(separator: "\n").count == 3 && status.stdout.split(separator: "\n").allSatisfy { $0.hasPrefix("applied ") })
    }

    /// A misspelled pool mode or prepared-statements switch is not taken as the default: the
    /// command fails naming the variable (a quiet `session` would fail later at PgBouncer).
    @Test(arguments: [("DATABASE_POOL_MODE", "transction"), ("DATABASE_PREPARED_STATEMENTS", "no")])
    func anUnreadableSettingFailsNamingIt(variable: String, value: String) throws {
        let directory = try makeMigrationsFolder(["0001_a.sql": "CREATE TABLE a (x int);"])
        var environment = ProcessInfo.processInfo.environment
        environment[variable] = value
        let run = try Subprocess.run(TestEnvironment.executable("migrate"), ["status", "--dir", directory], environment: environment)
        #expect(run.status != 0)
        #expect(run.stderr.contains("\(variable) is '\(value)'"), "\(run.stderr)")
    }
}
