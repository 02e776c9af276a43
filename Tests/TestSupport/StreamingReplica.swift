import Foundation

/// A second cluster streaming from a `PrivateCluster`, made as an operator makes one:
/// `pg_basebackup -R` (the data directory and `primary_conninfo`), then started as a hot
/// standby on a port and socket of its own. The primary's defaults suffice (`wal_level =
/// replica`, `max_wal_senders = 10`, and initdb's `local replication all trust` line).
///
///     let primary = try PrivateCluster.shared("replicated")
///     let replica = try StreamingReplica(of: primary)
///     try replica.stop(); try replica.start()
public final class StreamingReplica: Sendable {
    public let directory: String
    public let socketDirectory: String
    public let port: String
    /// `postgres://postgres@/postgres?host=...&port=...`
    public let url: String

    public init(of primary: PrivateCluster) throws {
        directory = try TestEnvironment.makeTemporaryDirectory("replica-pg")
        socketDirectory = directory + "/sock"
        port = String(freeLocalPort())
        url = "postgres://postgres@/postgres?host=\(socketDirectory)&port=\(port)"
        try FileManager.default.createDirectory(atPath: socketDirectory, withIntermediateDirectories: true)
        chmod(socketDirectory, 0o777)
        let data = directory + "/data"
        // -c fast: no wait for the primary's next checkpoint; -N: the copy is thrown away.
        try Self.run([
            TestEnvironment.postgresBin + "/pg_basebackup", "-h", primary.socketDirectory, "-p", primary.port, "-U", "postgres",
            "-D", data, "-R", "-X", "stream", "-c", "fast", "-N",
        ])
        let settings = """

            port = \(port)
            unix_socket_directories = '\(socketDirectory)'
            """
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: data + "/postgresql.conf"))
        handle.seekToEndOfFile()
        handle.write(Data(settings.utf8))
        try handle.close()
        try start()
    }

    public func start() throws { try pgctl(["-w", "start", "-l", directory + "/postgres.log"]) }
    /// `pg_ctl stop -m fast`: sessions are ended at once, in-flight statements fail.
    public func stop() throws { try pgctl(["-m", "fast", "-w", "stop"]) }

    /// The server's log (statements too when the primary had `log_statement` set: the base
    /// backup copies its settings).
    public var log: String { (try? String(contentsOfFile: directory + "/postgres.log", encoding: .utf8)) ?? "" }

    private func pgctl(_ arguments: [String]) throws {
        try Self.run([TestEnvironment.postgresBin + "/pg_ctl", "-D", directory + "/data"] + arguments)
    }

    /// As the postgres user when run by root (PostgreSQL refuses root).
    private static func run(_ command: [String]) throws { try runAsPostgres(command) }

    deinit { try? stop() }
}
