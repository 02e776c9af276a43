import Foundation

/// A private Apache 2.4 (Debian's `apache2`) in front of a FastCGI responder through
/// mod_proxy_fcgi, for end-to-end tests. The virtual host is `deploy/apache/api-server.conf`
/// itself, with `@LISTEN@` and `@SOCKET@` filled in, so the tests check what operators deploy;
/// around it goes a minimal server config of its own (ServerRoot, pid file, logs and runtime
/// files in a temporary folder, the modules the site needs).
///
///     let apache = try ApacheProcess(fastcgiSocket: dir + "/api.sock")
///     defer { apache.stop() }
///     let response = try RawHTTPClient.send(port: apache.port, method: "GET", path: "/api/public-accounts/")
///
/// Apache refuses to serve as root, so its workers run as `www-data`: the responder's socket
/// must be reachable by that user (`api-server --socket-group www-data`, see
/// `TestEnvironment.socketGroupArguments`, in a folder it can enter).
public final class ApacheProcess: Sendable {
    public let port: Int
    public let directory: String
    private let child: ChildProcess

    /// The modules the mod_proxy_fcgi site needs beyond those compiled into Debian's apache2
    /// (core, mod_so, http_core, mod_log_config, mod_logio, mod_version, mod_unixd, mod_watchdog).
    public static let proxyModules = ["mpm_event", "authz_core", "proxy", "proxy_fcgi", "setenvif"]
    /// The same for the mod_fcgid notes.
    public static let fcgidModules = ["mpm_event", "authz_core", "fcgid"]

    /// `deploy/apache/api-server.conf` through mod_proxy_fcgi to `fastcgiSocket`.
    ///
    /// - Parameters:
    ///   - extraConfig: server-level directives after the site (a lower `LimitRequestBody`, say).
    ///   - extraModules: modules to load besides `proxyModules` (`unique_id`, say).
    public convenience init(fastcgiSocket: String, extraConfig: String = "", extraModules: [String] = []) throws {
        let port = freeLocalPort()
        let site = try String(contentsOfFile: Self.siteTemplate, encoding: .utf8)
            .replacingOccurrences(of: "@LISTEN@", with: "127.0.0.1:\(port)")
            .replacingOccurrences(of: "@SOCKET@", with: fastcgiSocket)
        try self.init(port: port, site: site, modules: Self.proxyModules + extraModules, extraConfig: extraConfig)
    }

    /// The mod_fcgid notes of `deploy/apache/api-server.conf`, uncommented, with the responder,
    /// the database URL and the log file replaced: Apache spawns `executable` itself.
    public convenience init(fcgidExecutable given: String, databaseURL: String) throws {
        let port = freeLocalPort()
        let template = try String(contentsOfFile: Self.siteTemplate, encoding: .utf8).components(separatedBy: "\n")
        guard let first = template.firstIndex(of: "#   <VirtualHost *:80>"),
            let last = template[first...].firstIndex(of: "#   </VirtualHost>")
        else {
            throw TestSupportError("the mod_fcgid notes are missing from \(Self.siteTemplate)")
        }
        let directory = try TestEnvironment.makeTemporaryDirectory("fcgid")
        let executable = try Self.reachableByWebServer(given, copyInto: directory)
        let site = template[first...last].map { String($0.dropFirst(4)) }.joined(separator: "\n")
            .replacingOccurrences(of: "<VirtualHost *:80>", with: "Listen 127.0.0.1:\(port)\n<VirtualHost 127.0.0.1:\(port)>")
            .replacingOccurrences(of: "/usr/local/bin/api-server", with: executable)
            .replacingOccurrences(of: "postgres://api@/api?host=/run/postgresql", with: databaseURL)
            .replacingOccurrences(of: "/var/log/api-server/api-server.log", with: directory + "/api-server.log")
        try FileManager.default.createDirectory(atPath: directory + "/ipc", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: directory + "/www", withIntermediateDirectories: true)
        chmod(directory + "/ipc", 0o777)
        try self.init(
            port: port, site: site, modules: Self.fcgidModules,
            serverConfig: """
                FcgidIPCDir \(directory)/ipc
                FcgidProcessTableFile \(directory)/fcgid_shm
                DocumentRoot \(directory)/www
                """)
    }

    /// mod_fcgid runs the responder as Apache's user (www-data when the tests run as root), who
    /// must be able to enter every folder above it. A checkout under a 0700 folder (/root, a
    /// Debian 12 home, mktemp -d) hides the build from www-data (the request then fails with
    /// nothing but "End of script output before headers" and a 500): the responder is copied into
    /// the test's own folder, which anyone may enter, rather than opening the home.
    static func reachableByWebServer(_ path: String, copyInto directory: String) throws -> String {
        guard geteuid() == 0, !searchableByOthers(URL(fileURLWithPath: path).deletingLastPathComponent()) else { return path }
        let copy = directory + "/" + URL(fileURLWithPath: path).lastPathComponent
        try FileManager.default.copyItem(atPath: path, toPath: copy)
        return copy
    }

    /// Whether other users may enter `folder` and every folder above it.
    static func searchableByOthers(_ folder: URL) -> Bool {
        var folder = folder
        while folder.path != "/" {
            var info = stat()
            if stat(folder.path, &info) == 0, info.st_mode & S_IXOTH == 0 { return false }
            folder.deleteLastPathComponent()
        }
        return true
    }

    /// The log file the mod_fcgid notes' `--log-file` was pointed at (see `init(fcgidExecutable:databaseURL:)`).
    public var fcgidLog: String {
        let site = (try? String(contentsOfFile: directory + "/site.conf", encoding: .utf8)) ?? ""
        guard let match = site.firstMatch(of: /--log-file ([^\s"]+)/) else { return "" }
        return (try? String(contentsOfFile: String(match.1), encoding: .utf8)) ?? ""
    }

    init(port: Int, site: String, modules: [String], serverConfig: String = "", extraConfig: String = "") throws {
        self.port = port
        directory = try TestEnvironment.makeTemporaryDirectory("apache")
        try site.write(toFile: directory + "/site.conf", atomically: true, encoding: .utf8)
        let loads = modules.map { "LoadModule \($0)_module \(Self.moduleDirectory)/mod_\($0).so" }.joined(separator: "\n")
        let config = """
            ServerRoot \(directory)
            DefaultRuntimeDir \(directory)
            PidFile \(directory)/httpd.pid
            ErrorLog \(directory)/error.log
            LogLevel warn
            \(loads)
            User \(TestEnvironment.webServerUser)
            Group \(TestEnvironment.webServerUser)
            ServerName localhost
            # A handful of threads is plenty for tests and keeps start-up quick.
            StartServers 1
            ServerLimit 2
            ThreadsPerChild 16
            MaxRequestWorkers 32
            \(serverConfig)
            Include \(directory)/site.conf
            \(extraConfig)
            """
        try config.write(toFile: directory + "/httpd.conf", atomically: true, encoding: .utf8)
        let check = try Subprocess.run(Self.binary, ["-t", "-d", directory, "-f", directory + "/httpd.conf"])
        guard check.status == 0 else {
            throw TestSupportError("apache2 -t refused the config: \(check.stdout)\(check.stderr)\n\(config)\n\(site)")
        }
        child = try ChildProcess(
            Self.binary, ["-d", directory, "-f", directory + "/httpd.conf", "-DFOREGROUND"],
            logPath: directory + "/stderr.log")
        let errorLogPath = directory + "/error.log"
        guard waitUntil(timeout: 15, { canConnect(port: port) }) else {
            throw TestSupportError(
                "apache2 did not start: \(child.log) \((try? String(contentsOfFile: errorLogPath, encoding: .utf8)) ?? "")")
        }
    }

    public func stop() { child.stop() }
    public var errorLog: String { (try? String(contentsOfFile: directory + "/error.log", encoding: .utf8)) ?? "" }

    /// `deploy/apache/api-server.conf`.
    public static var siteTemplate: String { NginxProcess.projectRoot + "/deploy/apache/api-server.conf" }
    /// Debian's server binary (`apache2ctl` wraps it with Debian's environment, which a private
    /// instance does not want).
    public static var binary: String { TestEnvironment.apache }
    public static let moduleDirectory = "/usr/lib/apache2/modules"
}
