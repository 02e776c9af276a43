import Foundation

/// A PostgreSQL cluster of its own, for tests that restart or stop the server. The shared
/// cluster of `Tests/run` serves every other test in parallel, so an outage test must never
/// touch it; this one is created on first use (a second or two), in the test work folder.
///
///     let cluster = try PrivateCluster.shared()
///     let connection = try Connection(url: cluster.url)
///     try cluster.restart()
public final class PrivateCluster: Sendable {
    public let directory: String
    public let socketDirectory: String
    public let port: String
    /// `postgres://postgres@/postgres?host=...&port=...`
    public let url: String

    private static let instance = Mutex<PrivateCluster?>(nil)

    /// The process-wide private cluster, created and started on the first call.
    public static func shared() throws -> PrivateCluster {
        try instance.withLock { cluster in
            if let cluster { return cluster }
            let created = try PrivateCluster()
            cluster = created
            return created
        }
    }

    private init() throws {
        directory = try TestEnvironment.makeTemporaryDirectory("private-pg")
        socketDirectory = directory + "/sock"
        port = String(freeLocalPort())
        url = "postgres://postgres@/postgres?host=\(socketDirectory)&port=\(port)"
        let data = directory + "/data"
        try FileManager.default.createDirectory(atPath: socketDirectory, withIntermediateDirectories: true)
        chmod(socketDirectory, 0o777)
        try run([TestEnvironment.postgresBin + "/initdb", "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"])
        let settings = """

        listen_addresses = ''
        port = \(port)
        unix_socket_directories = '\(socketDirectory)'
        fsync = off
        synchronous_commit = off
        """
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: data + "/postgresql.conf"))
        handle.seekToEndOfFile()
        handle.write(Data(settings.utf8))
        try handle.close()
        try start()
    }

    public func start() throws { try pgctl(["-w", "start", "-l", directory + "/postgres.log"]) }
    public func stop() throws { try pgctl(["-m", "fast", "-w", "stop"]) }
    public func restart() throws { try pgctl(["-m", "fast", "-w", "restart", "-l", directory + "/postgres.log"]) }

    private func pgctl(_ arguments: [String]) throws {
        try run([TestEnvironment.postgresBin + "/pg_ctl", "-D", directory + "/data"] + arguments)
    }

    /// Runs a server binary as the postgres user (PostgreSQL refuses to run as root).
    private func run(_ command: [String]) throws {
        var command = command
        if getuid() == 0 { command = ["/usr/sbin/runuser", "-u", "postgres", "--"] + command }
        let result = try Subprocess.run(command[0], Array(command.dropFirst()))
        guard result.status == 0 else { throw TestSupportError("\(command.joined(separator: " ")) failed: \(result.stderr)\(result.stdout)") }
    }

    deinit { try? stop() }
}

import Synchronization
