import Foundation
import ReferenceAPI
import TestSupport
import Testing

/// api-server's subcommands (`check`, `routes`, `migrate`, `--version`, `--help`), run as
/// processes on a migrated schema of their own, as a deploy script would.
@Suite(.needsTestsRun) struct ServerCommandTests {
    static let migrations = NginxProcess.projectRoot + "/migrations"

    func run(_ arguments: [String], on client: ReferenceClient) throws -> Subprocess.Result {
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = client.schema.url
        return try Subprocess.run(TestEnvironment.executable("api-server"), arguments, environment: environment)
    }

    /// `api-server check` on the reference app with every migration applied: each part passes.
    @Test func checkPassesOnTheMigratedReferenceApp() throws {
        let client = try ReferenceClient(seed: false)
        let result = try run(["check", "--migrations-dir", Self.migrations], on: client)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        let routes = try ReferenceAPI.application(configuration: .init(passwordIterations: 3)).urls.patterns.count
        let applied = try FileManager.default.contentsOfDirectory(atPath: Self.migrations).filter { $0.hasSuffix(".sql") }.count
        #expect(
            result.stdout == """
                api-server: urls: \(routes) route(s)
                api-server: serializers: \(result.stdout.serializerCount) built
                api-server: models: 8 match the database
                api-server: migrations up to date: \(applied) applied
                api-server: check passed

                """)
        #expect(result.stdout.serializerCount >= 5, "\(result.stdout)")
        // The migrate subcommand agrees.
        let migrateCheck = try run(["migrate", "check", "--dir", Self.migrations], on: client)
        #expect(migrateCheck.status == 0 && migrateCheck.stdout == "migrations up to date: \(applied) applied\n")
    }

    /// A pending migration fails the check; so does a model that no longer matches its table;
    /// both are named, and the other parts still run.
    @Test func checkFailsOnAPendingMigrationOrAModelMismatch() throws {
        let client = try ReferenceClient(seed: false)
        let directory = try TestEnvironment.makeTemporaryDirectory("pending")
        for name in try FileManager.default.contentsOfDirectory(atPath: Self.migrations) where name.hasSuffix(".sql") {
            try FileManager.default.copyItem(atPath: Self.migrations + "/" + name, toPath: directory + "/" + name)
        }
        try "CREATE TABLE later (x int);".write(toFile: directory + "/9000_later.sql", atomically: true, encoding: .utf8)
        let pending = try run(["check", "--migrations-dir", directory], on: client)
        #expect(pending.status == 1)
        #expect(pending.stdout.contains("api-server: models: 8 match the database"))
        #expect(
            pending.stderr
                == "api-server: pending  9000_later.sql\napi-server: 1 migration(s) pending: run migrate\napi-server: check failed\n")
        let plan = try run(["migrate", "plan", "--dir", directory], on: client)
        #expect(plan.status == 0 && plan.stdout == "9000_later.sql\n")

        try client.connection.executeScript("ALTER TABLE accounts ADD COLUMN plan text NOT NULL")
        let drifted = try run(["check", "--migrations-dir", Self.migrations], on: client)
        #expect(drifted.status == 1)
        #expect(drifted.stderr.contains(#"Account: column "plan" of "accounts" is text NOT NULL without a default"#), "\(drifted.stderr)")
        #expect(drifted.stdout.contains("api-server: migrations up to date"))
        #expect(drifted.stderr.hasSuffix("api-server: check failed\n"))

        // Without its migrations folder the check cannot pass, and says which option names it.
        let noFolder = try run(["check", "--migrations-dir", "/nonexistent/migrations"], on: client)
        #expect(
            noFolder.status == 1 && noFolder.stderr.contains("no migrations folder at /nonexistent/migrations (pass --migrations-dir PATH)")
        )
    }

    /// `routes`: the URL conf as a table (pattern, name, method=action, view), no database needed.
    @Test func routesPrintsTheRouteTable() throws {
        let result = try Subprocess.run(TestEnvironment.executable("api-server"), ["routes"])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = result.stdout.split(separator: "\n").map {
            $0.split(separator: "  ").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        #expect(rows.contains(["^api/users/$", "user-list", "get=list post=create", "User List"]), "\(result.stdout)")
        #expect(
            rows.contains([
                "^api/users/(?P<pk>[^/.]+)/$", "user-detail", "get=retrieve put=update patch=partial_update delete=destroy",
                "User Instance",
            ]))
        #expect(rows.contains(["^api/$", "api-root", "get", "Api Root"]))
        #expect(rows.count == (try ReferenceAPI.application(configuration: .init(passwordIterations: 3)).urls.patterns.count))
    }

    @Test func versionHelpAndUsageErrors() throws {
        let api = TestEnvironment.executable("api-server")
        let version = try Subprocess.run(api, ["--version"])
        #expect(version.status == 0 && version.stdout.range(of: #"^\d+\.\d+\.\d+(-[a-z0-9.]+)?\n$"#, options: .regularExpression) != nil)
        #expect(try Subprocess.run(api, ["check", "--version"]).stdout == version.stdout)
        #expect(try Subprocess.run(TestEnvironment.executable("migrate"), ["--version"]).stdout == version.stdout)
        #expect(try Subprocess.run(TestEnvironment.executable("api-admin"), ["--version"]).stdout == version.stdout)
        let help = try Subprocess.run(api, ["--help"])
        #expect(help.status == 0)
        for text in ["--listen <address>", "--workers <n>", "  check ", "  routes ", "  migrate ", "  serve ", "--test-routes"] {
            #expect(help.stdout.contains(text), "\(text)")
        }
        for bad in [
            ["--workers", "0"], ["check", "--bogus"], ["routes", "extra"], ["migrate", "new", "Bad"], ["check", "--test-routes"],
        ] {
            let result = try Subprocess.run(api, bad)
            #expect(result.status == 2, "\(bad): \(result.stderr)")
            #expect(result.stderr.hasPrefix("Error: "), "\(bad): \(result.stderr)")
        }
    }
}

extension String {
    /// N of the `serializers: N built` line.
    fileprivate var serializerCount: Int {
        guard let range = range(of: #"serializers: \d+"#, options: .regularExpression) else { return -1 }
        return Int(self[range].dropFirst("serializers: ".count)) ?? -1
    }
}
