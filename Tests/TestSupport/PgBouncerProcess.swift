import Foundation

/// A real PgBouncer (Debian's `pgbouncer`) in transaction pooling mode in front of the
/// `Tests/run` cluster, from the project's own `deploy/pgbouncer/pgbouncer.ini`. Any database
/// name is passed on to the same server (`*`); `poolSize` server connections per database are
/// shared by every client.
///
///     let bouncer = try PgBouncerProcess(poolSize: 2)
///     defer { bouncer.stop() }
///     let connection = try Connection(configuration: bouncer.configuration(database: db.name))
public final class PgBouncerProcess: Sendable {
    public let port: Int
    public let directory: String
    private let child: ChildProcess

    public init(poolSize: Int = 2) throws {
        directory = try TestEnvironment.makeTemporaryDirectory("pgbouncer")
        port = freeLocalPort()
        let template = try String(contentsOfFile: NginxProcess.projectRoot + "/deploy/pgbouncer/pgbouncer.ini", encoding: .utf8)
        let config = template.replacingOccurrences(of: "@DATABASE@", with: "*")
            .replacingOccurrences(of: "@SERVER_HOST@", with: TestEnvironment.postgresSocketDirectory)
            .replacingOccurrences(of: "@SERVER_PORT@", with: TestEnvironment.postgresPort)
            .replacingOccurrences(of: "@LISTEN_PORT@", with: String(port))
            .replacingOccurrences(of: "@AUTH_TYPE@", with: "trust")
            .replacingOccurrences(of: "@AUTH_FILE@", with: directory + "/userlist.txt")
            .replacingOccurrences(of: "@POOL_SIZE@", with: String(poolSize))
        try config.write(toFile: directory + "/pgbouncer.ini", atomically: true, encoding: .utf8)
        // trust still wants the role listed.
        try "\"postgres\" \"\"\n".write(toFile: directory + "/userlist.txt", atomically: true, encoding: .utf8)
        for file in ["/pgbouncer.ini", "/userlist.txt"] { chmod(directory + file, 0o644) }
        // PgBouncer refuses to run as root; -u switches to postgres after reading its files.
        let user = geteuid() == 0 ? ["-u", "postgres"] : []
        child = try ChildProcess("/usr/sbin/pgbouncer", user + [directory + "/pgbouncer.ini"], logPath: directory + "/pgbouncer.log")
        let port = self.port
        guard waitUntil(timeout: 10, { canConnect(port: port) }) else {
            throw TestSupportError("pgbouncer did not start: \(child.log)")
        }
    }

    /// A libpq URL to `database` through PgBouncer.
    public func url(database: String) -> String { "postgres://postgres@127.0.0.1:\(port)/\(database)" }

    public func stop() { child.stop() }
    public var log: String { child.log }

    deinit { stop() }
}
