import ArgumentParser
import Commands
import FastCGI
import Logging
import PostgreSQL
import RESTFramework
import RESTModels
import ServerMetrics
#if canImport(Glibc)
import Glibc
#endif

/// The `main` of an API executable: serves an application as a FastCGI responder, and gives
/// the executable the subcommands `manage.py` gives a Django project.
///
///     // Sources/my-api/main.swift
///     import RESTServer
///
///     APIServerMain.run(program: "my-api") { try MyAPI.application() }
///
/// Subcommands (`my-api --help`, `my-api SUBCOMMAND --help`; `--version` on each):
/// - `serve` (what it does without a subcommand: `my-api --listen ...` is `my-api serve --listen ...`): the responder's
///   options (`ServerOptions`: `--listen`, `--workers`, `--processes`, `--max-requests`,
///   `--max-requests-jitter`, `--max-queue-wait`, `--max-body-size`, `--drain-timeout`,
///   `--io-timeout`, `--request-timeout`, `--access-log`, `--log-file`, `--log-format`,
///   `--log-level`, `--socket-mode`, `--socket-group`). The log is opened first and swift-log's
///   `LoggingSystem` bootstrapped to it, so the application's own `Logger`s write there too.
/// - `check`: builds the application (its URL conf) and each view's serializer, compares
///   `models` with the database's tables and requires the migrations in `migrations` (or
///   `--migrations-dir`) to be applied; exits 0, or 1 naming each problem. Like `nginx -t`.
/// - `routes`: the route table (`URLConf.routeTable`).
/// - `schema`: the OpenAPI 3.1 document (`SchemaGenerator`), as the URL conf's `SchemaView`
///   answers it (its generator, or one titled after the program when none is mounted).
/// - `migrate` (`apply`, the default, `status`, `check`, `plan`, `new NAME`): `migrate`'s
///   subcommands, on the folder `migrations` unless `--dir` says another.
///
/// `DATABASE_URL` (or libpq's `PG*` variables) names the database; each worker thread opens its
/// own connection on first need. The database's time limits (statement timeout 30 s, connect
/// timeout 2 s, TCP keepalives) are `PostgresConfiguration`'s defaults, changed through the URL
/// (`?connect_timeout=5`, `?options=-c%20statement_timeout%3D10s`). While the database is down,
/// requests that need it get 503 at once; the outage's cause and the recovery are logged once
/// each. `DATABASE_REPLICA_URLS` (comma-separated) adds read replicas: safe requests read
/// from a healthy one lagging at most `--replica-max-lag` seconds (default 5), writes go to
/// the primary (docs/framework.md, "Read replicas"). `SRF_ALLOWED_HOSTS` (`api.example.com,.example.org`) replaces the application's
/// `settings.allowedHosts` (Django's `ALLOWED_HOSTS`), and the start-up log says which hosts are
/// served.
///
/// `models` are checked against their tables before the server listens (`ModelCheck`): a
/// difference stops the start, naming each. `--check` (deprecated for `check`) only runs that
/// check and exits 0 when the models match, 1 when not. When the database cannot be reached at
/// start, the server starts and the check runs on the first connection a worker opens: a
/// difference is logged, and requests that need the database get 503.
///
/// Exit status: 0 after a drained stop (or a passed check), 1 when requests were cut off by the
/// drain timeout, the server failed or a check failed, 2 for a usage error.
public enum APIServerMain {
    /// An extra flag of `serve`, and the responder it then serves instead of the application
    /// (api-server's `--test-routes`). Given at run time, so it is taken off the command line
    /// before argument-parser sees it, and listed after the generated help.
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
        models: [any Model.Type] = [], migrations: String = "migrations", application makeApplication: () throws -> Application
    ) -> Never {
        var arguments = Array(CommandLine.arguments.dropFirst())
        // Only before a `--`, as argument-parser would read them.
        let end = arguments.firstIndex(of: "--") ?? arguments.endIndex
        let given = Set(arguments[..<end].filter { argument in modes.contains { $0.flag == argument } })
        arguments = arguments[..<end].filter { !given.contains($0) } + arguments[end...]
        let modesHelp = modes.isEmpty ? "" : "\nSERVE MODES:\n" + modes.map { "  \($0.flag)\n        \($0.help)\n" }.joined()
        CommandMain.run(APIServerCommand.self, arguments: arguments, program: program, helpSuffix: modesHelp) { command in
            let serve = (command as? APIServerCommand)?.serve ?? (command as? APIServerCommand.Serve)?.serve
            if let serve {
                let mode = modes.first { given.contains($0.flag) }
                return serveCommand(
                    serve, mode: mode, program: program, database: database, models: models, makeApplication: makeApplication)
            }
            if let flag = given.first { throw ValidationError("\(flag) is an option of serve") }
            if let status = try MigrateCommand.execute(command, defaultDirectory: migrations, program: program) { return status }
            switch command {
            case let check as APIServerCommand.Check:
                let application = try built(makeApplication)
                let checker = APIServerCheck(
                    program: program, application: application, models: models, database: database,
                    migrationsDirectory: check.migrationsDirectory ?? migrations)
                guard checker.run() else {
                    CommandOutput.error("\(program): check failed")
                    return 1
                }
                CommandOutput.line("\(program): check passed")
                return 0
            case is APIServerCommand.Routes:
                CommandOutput.line(try built(makeApplication).urls.routeTable)
                return 0
            case is APIServerCommand.Schema:
                let application = try built(makeApplication)
                let generator = SchemaView.generator(mountedIn: application.urls) ?? SchemaGenerator(title: program)
                let document = generator.document(for: application)
                CommandOutput.write(String(decoding: SchemaGenerator.render(document), as: UTF8.self), to: 1)
                return 0
            default:
                return nil
            }
        }
    }

    /// The application, with `SRF_ALLOWED_HOSTS` applied. A misconfigured URL conf
    /// (ImproperlyConfigured) stops here, saying the fix.
    static func built(_ makeApplication: () throws -> Application) throws -> Application {
        try withAllowedHostsFromEnvironment(
            try makeApplication(), value: getenv(AllowedHosts.environmentVariable).map { String(cString: $0) })
    }

    /// `serve`: start, listen, serve until a signal; the exit status.
    static func serveCommand(
        _ serve: ServeArguments, mode: Mode?, program: String, database: PostgresConfiguration?,
        models: [any Model.Type], makeApplication: () throws -> Application
    ) -> Int32 {
        // First thing in a worker process: SIGTERM if its master dies from here on.
        if serve.server.isWorkerProcess { WorkerProcessLink.attachToMaster() }
        let configuration = serve.server.configuration
        // The log first, so that everything after it (the application's own start-up code
        // too, through `Logger(label:)`) goes there with a time and a level, not to raw stderr.
        let log: ServerLog
        do {
            log = try ServerLog(configuration)
        } catch {
            printError("\(program): \(error)")
            return 1
        }
        // Process-wide and allowed once: `serve` runs once, in the process's main.
        LoggingSystem.bootstrap { label in ServerLogHandler(label: label, log: log) }
        let application: Application
        do {
            application = try built(makeApplication)
        } catch {
            // A misconfigured URL conf (ImproperlyConfigured) stops the start, saying the fix.
            log.log(.critical, "\(program): \(error)")
            return 1
        }
        if serve.checkModelsOnly { return checkModels(models, program: program, database: database) ? 0 : 1 }
        var checkDeferred = false
        if mode == nil && !models.isEmpty, let database {
            checkDeferred = !startupCheck(models, program: program, database: database, log: log)
        }
        let modelCheck = checkDeferred ? DeferredModelCheck(models: models, log: log) : nil
        if configuration.processes > 0 {
            // The master only supervises (and serves --admin-listen): the worker processes it
            // starts run this same function again (`--worker-process`), application and checks
            // included.
            return runMaster(
                configuration, program: program, log: log, allowedHosts: mode == nil ? application.settings.allowedHosts : nil,
                urls: application.urls, database: database, modelCheck: modelCheck)
        }
        do {
            var database = database.map { $0.sharingAvailability(loggingTo: log) }
            let monitoring =
                serve.server.countsIntoMastersMetrics
                ? Monitoring.worker(slot: serve.server.workerSlot, urls: application.urls, log: log)
                : try configuration.adminListen.map { address in
                    try Monitoring.serving(address: address, urls: application.urls, database: database, modelCheck: modelCheck)
                }
            if let metrics = monitoring?.metrics { database?.observer = MetricsStatementObserver(metrics: metrics) }
            let replicas =
                mode == nil
                ? ReplicaRouting.fromEnvironment(
                    primary: database, maxLag: .milliseconds(Int64((serve.replicaMaxLag * 1000).rounded())), log: log)
                : nil
            let server = try FastCGIServer(configuration: configuration, log: log, metrics: monitoring?.metrics) {
                [database] worker in
                if let mode { return mode.makeResponder(worker) }
                return ApplicationResponder(
                    application: application, database: database, modelCheck: modelCheck, log: log,
                    routeLabels: monitoring?.routeLabels, replicas: replicas)
            }
            if let admin = monitoring?.admin {
                try admin.start()
                server.log.info("admin server (/health, /ready, /metrics) on http://\(admin.address)")
            }
            let worker = serve.server.isWorkerProcess
            server.log.info(
                "\(program)\(worker ? " worker process \(getpid())" : "") listening on \(server.address) with \(configuration.workers) workers"
                    + (mode.map { " (\($0.flag))" } ?? ""))
            if mode == nil && !worker { logAllowedHosts(application.settings.allowedHosts, to: server.log) }
            let report = try server.runUntilSignalled(
                secondSignalExits: !worker, onReady: worker ? WorkerProcessLink.announceReady : nil)
            if report.drained {
                let retired = server.reachedRequestLimit ? " (--max-requests: retiring)" : ""
                server.log.info(
                    "\(program)\(worker ? " worker process \(getpid())" : "") stopped after \(report.requestsServed) request(s)\(retired)")
                return 0
            }
            server.log.error("\(program) stopped with \(report.workersStillBusy) request(s) still running at the drain timeout")
            return 1
        } catch {
            log.log(.critical, "\(program): \(error)")
            return 1
        }
    }

    /// `--processes P`: supervises P worker processes until a stop; the exit status. With
    /// `--admin-listen`, the master serves it over a store its workers count into.
    static func runMaster(
        _ configuration: ServerConfiguration, program: String, log: ServerLog, allowedHosts: AllowedHosts?, urls: URLConf,
        database: PostgresConfiguration?, modelCheck: DeferredModelCheck?
    ) -> Int32 {
        do {
            if let allowedHosts { logAllowedHosts(allowedHosts, to: log) }
            let monitoring = try configuration.adminListen.map { address in
                try Monitoring.master(
                    address: address, processes: configuration.processes, urls: urls,
                    database: database.map { $0.sharingAvailability(loggingTo: log) }, modelCheck: modelCheck)
            }
            let master = try ProcessMaster(
                configuration: configuration, arguments: Array(CommandLine.arguments.dropFirst()),
                sharedMemory: monitoring?.store.descriptor, log: log)
            if let monitoring, let admin = monitoring.admin {
                let store = monitoring.store
                master.onWorkerExit = { exit in store.recordExit(exit) }
                // Its threads block every signal: the master's sigwait still gets them all.
                try admin.start()
                log.info("admin server (/health, /ready, /metrics) on http://\(admin.address), over the worker processes")
            }
            return master.run()
        } catch {
            log.log(.critical, "\(program): \(error)")
            return 1
        }
    }

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
    static func startupCheck(_ models: [any Model.Type], program: String, database: PostgresConfiguration, log: ServerLog) -> Bool {
        do {
            if let report = try ModelCheck.report(of: models, on: try Connection(configuration: database)) {
                log.log(.critical, "\(program): \(report)")
                exit(1)
            }
            return true
        } catch {
            log.warning("\(program): the models will be checked on the first connection (now: \(error))")
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

    /// Straight to fd 2 in one write, so the line stays whole: for what the command says before
    /// the log is open (bad options) and for `--check`'s report, a command's own output.
    static func printError(_ message: String) {
        let line = Array((message + "\n").utf8)
        _ = line.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    }
}
