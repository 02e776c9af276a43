import Foundation
import Migrations
import PostgreSQL
import TestSupport
import Testing

/// The `migrate` executable, run as a process.
@Suite(.needsTestsRun) struct MigrateCommandTests {
    @Test func appliesThenReportsStatus() throws {
        let directory = try makeMigrationsFolder(["0001_a.sql": "CREATE TABLE a (x int);", "0002_b.sql": "CREATE TABLE b (x int);"])
        let database = try TemporaryDatabase(prefix: "m")
        defer { database.drop() }

        let pending = try runMigrate(["status", "--dir", directory], database: database)
        #expect(pending.status == 0)
        #expect(pending.stdout == "pending  0001_a.sql\npending  0002_b.sql\n")

        let first = try runMigrate(["--dir=\(directory)"], database: database)
        #expect(first.status == 0, "\(first.stderr)")
        let lines = first.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.first?.hasPrefix("applied 0001_a.sql (") == true)
        #expect(lines.last?.hasPrefix("applied 0002_b.sql (") == true)

        // --database-url wins over DATABASE_URL.
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = "postgres://nobody@/nowhere?host=/nonexistent"
        let again = try Subprocess.run(
            TestEnvironment.executable("migrate"), ["apply", "--dir", directory, "--database-url", database.url],
            environment: environment)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout == "nothing to apply\n")

        let status = try runMigrate(["status", "--dir", directory], database: database)
        let statusLines = status.stdout.split(separator: "\n").map(String.init)
        #expect(statusLines.count == 2)
        #expect(statusLines.allSatisfy { $0.hasPrefix("applied  000") && $0.hasSuffix("Z") })
        let stamp = statusLines[0].split(separator: " ").last.map(String.init) ?? ""
        #expect(PostgresTimestamp(stamp) != nil, "\(stamp)")
    }

    @Test func exitCodesAndMessages() throws {
        let database = try TemporaryDatabase(prefix: "m")
        defer { database.drop() }
        let help = try runMigrate(["--help"], database: database)
        #expect(help.status == 0)
        #expect(help.stdout.hasPrefix("usage: migrate"))

        for bad in [["--bogus"], ["frobnicate"], ["--dir"], ["status", "extra"]] {
            let result = try runMigrate(bad, database: database)
            #expect(result.status == 2, "\(bad)")
            #expect(result.stderr.contains("usage: migrate"), "\(bad)")
        }

        let directory = try makeMigrationsFolder(["0001_ok.sql": "SELECT 1;", "0002_bad.sql": "SELECT 1;\nCREATE TABLE (x int);"])
        let failed = try runMigrate(["--dir", directory], database: database)
        #expect(failed.status == 1)
        #expect(failed.stdout.hasPrefix("applied 0001_ok.sql"))
        #expect(failed.stderr.contains("0002_bad.sql:2:14: ERROR 42601: syntax error"), "\(failed.stderr)")

        let missing = try runMigrate(["--dir", "/nonexistent/migrations"], database: database)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no migrations folder at /nonexistent/migrations"))

        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = "postgres://nobody@/nowhere?host=/nonexistent"
        let unreachable = try Subprocess.run(TestEnvironment.executable("migrate"), ["--dir", directory], environment: environment)
        #expect(unreachable.status == 1)
        #expect(unreachable.stderr.contains("connection"))
    }

    /// Two `migrate` processes at once: one applies, the other waits for its lock and then
    /// finds nothing to do. Applying a file twice would fail (CREATE TABLE without IF NOT EXISTS).
    @Test func twoConcurrentRunsApplyEachFileOnce() throws {
        let directory = try makeMigrationsFolder([
            "0001_slow.sql": "SELECT pg_sleep(1);\nCREATE TABLE a (x int);",
            "0002_b.sql": "CREATE TABLE b (x int);",
            "0003_c.sql": "CREATE TABLE c (x int);",
        ])
        let database = try TemporaryDatabase(prefix: "m")
        defer { database.drop() }
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = database.url
        let logs = try TestEnvironment.makeTemporaryDirectory("migrate-logs")
        let runs = try (0..<2).map { index in
            try ChildProcess(
                TestEnvironment.executable("migrate"), ["--dir", directory], environment: environment,
                logPath: "\(logs)/\(index).log")
        }
        let statuses = runs.map { $0.wait(timeout: 60) }
        let output = runs.map(\.log)
        #expect(statuses == [0, 0], "\(output)")
        let combined = output.joined()
        for name in ["0001_slow.sql", "0002_b.sql", "0003_c.sql"] {
            #expect(combined.components(separatedBy: "applied \(name)").count == 2, "\(output)")
        }
        #expect(output.filter { $0 == "nothing to apply\n" }.count == 1, "\(output)")
        #expect(try recordedNames(database) == ["0001_slow.sql", "0002_b.sql", "0003_c.sql"])
    }
}
