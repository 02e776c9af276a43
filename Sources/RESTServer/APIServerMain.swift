import FastCGI
import PostgreSQL
import RESTFramework
import RESTModels
import ServerMetrics
#if canImport(Glibc)
import Glibc
#endif

/// Runs an application as a FastCGI responder: the `main` of an API executable.
///
///     // Sources/my-api/main.swift
///     import RESTServer
///
///     APIServerMain.run(program: "my-api") { try MyAPI.application() }
///
/// Options are the responder's (`--listen`, `--workers`, `--max-body-size`, `--drain-timeout`,
/// `--io-timeout`, `--request-timeout`, `--access-log`, `--log-file`, `--socket-mode`,
/// `--socket-group`; `ServerOptions.descriptions`); `DATABASE_URL` (or libpq's `PG*` variables)
/// names the database; each worker thread opens its own connection on first need. The
/// database's time limits (statement timeout 30 s, connect timeout 2 s, TCP keepalives) are
/// `PostgresConfiguration`'s defaults, changed through the URL (`?connect_timeout=5`,
/// `?options=-c%20statement_timeout%3D10s`). While the database is down, requests that need it
/// get 503 at once; the outage's cause and the recovery are logged once each.
/// `SRF_ALLOWED_HOSTS` (`api.example.com,.example.org`) replaces the application's
/// `settings.allowedHosts` (Django's `ALLOWED_HOSTS`), and the start-up log says which hosts are
/// served.
///
/// `models` are checked against their tables before the server listens (`ModelCheck`): a
/// difference stops the start, naming each. `--check` only runs that check and exits 0 when
/// the models match, 1 when not (for deploy scripts, right after `migrate`). When the database
/// cannot be reached at start, the server starts and the check runs on the first connection a
/// worker opens: a difference is logged, and requests that need the database get 503.
///
/// Exit status: 0 after a drained stop, 1 when requests were cut off by the drain timeout or the
/// server failed, 2 for bad options.
public enum APIServerMain {
    /// An extra flag the executable understands, and the responder it then serves instead.
    public struct Mode: Sendable {
        public let flag: String
        public let help: String
        public let makeResponder: @Sendable (_ worker: Int) -> any Responder
        public init(flag: String, help: String, makeResponder: @escaping @Sendable (_ worker: Int) -> any Responder) {
            self.flag = flag
            self.help = help
            self.makeResponder = makeResponder
        }
    }

    public static func run(
        program: String, modes: [Mode] = [], database: PostgresConfiguration? = .fromEnvironment(),
        models: [any Model.Type] = [], application makeApplication: () throws -> Application
    ) -> Never {
        let options: ServerOptions
        do {
            options = try ServerOptions.parse(
                Array(CommandLine.arguments.dropFirst()), extraFlags: Set(modes.map(\.flag) + [checkFlag]))
        } catch {
            printError("\(program): \(error)")
            exit(2)
        }
        if options.showHelp {
            let check = (checkFlag, "check the models against the database's tables, then exit: 0 when they match, 1 when not")
            print(ServerOptions.usage(program: program, extra: modes.map { ($0.flag, $0.help) } + [check]), terminator: "")
            exit(0)
        }
        let application: Application
        do {
            application = try withAllowedHostsFromEnvironment(
                try makeApplication(),
                value: getenv(AllowedHosts.environmentVariable).map { String(cString: $0) })
        } catch {
            // A misconfigured URL conf (ImproperlyConfigured) stops the start, saying the fix.
            printError("\(program): \(error)")
            exit(1)
        }
        if options.flags.contains(checkFlag) { exit(checkModels(models, program: program, database: database) ? 0 : 1) }
        let mode = modes.first { options.flags.contains($0.flag) }
        var checkDeferred = false
        if mode == nil && !models.isEmpty, let database {
            checkDeferred = !startupCheck(models, program: program, database: database)
        }
        do {
            let log = try ServerLog(options.configuration)
            var database = database.map { $0.sharingAvailability(loggingTo: log) }
            let modelCheck = checkDeferred ? DeferredModelCheck(models: models, log: log) : nil
            let monitoring = try options.configuration.adminListen.map { address in
                try Monitoring(address: address, urls: application.urls, database: database, modelCheck: modelCheck)
            }
            if let monitoring { database?.observer = MetricsStatementObserver(metrics: monitoring.metrics) }
            let server = try FastCGIServer(configuration: options.configuration, log: log, metrics: monitoring?.metrics) {
                [database] worker in
                if let mode { return mode.makeResponder(worker) }
                return ApplicationResponder(
                    application: application, database: database, modelCheck: modelCheck, routeLabels: monitoring?.routeLabels)
            }
            if let monitoring {
                try monitoring.admin.start()
                server.log.info("admin server (/health, /ready, /metrics) on http://\(monitoring.admin.address)")
            }
            server.log.info(
                "\(program) listening on \(server.address) with \(options.configuration.workers) workers"
                    + (mode.map { " (\($0.flag))" } ?? ""))
            if mode == nil { logAllowedHosts(application.settings.allowedHosts, to: server.log) }
            let report = try server.runUntilSignalled()
            if report.drained {
                server.log.info("\(program) stopped after \(report.requestsServed) request(s)")
                exit(0)
            }
            server.log.error("\(program) stopped with \(report.workersStillBusy) request(s) still running at the drain timeout")
            exit(1)
        } catch {
            printError("\(program): \(error)")
            exit(1)
        }
    }

    static let checkFlag = "--check"

    /// `--check`: the differences on standard error; false when there are any, or when the
    /// database cannot be asked.
    static func checkModels(_ models: [any Model.Type], program: String, database: PostgresConfiguration?) -> Bool {
        guard let database else {
            printError("\(program): --check needs a database (DATABASE_URL)")
            return false
        }
        do {
            if let report = try ModelCheck.report(of: models, on: try Connection(configuration: database)) {
                printError("\(program): \(report)")
                return false
            }
            print("\(program): \(models.count) model(s) match the database")
            return true
        } catch {
            printError("\(program): cannot check the models: \(error)")
            return false
        }
    }

    /// Before listening: a difference stops the start (exit 1). False when the database could
    /// not be reached or asked: the check then runs on the first connection a worker opens
    /// (`DeferredModelCheck`), and until then the server answers 503 as in any outage.
    static func startupCheck(_ models: [any Model.Type], program: String, database: PostgresConfiguration) -> Bool {
        do {
            if let report = try ModelCheck.report(of: models, on: try Connection(configuration: database)) {
                printError("\(program): \(report)")
                exit(1)
            }
            return true
        } catch {
            printError("\(program): warning: the models will be checked on the first connection (now: \(error))")
            return false
        }
    }

    /// The application with `SRF_ALLOWED_HOSTS` (when set and not empty) as its allowed hosts;
    /// a value that names no usable host stops the start (`ImproperlyConfigured` says the fix).
    static func withAllowedHostsFromEnvironment(_ application: Application, value: String?) throws -> Application {
        guard let value, !value.isEmpty else { return application }
        var settings = application.settings
        settings.allowedHosts = try AllowedHosts(parsing: value)
        return Application(urls: application.urls, settings: settings)
    }

    /// Says which hosts are served, and warns about the two settings that want a second look:
    /// the default (only local names: a deployment must name its own) and `*`.
    static func logAllowedHosts(_ hosts: AllowedHosts, to log: ServerLog) {
        if hosts.patterns.contains("*") {
            log.warning(
                "allowed hosts: \(hosts): any Host header is accepted and written into absolute links and Location "
                    + "headers; name the hosts clients use instead (\(AllowedHosts.environmentVariable)=api.example.com)")
        } else if hosts == .localDefault {
            log.warning(
                "allowed hosts: \(hosts) (the default): requests for any other Host are refused with 400; "
                    + "set \(AllowedHosts.environmentVariable) to the names clients use, e.g. "
                    + "\(AllowedHosts.environmentVariable)=api.example.com,.example.org")
        } else {
            log.info("allowed hosts: \(hosts)")
        }
    }

    /// Straight to fd 2 in one write, so the line stays whole.
    static func printError(_ message: String) {
        let line = Array((message + "\n").utf8)
        _ = line.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    }
}
