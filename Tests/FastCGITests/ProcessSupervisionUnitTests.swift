import Testing
@testable import FastCGI
import ServerMetrics
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

    /// `--env-file`: systemd's `EnvironmentFile=` lines; mistakes name the line.
    @Test func environmentFiles() throws {
        let variables = try EnvironmentFile.parse(
            "# database\nDATABASE_URL=postgres://api@db/api?options=-c%20x%3Dy\r\n\n  ; note\nSRF_ALLOWED_HOSTS=\"a.example, b.example\"\nQUOTED='x=1'\nEMPTY=\nSRF_ALLOWED_HOSTS=last\n",
            path: "f")
        #expect(variables.map(\.name) == ["DATABASE_URL", "SRF_ALLOWED_HOSTS", "QUOTED", "EMPTY", "SRF_ALLOWED_HOSTS"])
        #expect(variables.map(\.value) == ["postgres://api@db/api?options=-c%20x%3Dy", "a.example, b.example", "x=1", "", "last"])
        #expect(throws: ServerConfigurationError("--env-file f, line 2: expected NAME=value, got 'not a variable'")) {
            try EnvironmentFile.parse("A=1\nnot a variable\n", path: "f")
        }
        #expect(throws: ServerConfigurationError.self) { try EnvironmentFile.parse("1A=x", path: "f") }
        #expect(throws: ServerConfigurationError.self) { try EnvironmentFile.read("/nonexistent/api-server.env") }

        // Set over this process's environment; the last of a name wins.
        let environment = EnvironmentFile.environment(setting: variables)
        #expect(environment.filter { $0.hasPrefix("SRF_ALLOWED_HOSTS=") } == ["SRF_ALLOWED_HOSTS=last"])
        #expect(environment.contains("QUOTED=x=1") && environment.contains("EMPTY="))
        #expect(environment.contains { $0.hasPrefix("PATH=") }, "the master's own variables stay")

        // The master's option: its workers do not read the file again.
        #expect(throws: ServerConfigurationError.self) { try ServerOptions.parse(["--env-file", "/etc/x.env"]).configuration.validated() }
        #expect(try ServerOptions.parse(["--processes", "2", "--env-file", "/etc/x.env"]).configuration.environmentFile == "/etc/x.env")
        #expect(
            try ServerOptions.parse(["--processes", "2", "--env-file", "/etc/x.env", "--worker-process"]).configuration.environmentFile
                == nil)
    }

    @Test func exitCauses() {
        #expect(
            WorkerProcessExit(pid: 7, waitStatus: 9, lifetime: .milliseconds(12_345), slot: 0).description
                == "worker process 7 was killed by SIGKILL after 12.3 s")
        #expect(
            WorkerProcessExit(pid: 7, waitStatus: 1 << 8, lifetime: .seconds(2), slot: 0).description
                == "worker process 7 exited with status 1 after 2.0 s")
        #expect(WorkerProcessExit(pid: 7, waitStatus: SIGILL, lifetime: .zero, slot: 0).description.contains("a Swift trap"))
        #expect(WorkerProcessExit(pid: 7, waitStatus: SIGSEGV, lifetime: .zero, slot: 0).description.contains("SIGSEGV"))
        #expect(!WorkerProcessExit(pid: 7, waitStatus: 0, lifetime: .zero, slot: 0).failed)
    }

    /// `--admin-listen` with `--processes`: the master serves it; its workers (the same command
    /// line plus `--worker-process --worker-slot N`) count into its store instead of listening.
    @Test func adminListenWithProcesses() throws {
        let master = try ServerOptions.parse(["--processes", "2", "--workers", "8", "--admin-listen", "127.0.0.1:9100"])
        #expect(master.configuration.processes == 2)
        #expect(master.configuration.adminListen == .tcp(host: "127.0.0.1", port: 9100))
        #expect(!master.countsIntoMastersMetrics)
        let worker = try ServerOptions.parse(
            ["--processes", "2", "--admin-listen", "127.0.0.1:9100", "--worker-process", "--worker-slot", "5"])
        #expect(worker.countsIntoMastersMetrics)
        #expect(worker.workerSlot == 5)
        #expect(worker.configuration.adminListen == nil, "the master's address: not the worker's to open")
        #expect(!(try ServerOptions.parse(["--processes", "2", "--worker-process", "--worker-slot", "1"])).countsIntoMastersMetrics)
    }

    /// Slots: the lowest free, never one a live worker holds, free again once it is reaped.
    @Test func workerSlots() {
        var supervision = Supervision(processes: 2)
        #expect(ProcessMaster.workerSlots(processes: 2) == 24, "two generations, replacements, a second reload: 4P + 16")
        for pid: pid_t in 100..<103 {
            let slot = supervision.freeSlot(of: 3)
            #expect(slot == Int(pid - 100))
            supervision.workers[pid] = Supervision.Worker(generation: 1, started: .now, slot: slot ?? -1)
        }
        #expect(supervision.freeSlot(of: 3) == nil, "all taken: the start waits")
        supervision.workers[101] = nil
        #expect(supervision.freeSlot(of: 3) == 1)
    }

    /// What the master's metrics make of an exit: the slot's gauges cleared, a restart by cause
    /// only when the worker is replaced, its requests still counted.
    @Test func exitsInTheMetrics() throws {
        #expect(WorkerProcessExit(pid: 1, cause: .exited(status: 0), lifetime: .zero).restartCause == .recycled)
        #expect(WorkerProcessExit(pid: 1, cause: .exited(status: 1), lifetime: .zero).restartCause == .exited)
        #expect(WorkerProcessExit(pid: 1, cause: .signalled(SIGILL), lifetime: .zero).restartCause == .trapped)
        #expect(WorkerProcessExit(pid: 1, cause: .signalled(SIGTRAP), lifetime: .zero).restartCause == .trapped)
        #expect(WorkerProcessExit(pid: 1, cause: .signalled(SIGKILL), lifetime: .zero).restartCause == .killed)

        let store = try MetricsStore(routes: ["user-list"], processes: 4)
        let metrics = store.process(2)
        metrics.workerStarted()
        metrics.requestStarted()
        metrics.recordRequest(route: 1, method: "GET", status: 200, nanoseconds: 1_000)
        var killed = WorkerProcessExit(pid: 9, waitStatus: SIGKILL, lifetime: .seconds(5), slot: 2)
        killed.replaced = true
        store.recordExit(killed)
        // A reload's retired worker: gone, not a restart.
        store.process(3).workerStarted()
        store.recordExit(WorkerProcessExit(pid: 10, waitStatus: 0, lifetime: .seconds(5), slot: 3))
        let text = store.prometheusText()
        #expect(store.workersUp == 0)
        #expect(text.contains("srf_workers{state=\"busy\"} 0\n"))
        #expect(text.contains("srf_worker_process_restarts_total{cause=\"killed\"} 1\n"))
        #expect(text.contains("srf_worker_process_restarts_total{cause=\"recycled\"} 0\n"))
        #expect(text.contains(#"srf_http_requests_total{route="user-list",method="GET",status="200"} 1"#))
    }

    /// The path the master was started by, not the file it runs: a deploy replaces that path.
    @Test func executablePath() {
        #expect(ExecutablePath.resolve("/usr/local/bin/api-server", directory: "/srv", searchPath: nil) == "/usr/local/bin/api-server")
        #expect(ExecutablePath.resolve("./api-server", directory: "/srv", searchPath: nil) == "/srv/./api-server")
        #expect(ExecutablePath.resolve("sh", directory: "/srv", searchPath: "/nonexistent:/bin") == "/bin/sh")
        #expect(ExecutablePath.resolve("no-such-program-here", directory: "/srv", searchPath: "/bin") == nil)
    }
}
