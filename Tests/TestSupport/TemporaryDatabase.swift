import Foundation

/// A database of its own for one test, created in the test cluster and dropped by `drop()`.
///
///     let db = try TemporaryDatabase()
///     defer { db.drop() }
///     let connection = try Connection(url: db.url)
public struct TemporaryDatabase: Sendable {
    public let name: String
    public let url: String

    public init(prefix: String = "t") throws {
        name = prefix + "_" + UUID().uuidString.prefix(12).lowercased().replacingOccurrences(of: "-", with: "")
        let result = try Subprocess.run(TestEnvironment.postgresBin + "/createdb", Self.clientArguments + [name])
        guard result.status == 0 else { throw TestSupportError("createdb \(name) failed: \(result.stderr)") }
        url = "postgres://postgres@/\(name)?host=\(TestEnvironment.postgresSocketDirectory)&port=\(TestEnvironment.postgresPort)"
    }

    public func drop() {
        _ = try? Subprocess.run(TestEnvironment.postgresBin + "/dropdb", Self.clientArguments + ["--force", name])
    }

    /// Runs SQL with psql (independently of the client under test), returning its unaligned output.
    @discardableResult
    public func psql(_ sql: String) throws -> String {
        let result = try Subprocess.run(TestEnvironment.postgresBin + "/psql",
                                        Self.clientArguments + ["-X", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", name, "-c", sql])
        guard result.status == 0 else { throw TestSupportError("psql failed: \(result.stderr)") }
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static var clientArguments: [String] {
        ["-h", TestEnvironment.postgresSocketDirectory, "-p", TestEnvironment.postgresPort, "-U", "postgres"]
    }
}

/// Restarts or stops the shared test cluster (for reconnect and outage tests). Tests that use
/// this must be serialized with each other, and should expect other tests to see a blip.
public enum TestCluster {
    public static func pgctl(_ arguments: [String]) throws {
        var command = [TestEnvironment.postgresBin + "/pg_ctl", "-D", TestEnvironment.postgresData] + arguments
        if getuid() == 0 { command = ["/usr/sbin/runuser", "-u", "postgres", "--"] + command }
        let result = try Subprocess.run(command[0], Array(command.dropFirst()))
        guard result.status == 0 else { throw TestSupportError("pg_ctl \(arguments) failed: \(result.stderr)\(result.stdout)") }
    }
    public static func restart() throws { try pgctl(["-m", "fast", "-w", "restart", "-l", TestEnvironment.workDirectory + "/postgres.log"]) }
    public static func stop() throws { try pgctl(["-m", "fast", "-w", "stop"]) }
    public static func start() throws { try pgctl(["-w", "start", "-l", TestEnvironment.workDirectory + "/postgres.log"]) }
}

public struct TestSupportError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
