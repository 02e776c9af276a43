import FastCGI
#if canImport(Glibc)
import Glibc
#endif

/// The executable's start-up: options, the server, the exit status.
///
///     api-server --listen unix:/run/api/api.sock --workers 8
///     api-server --listen 127.0.0.1:9000 --test-routes     # tests only: /__test/* routes
///
/// Exit status: 0 after a drained stop, 1 when requests were cut off by the drain timeout or
/// the server failed, 2 for bad options.
enum APIServer {
    static let extraOptions: [(option: String, text: String)] = [
        ("--test-routes", "serve /__test/echo, /__test/sleep?ms=N and /__test/throw (for the test suite; never in production)"),
    ]

    static func main() -> Never {
        let options: ServerOptions
        do {
            options = try ServerOptions.parse(Array(CommandLine.arguments.dropFirst()), extraFlags: ["--test-routes"])
        } catch {
            printError("api-server: \(error)")
            exit(2)
        }
        if options.showHelp {
            print(ServerOptions.usage(program: "api-server", extra: extraOptions), terminator: "")
            exit(0)
        }
        let testRoutes = options.flags.contains("--test-routes")
        do {
            let server = try FastCGIServer(configuration: options.configuration) { worker in
                BuiltInResponder(worker: worker, testRoutes: testRoutes)
            }
            server.log.info("api-server listening on \(server.address) with \(options.configuration.workers) workers"
                            + (testRoutes ? " (test routes enabled)" : ""))
            let report = try server.runUntilSignalled()
            if report.drained {
                server.log.info("api-server stopped after \(report.requestsServed) request(s)")
                exit(0)
            }
            server.log.error("api-server stopped with \(report.workersStillBusy) request(s) still running at the drain timeout")
            exit(1)
        } catch {
            printError("api-server: \(error)")
            exit(1)
        }
    }

    /// Straight to fd 2 in one write: stdio's stderr is unbuffered, but one call keeps the line whole.
    static func printError(_ message: String) {
        let line = Array((message + "\n").utf8)
        _ = line.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    }
}
