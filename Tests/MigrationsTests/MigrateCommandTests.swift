import Commands
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
        #expect(help.stdout.contains("USAGE: migrate <subcommand>"))
        for subcommand in ["apply (default)", "status", "check", "plan", "new"] {
            #expect(help.stdout.contains("\n  " + subcommand + " "), "\(subcommand)")
        }
        let version = try runMigrate(["--version"], database: database)
        #expect(version.status == 0 && version.stdout == FrameworkVersion.current + "\n")

        // Usage errors exit 2 (not argument-parser's 64), with the reason and the usage.
        for bad in [["--bogus"], ["frobnicate"], ["--dir"], ["status", "extra"], ["new"], ["new", "Add-Index"], ["check", "--dir"]] {
            let result = try runMigrate(bad, database: database)
            #expect(result.status == 2, "\(bad)")
            #expect(result.stderr.hasPrefix("Error: "), "\(bad): \(result.stderr)")
            #expect(result.stderr.contains("Usage: migrate"), "\(bad): \(result.stderr)")
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

    /// Two `migrate` processes at once: each file is applied by one of them, in order (the lock
    /// is taken per file's transaction, so the runs may share the work); the other waits for it
    /// and skips it. Applying a file twice would fail (CREATE TABLE without IF NOT EXISTS).
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
        #expect(try recordedNames(database) == ["0001_slow.sql", "0002_b.sql", "0003_c.sql"])
    }

    /// `migrate check` (for deploy scripts: 1 while a file is pending or changed), `migrate plan`.
    @Test func checkAndPlan() throws {
        let directory = try makeMigrationsFolder(["0001_a.sql": "CREATE TABLE a (x int);", "0002_b.sql": "CREATE TABLE b (x int);"])
        let database = try TemporaryDatabase(prefix: "m")
        defer { database.drop() }

        // Nothing applied yet (not even schema_migrations): both pending.
        let fresh = try runMigrate(["check", "--dir", directory], database: database)
        #expect(fresh.status == 1)
        #expect(fresh.stdout == "pending  0001_a.sql\npending  0002_b.sql\n")
        #expect(fresh.stderr == "migrate: 2 migration(s) pending: run migrate\n")
        let plan = try runMigrate(["plan", "--dir", directory], database: database)
        #expect(plan.status == 0 && plan.stdout == "0001_a.sql\n0002_b.sql\n", "\(plan.stderr)")
        // Neither created anything.
        #expect(try database.psql("SELECT to_regclass('schema_migrations') IS NULL") == "t")

        #expect(try runMigrate(["--dir", directory], database: database).status == 0)
        let upToDate = try runMigrate(["check", "--dir", directory], database: database)
        #expect(upToDate.status == 0 && upToDate.stdout == "migrations up to date: 2 applied\n", "\(upToDate.stderr)")
        #expect(try runMigrate(["plan", "--dir", directory], database: database).stdout == "nothing to apply\n")

        try writeMigration("CREATE TABLE c (x int);", named: "0003_c.sql", in: directory)
        let pending = try runMigrate(["check", "--dir", directory], database: database)
        #expect(pending.status == 1 && pending.stdout == "pending  0003_c.sql\n")
        #expect(try runMigrate(["plan", "--dir", directory], database: database).stdout == "0003_c.sql\n")

        // A changed applied file: check fails naming it, plan fails as migrate would.
        try writeMigration("CREATE TABLE b (x bigint);", named: "0002_b.sql", in: directory)
        let changed = try runMigrate(["check", "--dir", directory], database: database)
        #expect(changed.status == 1)
        #expect(changed.stdout.hasPrefix("CHANGED  0002_b.sql  "), "\(changed.stdout)")
        #expect(changed.stderr.contains("1 applied migration(s) changed since"), "\(changed.stderr)")
        let refused = try runMigrate(["plan", "--dir", directory], database: database)
        #expect(refused.status == 1 && refused.stderr.contains("0002_b.sql was changed after it was applied"), "\(refused.stderr)")

        let missing = try runMigrate(["check", "--dir", "/nonexistent/migrations"], database: database)
        #expect(missing.status == 1 && missing.stderr.contains("no migrations folder at /nonexistent/migrations"))
    }

    /// `migrate new NAME`: the next numbered file, never over another, names checked.
    @Test func newCreatesTheNextNumberedFile() throws {
        let database = try TemporaryDatabase(prefix: "m")
        defer { database.drop() }
        let parent = try TestEnvironment.makeTemporaryDirectory("new")
        let directory = parent + "/migrations"
        let first = try runMigrate(["new", "initial", "--dir", directory], database: database)
        #expect(first.status == 0 && first.stdout == directory + "/0001_initial.sql\n", "\(first.stderr)")
        try writeMigration("SELECT 1;", named: "0007_seventh.sql", in: directory)
        let next = try runMigrate(["new", "add_notes_index", "--dir", directory], database: database)
        #expect(next.stdout == directory + "/0008_add_notes_index.sql\n")
        let text = try String(contentsOfFile: directory + "/0008_add_notes_index.sql", encoding: .utf8)
        #expect(text.hasPrefix("-- add_notes_index: "))
        // The new files are migrations like any other.
        #expect(try runMigrate(["--dir", directory], database: database).status == 0)
        #expect(try recordedNames(database) == ["0001_initial.sql", "0007_seventh.sql", "0008_add_notes_index.sql"])

        for bad in ["Add", "add-index", "add index", "../escape", "", String(repeating: "x", count: 81), "ünï"] {
            let refused = try runMigrate(["new", bad, "--dir", directory], database: database)
            #expect(refused.status == 2, "\(bad)")
            #expect(refused.stderr.contains("is not a migration name"), "\(bad): \(refused.stderr)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).count == 3)
    }
}

/// `Migration.create` and the names it takes, without a database.
@Suite struct MigrationCreateTests {
    @Test func namesAndNumbers() throws {
        #expect(
            Migration.isValidName("add_notes_index") && Migration.isValidName("0")
                && Migration.isValidName(String(repeating: "a", count: 80)))
        #expect(
            !Migration.isValidName("") && !Migration.isValidName("A") && !Migration.isValidName("a.sql") && !Migration.isValidName("a/b"))
        // Not TestEnvironment's folder: this suite runs in a plain `swift test` too.
        let directory = NSTemporaryDirectory() + "srf-migration-create-" + UUID().uuidString + "/migrations"
        defer { try? FileManager.default.removeItem(atPath: (directory as NSString).deletingLastPathComponent) }
        #expect(try Migration.create(named: "one", in: directory) == directory + "/0001_one.sql")
        try writeMigration("SELECT 1;", named: "12345_big.sql", in: directory)
        #expect(try Migration.create(named: "next", in: directory) == directory + "/12346_next.sql")
        #expect(throws: MigrationError.self) { try Migration.create(named: "Bad", in: directory) }
        #expect(try Migration.load(from: directory).map(\.name) == ["0001_one.sql", "12345_big.sql", "12346_next.sql"])
    }
}

/// `CommandMain`: the exit codes every command documents (no database: usage only).
@Suite struct CommandMainTests {
    @Test func usageErrorsExitTwoHelpAndVersionZero() {
        func status(_ arguments: [String]) -> Int32 {
            // nil: not the program's command (argument-parser's help), which runs itself.
            CommandMain.status(MigrateCommand.self, arguments: arguments) { command in command is MigrateCommand.Status ? 99 : nil }
        }
        #expect(status(["--bogus"]) == 2)
        #expect(status(["new"]) == 2)
        #expect(status(["new", "Bad-Name"]) == 2)
        #expect(status(["--help"]) == 0)
        #expect(status(["new", "--help"]) == 0)
        #expect(status(["--version"]) == 0)
        #expect(status(["status"]) == 99)
        // What the program's own code throws: 1.
        #expect(CommandMain.status(MigrateCommand.self, arguments: ["plan"]) { _ in throw MigrationError.directoryNotFound("x") } == 1)
    }
}
