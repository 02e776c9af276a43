import Foundation

/// A database of its own for one test, created in the test cluster and dropped by `drop()`.
///
///     let db = try TemporaryDatabase()
///     defer { db.drop() }
///     let connection = try Connection(url: db.url)
public struct TemporaryDatabase: Sendable {
    public let name: String
    public let url: String

    /// - Parameter template: a database to copy (`createdb --template`): schema, rows and
    ///   sequence positions. Nobody may be connected to it meanwhile.
    public init(prefix: String = "t", template: TemporaryDatabase? = nil) throws {
        name = prefix + "_" + UUID().uuidString.prefix(12).lowercased().replacingOccurrences(of: "-", with: "")
        let copy = template.map { ["--template", $0.name] } ?? []
        let result = try Subprocess.run(TestEnvironment.postgresBin + "/createdb", Self.clientArguments + copy + [name])
        guard result.status == 0 else { throw TestSupportError("createdb \(name) failed: \(result.stderr)") }
        url = "postgres://postgres@/\(name)?host=\(TestEnvironment.postgresSocketDirectory)&port=\(TestEnvironment.postgresPort)"
    }

    /// A temporary database with the project's `migrations/` applied by the real `migrate`.
    public static func migrated(prefix: String = "t") throws -> TemporaryDatabase {
        let database = try TemporaryDatabase(prefix: prefix)
        let result = try Subprocess.run(
            TestEnvironment.executable("migrate"),
            ["--database-url", database.url, "--dir", NginxProcess.projectRoot + "/migrations"])
        guard result.status == 0 else {
            database.drop()
            throw TestSupportError("migrate failed: \(result.stdout)\(result.stderr)")
        }
        return database
    }

    public func drop() {
        _ = try? Subprocess.run(TestEnvironment.postgresBin + "/dropdb", Self.clientArguments + ["--force", name])
    }

    /// Runs SQL with psql (independently of the client under test), returning its unaligned output.
    @discardableResult
    public func psql(_ sql: String) throws -> String {
        let result = try Subprocess.run(
            TestEnvironment.postgresBin + "/psql",
            Self.clientArguments + ["-X", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", name, "-c", sql])
        guard result.status == 0 else { throw TestSupportError("psql failed: \(result.stderr)") }
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static var clientArguments: [String] {
        ["-h", TestEnvironment.postgresSocketDirectory, "-p", TestEnvironment.postgresPort, "-U", "postgres"]
    }
}

public struct TestSupportError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
