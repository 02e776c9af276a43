import Foundation
import Testing
import TestSupport

/// systemd's socket activation as systemd does it by default (`sd_listen_fds(3)`: the socket on
/// fd 3, `LISTEN_FDS=1`, `LISTEN_PID`), run by systemd's own `systemd-socket-activate`, which
/// listens, waits for the first connection, then execs the server in its place with those
/// variables (the deployed unit's `StandardInput=socket` way, fd 0, is `InheritedSocketTests`).
@Suite(.needsTestsRun) struct SocketActivationTests {
    /// One process, and a master with two worker processes (which get the socket on fd 0 and
    /// must not see the master's `LISTEN_*`: their fd 3 is the readiness pipe).
    @Test(arguments: [["--workers", "2"], ["--processes", "2", "--workers", "2"]])
    func servesTheSocketSystemdPassesOnFD3(arguments: [String]) throws {
        let directory = try TestEnvironment.makeTemporaryDirectory("socket-activate")
        let path = directory + "/api.sock"
        // systemd-socket-activate hands the server a clean environment: keep the close check.
        let environment = ProcessInfo.processInfo.environment
        let kept = ["LD_PRELOAD", "SRF_CLOSE_CHECK_DIR", "SRF_CLOSE_CHECK_LIBRARY"].filter { environment[$0] != nil }.flatMap {
            ["-E", $0]
        }
        let server = try ChildProcess(
            "/usr/bin/systemd-socket-activate",
            ["-l", path] + kept + [TestEnvironment.executable("api-server"), "--test-routes"] + arguments,
            logPath: directory + "/server.log")
        defer { server.stop() }
        #expect(waitUntil(timeout: 10) { FileManager.default.fileExists(atPath: path) }, "log: \(server.log)")

        // The first connection starts the server; it answers it from the backlog.
        let first = try? FastCGIClient.request(to: .unix(path), path: "/__test/echo", query: "first", timeout: 15)
        #expect(first?.status == 200, "log: \(server.log)")
        let statuses = inParallel(16) { _ in try FastCGIClient.request(to: .unix(path), path: "/__test/echo", timeout: 10).status }
        #expect(statuses.map { (try? $0.get()) ?? -1 } == Array(repeating: 200, count: 16), "log: \(server.log)")
        #expect(server.log.contains("listening on inherited fd 0") || server.log.contains("accepts (generation 1)"), "log: \(server.log)")
        if arguments.contains("--processes") {
            let workers = childPIDs(of: server.pid)
            #expect(workers.count == 2, "log: \(server.log)")
            for worker in workers {
                let environment = (try? String(contentsOfFile: "/proc/\(worker)/environ", encoding: .utf8)) ?? ""
                #expect(!environment.contains("LISTEN_FDS="), "worker \(worker) inherited LISTEN_FDS")
                #expect(!environment.contains("LISTEN_PID="), "worker \(worker) inherited LISTEN_PID")
            }
        }

        // SIGTERM drains and stops, as under systemd.
        server.signal(SIGTERM)
        #expect(server.wait(timeout: 10) == 0, "log: \(server.log)")
        #expect(server.log.contains("received SIGTERM"), "log: \(server.log)")
    }
}
