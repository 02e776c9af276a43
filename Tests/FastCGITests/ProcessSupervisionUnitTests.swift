import Testing
@testable import FastCGI
#if canImport(Glibc)
import Glibc
#endif

/// The pure parts of `--processes`: options, the restart backoff, how an exit is told, and
/// which binary a reload starts.
@Suite struct ProcessSupervisionUnitTests {
    @Test func processOptions() throws {
        let options = try ServerOptions.parse(["--processes", "4", "--workers", "2", "--max-requests=1000", "--max-requests-jitter", "50"])
        #expect(options.configuration.processes == 4)
        #expect(options.configuration.maxRequests == 1000)
        #expect(options.configuration.maxRequestsJitter == 50)
        #expect(!options.isWorkerProcess)
        #expect(try ServerOptions.parse([]).configuration.processes == 0, "one process, no master, unless asked")
        func message(_ arguments: [String]) -> String {
            do {
                _ = try ServerOptions.parse(arguments)
                return "parsed"
            } catch {
                #expect(ServerOptions.exitCode(for: error) == .validationFailure, "\(arguments)")
                return ServerOptions.message(for: error)
            }
        }
        let retiring = "--max-requests needs --processes: a master replaces the worker process that retires"
        #expect(message(["--max-requests", "10"]).hasSuffix(retiring))
        #expect(message(["--processes=-1"]).contains("--processes needs a whole number, got '-1'"))
        #expect(message(["--processes", "2", "--max-requests", "0"]).hasSuffix("--max-requests needs a whole number from 1, got '0'"))
    }

    /// A worker process takes the master's socket on fd 0, whatever the shared command line says.
    @Test func aWorkerProcessServesTheInheritedSocket() throws {
        let options = try ServerOptions.parse(
            ["--listen", "unix:/run/a.sock", "--socket-group", "www-data", "--processes", "4", "--max-requests", "9", "--worker-process"])
        #expect(options.isWorkerProcess)
        #expect(options.configuration.listen == .inherited)
        #expect(options.configuration.processes == 0)
        #expect(options.configuration.socketGroup == nil)
        #expect(options.configuration.maxRequests == 9)
        #expect(throws: Never.self) { try options.configuration.validated() }
    }

    @Test func requestLimitAddsJitter() {
        var configuration = ServerConfiguration()
        #expect(configuration.requestLimit == .max)
        configuration.maxRequests = 100
        configuration.maxRequestsJitter = 10
        let limits = Set((0..<200).map { _ in configuration.requestLimit })
        #expect(limits.allSatisfy { (100...110).contains($0) })
        #expect(limits.count > 1)
    }

    @Test func backoffGrowsOnlyWhileWorkersDieAtOnce() {
        var backoff = RestartBackoff()
        let quick = WorkerProcessExit(pid: 1, cause: .signalled(SIGILL), lifetime: .milliseconds(50))
        let delays = (0..<10).map { _ in backoff.delay(after: quick) }
        #expect(delays.prefix(4) == [.milliseconds(100), .milliseconds(200), .milliseconds(400), .milliseconds(800)])
        #expect(delays.last == RestartBackoff.longest, "capped")
        // A worker that served a while, then was killed, is replaced at once and resets the count.
        #expect(backoff.delay(after: WorkerProcessExit(pid: 2, cause: .signalled(SIGKILL), lifetime: .seconds(30))) == .zero)
        #expect(backoff.delay(after: quick) == .milliseconds(100))
        // A clean exit (--max-requests) never waits, however young.
        #expect(backoff.delay(after: WorkerProcessExit(pid: 3, cause: .exited(status: 0), lifetime: .milliseconds(10))) == .zero)
    }

    @Test func exitCauses() {
        #expect(
            WorkerProcessExit(pid: 7, waitStatus: 9, lifetime: .milliseconds(12_345)).description
                == "worker process 7 was killed by SIGKILL after 12.3 s")
        #expect(
            WorkerProcessExit(pid: 7, waitStatus: 1 << 8, lifetime: .seconds(2)).description
                == "worker process 7 exited with status 1 after 2.0 s")
        #expect(WorkerProcessExit(pid: 7, waitStatus: SIGILL, lifetime: .zero).description.contains("a Swift trap"))
        #expect(WorkerProcessExit(pid: 7, waitStatus: SIGSEGV, lifetime: .zero).description.contains("SIGSEGV"))
        #expect(!WorkerProcessExit(pid: 7, waitStatus: 0, lifetime: .zero).failed)
    }

    /// The path the master was started by, not the file it runs: a deploy replaces that path.
    @Test func executablePath() {
        #expect(ExecutablePath.resolve("/usr/local/bin/api-server", directory: "/srv", searchPath: nil) == "/usr/local/bin/api-server")
        #expect(ExecutablePath.resolve("./api-server", directory: "/srv", searchPath: nil) == "/srv/./api-server")
        #expect(ExecutablePath.resolve("sh", directory: "/srv", searchPath: "/nonexistent:/bin") == "/bin/sh")
        #expect(ExecutablePath.resolve("no-such-program-here", directory: "/srv", searchPath: "/bin") == nil)
    }
}
