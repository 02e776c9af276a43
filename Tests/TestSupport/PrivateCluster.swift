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

    private static let instances = Mutex<[String: PrivateCluster]>([:])

    /// The process-wide private cluster of that name, created and started on the first call.
    /// Suites that stop or freeze a cluster use one name each, so that they never take the
    /// server away from each other when they run in parallel.
    public static func shared(_ name: String = "default") throws -> PrivateCluster {
        try instances.withLock { clusters in
            if let cluster = clusters[name] { return cluster }
            let created = try PrivateCluster()
            clusters[name] = created
            return created
        }
    }

    /// A cluster that is not shared (`shared(_:)` is): one test's, stopped when released.
    ///
    /// - Parameters:
    ///   - listenAddresses: TCP addresses to listen on besides the unix socket (none by default),
    ///     e.g. the root side of `HostNetwork`'s links, for api-server in other namespaces.
    ///   - trustedNetworks: networks whose TCP clients may connect without a password
    ///     (pg_hba.conf `host ... trust` lines, as the unix socket is trusted).
    public init(listenAddresses: [String] = [], trustedNetworks: [String] = []) throws {
        directory = try TestEnvironment.makeTemporaryDirectory("private-pg")
        socketDirectory = directory + "/sock"
        port = String(freeLocalPort())
        url = "postgres://postgres@/postgres?host=\(socketDirectory)&port=\(port)"
        let data = directory + "/data"
        try FileManager.default.createDirectory(atPath: socketDirectory, withIntermediateDirectories: true)
        chmod(socketDirectory, 0o777)
        try run([TestEnvironment.postgresBin + "/initdb", "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"])
        let settings = """

            listen_addresses = '\(listenAddresses.joined(separator: ","))'
            port = \(port)
            unix_socket_directories = '\(socketDirectory)'
            fsync = off
            synchronous_commit = off
            """
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: data + "/postgresql.conf"))
        handle.seekToEndOfFile()
        handle.write(Data(settings.utf8))
        try handle.close()
        if !trustedNetworks.isEmpty {
            let hba = try FileHandle(forWritingTo: URL(fileURLWithPath: data + "/pg_hba.conf"))
            hba.seekToEndOfFile()
            hba.write(Data(trustedNetworks.map { "\nhost all all \($0) trust" }.joined().utf8))
            try hba.close()
        }
        try start()
    }

    public func start() throws { try pgctl(["-w", "start", "-l", directory + "/postgres.log"]) }
    public func stop() throws { try pgctl(["-m", "fast", "-w", "stop"]) }
    public func restart() throws { try pgctl(["-m", "fast", "-w", "restart", "-l", directory + "/postgres.log"]) }

    /// Stops every process of the server with SIGSTOP: connecting then hangs until the
    /// client's connect timeout, and statements on open sessions hang, as with a server host
    /// that froze or a network that drops packets. `thaw()` undoes it; call it in a `defer`.
    public func freeze() throws { try signalServer(SIGSTOP) }
    public func thaw() throws { try signalServer(SIGCONT) }

    /// The postmaster (first line of postmaster.pid) and its children.
    private func signalServer(_ signal: Int32) throws {
        let pidFile = try String(contentsOfFile: directory + "/data/postmaster.pid", encoding: .utf8)
        guard let line = pidFile.split(separator: "\n").first, let postmaster = Int32(line) else {
            throw TestSupportError("no postmaster pid in \(directory)/data/postmaster.pid")
        }
        let children = try Subprocess.run("/usr/bin/pgrep", ["-P", String(postmaster)]).stdout
            .split(whereSeparator: \.isWhitespace).compactMap { Int32($0) }
        // Freeze the postmaster first (no new children), thaw it last.
        let order = signal == SIGSTOP ? [postmaster] + children : children + [postmaster]
        for pid in order where kill(pid, signal) != 0 {
            throw TestSupportError("kill(\(pid), \(signal)) failed: errno \(errno)")
        }
    }

    private func pgctl(_ arguments: [String]) throws {
        try run([TestEnvironment.postgresBin + "/pg_ctl", "-D", directory + "/data"] + arguments)
    }

    /// Runs a server binary as the postgres user (PostgreSQL refuses to run as root).
    private func run(_ command: [String]) throws { try runAsPostgres(command) }

    deinit { try? stop() }
}

import Synchronization

/// Runs a PostgreSQL binary (initdb, pg_ctl, pg_basebackup), as the postgres user when run by
/// root (PostgreSQL refuses root); throws with its output unless it exits 0.
func runAsPostgres(_ command: [String]) throws {
    var command = command
    if getuid() == 0 { command = ["/usr/sbin/runuser", "-u", "postgres", "--"] + command }
    let result = try Subprocess.run(command[0], Array(command.dropFirst()))
    guard result.status == 0 else {
        throw TestSupportError("\(command.joined(separator: " ")) failed: \(result.stderr)\(result.stdout)")
    }
}
