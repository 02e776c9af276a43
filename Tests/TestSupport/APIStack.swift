import Foundation

/// The real stack for end-to-end tests: the built `api-server` on a unix socket with a
/// database of its own (migrated with the real `migrate`), and a real nginx in front.
///
///     let stack = try APIStack()
///     let response = try stack.send("GET", "/api/public-accounts/")
public final class APIStack: Sendable {
    public let database: TemporaryDatabase?
    public let directory: String
    public let socketPath: String
    public let server: ChildProcess
    public let nginx: NginxProcess

    /// - Parameters:
    ///   - executable: the responder to run (another application built on `APIServerMain`).
    ///   - migrations: the folder of SQL files `migrate` applies.
    ///   - databaseURL: overrides the temporary database (e.g. a URL to a server that is down).
    ///   - migrate: apply `migrations` to the temporary database first.
    public init(executable: String = "api-server", migrations: String = NginxProcess.projectRoot + "/migrations",
                databaseURL: String? = nil, migrate: Bool = true, arguments: [String] = ["--workers", "4"]) throws {
        directory = try TestEnvironment.makeTemporaryDirectory("stack")
        socketPath = directory + "/api.sock"
        let url: String
        if let databaseURL {
            database = nil
            url = databaseURL
        } else {
            let database = try TemporaryDatabase(prefix: "stack")
            self.database = database
            url = database.url
            if migrate {
                let result = try Subprocess.run(TestEnvironment.executable("migrate"),
                                                ["--database-url", url, "--dir", migrations])
                guard result.status == 0 else { throw TestSupportError("migrate failed: \(result.stdout)\(result.stderr)") }
            }
        }
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = url
        server = try ChildProcess(TestEnvironment.executable(executable), ["--listen", "unix:" + socketPath] + arguments,
                                  environment: environment, logPath: directory + "/server.log")
        let socketPath = self.socketPath
        guard waitUntil(timeout: 15, { FileManager.default.fileExists(atPath: socketPath) }) else {
            throw TestSupportError("\(executable) did not start: \(server.log)")
        }
        nginx = try NginxProcess(fastcgiSocket: socketPath)
    }

    /// An HTTP request through nginx.
    public func send(_ method: String, _ path: String, headers: [(String, String)] = [], body: String? = nil) throws -> RawHTTPClient.Response {
        try RawHTTPClient.send(port: nginx.port, method: method, path: path, headers: headers, body: body.map { Array($0.utf8) } ?? [])
    }

    public func stop() {
        nginx.stop()
        server.stop()
        database?.drop()
    }

    deinit { stop() }
}
