import FastCGI
import PostgreSQL
import RESTFramework
#if canImport(Glibc)
import Glibc
#endif

/// Runs an application as a FastCGI responder: the `main` of an API executable.
///
///     // Sources/my-api/main.swift
///     import RESTServer
///     APIServerMain.run(program: "my-api") { try MyAPI.application() }
///
/// Options are the responder's (`--listen`, `--workers`, `--max-body-size`, `--drain-timeout`,
/// `--io-timeout`, `--request-timeout`, `--access-log`, `--log-file`, `--socket-mode`,
/// `--socket-group`; `ServerOptions.descriptions`); `DATABASE_URL` (or libpq's `PG*` variables)
/// names the database; each worker thread opens its own connection on first need.
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

    public static func run(program: String, modes: [Mode] = [], database: PostgresConfiguration? = .fromEnvironment(),
                           application makeApplication: () throws -> Application) -> Never {
        let options: ServerOptions
        do {
            options = try ServerOptions.parse(Array(CommandLine.arguments.dropFirst()), extraFlags: Set(modes.map(\.flag)))
        } catch {
            printError("\(program): \(error)")
            exit(2)
        }
        if options.showHelp {
            print(ServerOptions.usage(program: program, extra: modes.map { ($0.flag, $0.help) }), terminator: "")
            exit(0)
        }
        let application: Application
        do {
            application = try makeApplication()
        } catch {
            // A misconfigured URL conf (ImproperlyConfigured) stops the start, saying the fix.
            printError("\(program): \(error)")
            exit(1)
        }
        let mode = modes.first { options.flags.contains($0.flag) }
        do {
            let server = try FastCGIServer(configuration: options.configuration) { worker in
                if let mode { return mode.makeResponder(worker) }
                return ApplicationResponder(application: application, database: database)
            }
            server.log.info("\(program) listening on \(server.address) with \(options.configuration.workers) workers"
                            + (mode.map { " (\($0.flag))" } ?? ""))
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

    /// Straight to fd 2 in one write, so the line stays whole.
    static func printError(_ message: String) {
        let line = Array((message + "\n").utf8)
        _ = line.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    }
}
