// The `///` examples of Sources/FastCGI/Processes (`--processes`), compiled
// (DocCommentExampleTests finds them here).
@testable import FastCGI
#if canImport(Glibc)
import Glibc
#endif

enum FastCGIProcessExamples {
    // ProcessMaster
    static func master(configuration: ServerConfiguration, log: ServerLog) throws {
        let master = try ProcessMaster(configuration: configuration, arguments: ["--processes", "4"], log: log)
        exit(master.run())   // 0: every worker drained at the stop; 1: some were cut off
    }

    // WorkerProcessExit
    static func observe(_ master: ProcessMaster) {
        master.onWorkerExit = { exit in print(exit) }  // "worker process 4242 was killed by SIGKILL after 12.5 s"
    }

    // RestartBackoff
    static func backoff(_ exit: WorkerProcessExit) {
        var backoff = RestartBackoff()
        backoff.delay(after: exit)  // .zero after a worker that ran a while; 0.1 s, 0.2 s, 0.4 s ... 10 s when they keep dying at once
    }

    // ExecutablePath
    static func executable() {
        ExecutablePath.resolve("./api-server", directory: "/srv", searchPath: nil)  // "/srv/./api-server"
    }

    // EnvironmentFile
    static func environmentFile() throws {
        let variables = try EnvironmentFile.read("/etc/api-server.env")   // [("DATABASE_URL", "postgres://..."), ...]
        let environment = EnvironmentFile.environment(setting: variables)  // "NAME=value" strings for posix_spawn
        _ = environment
    }

    // SocketActivation
    static func socketActivation() throws {
        try SocketActivation.moveToStandardInput()   // fd 3 is now fd 0; LISTEN_* are unset
    }

    // WorkerProcessLink
    static func worker(_ server: FastCGIServer) throws {
        WorkerProcessLink.attachToMaster()            // first thing
        let report = try server.runUntilSignalled(secondSignalExits: false, onReady: WorkerProcessLink.announceReady)
        _ = report
    }
}
