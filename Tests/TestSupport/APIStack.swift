import Foundation

/// The web servers api-server is deployed behind (`deploy/nginx`, `deploy/apache`).
public enum WebServer: String, Sendable, CaseIterable, CustomStringConvertible {
    /// nginx with `deploy/nginx/fastcgi_params` (`NginxProcess`).
    case nginx
    /// Apache 2.4 with mod_proxy_fcgi and `deploy/apache/api-server.conf` (`ApacheProcess`).
    case apache

    public var description: String { rawValue }
}

/// The real stack for end-to-end tests: the built `api-server` on a unix socket with a
/// database of its own (migrated with the real `migrate`), and a real nginx (or Apache) in front.
///
///     let stack = try APIStack()
///     let response = try stack.send("GET", "/api/public-accounts/")
///     let apache = try APIStack(webServer: .apache)
public final class APIStack: Sendable {
    public let database: TemporaryDatabase?
    public let directory: String
    public let socketPath: String
    public let server: ChildProcess
    public let webServer: WebServer
    /// The web server's port on 127.0.0.1.
    public let port: Int
    private let nginxProcess: NginxProcess?
    private let apacheProcess: ApacheProcess?

    /// - Parameters:
    ///   - executable: the responder to run (another application built on `APIServerMain`).
    ///   - migrations: the folder of SQL files `migrate` applies.
    ///   - databaseURL: overrides the temporary database (e.g. a URL to a server that is down).
    ///   - migrate: apply `migrations` to the temporary database first.
    ///   - migrateWithExecutable: apply them with `executable migrate` (the server binary's own
    ///     subcommand, as the tutorial does) instead of the `migrate` tool.
    ///   - webServer: what runs in front. (api-server's socket gets the web server's group,
    ///     `TestEnvironment.socketGroupArguments`, in a folder anyone may enter.)
    ///   - environment: variables for the responder on top of this process's (`SRF_ALLOWED_HOSTS`, ...).
    public init(
        executable: String = "api-server", migrations: String = NginxProcess.projectRoot + "/migrations",
        databaseURL: String? = nil, migrate: Bool = true, migrateWithExecutable: Bool = false, arguments: [String] = ["--workers", "4"],
        webServer: WebServer = .nginx, environment extra: [String: String] = [:]
    ) throws {
        self.webServer = webServer
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
                let result = try Subprocess.run(
                    TestEnvironment.executable(migrateWithExecutable ? executable : "migrate"),
                    (migrateWithExecutable ? ["migrate"] : []) + ["--database-url", url, "--dir", migrations])
                guard result.status == 0 else { throw TestSupportError("migrate failed: \(result.stdout)\(result.stderr)") }
            }
        }
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = url
        environment.merge(extra) { _, new in new }
        server = try ChildProcess(
            TestEnvironment.executable(executable), ["--listen", "unix:" + socketPath] + TestEnvironment.socketGroupArguments + arguments,
            environment: environment, logPath: directory + "/server.log")
        let socketPath = self.socketPath
        guard waitUntil(timeout: 15, { FileManager.default.fileExists(atPath: socketPath) }) else {
            throw TestSupportError("\(executable) did not start: \(server.log)")
        }
        switch webServer {
        case .nginx:
            let nginx = try NginxProcess(fastcgiSocket: socketPath)
            (nginxProcess, apacheProcess, port) = (nginx, nil, nginx.port)
        case .apache:
            let apache = try ApacheProcess(fastcgiSocket: socketPath)
            (nginxProcess, apacheProcess, port) = (nil, apache, apache.port)
        }
    }

    /// An HTTP request through the web server.
    public func send(_ method: String, _ path: String, headers: [(String, String)] = [], body: String? = nil) throws
        -> RawHTTPClient.Response
    {
        try RawHTTPClient.send(port: port, method: method, path: path, headers: headers, body: body.map { Array($0.utf8) } ?? [])
    }

    /// The web server's error log and the responder's log, for failure messages.
    public var logs: String {
        "\(webServer): \(nginxProcess?.errorLog ?? apacheProcess?.errorLog ?? "")\napi-server: \(server.log)"
    }

    public func stop() {
        nginxProcess?.stop()
        apacheProcess?.stop()
        server.stop()
        database?.drop()
    }

    deinit { stop() }
}
