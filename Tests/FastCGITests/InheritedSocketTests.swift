import Foundation
import Testing
import TestSupport

/// api-server on a listening socket it did not open (systemd `StandardInput=socket`,
/// spawn-fcgi `-F N`, mod_fcgid): the socket belongs to whoever handed it over and may be
/// shared, so stopping one server must leave it listening for the others and the next one.
@Suite(.needsTestsRun) struct InheritedSocketTests {
    @Test func sigtermDrainsAndLeavesTheSocketListeningForTheNextServer() throws {
        let directory = try TestEnvironment.makeTemporaryDirectory("inherit-stop")
        let path = directory + "/shared.sock"
        let fd = try makeListeningUnixSocket(at: path)  // the test's copy: systemd's, in production
        defer { close(fd) }
        let first = try InheritedServer(socket: fd, directory: directory, name: "first", arguments: ["--workers", "2"])
        #expect(first.waitUntilServing(path), "log: \(first.log)")

        let slow = Outcome()
        Thread.detachNewThread {
            slow.finish((try? FastCGIClient.request(to: .unix(path), path: "/__test/sleep", query: "ms=500", timeout: 15))?.status ?? -1)
        }
        usleep(250_000)  // in its handler now
        let signalled = ContinuousClock.now
        first.process.signal(SIGTERM)
        #expect(slow.wait(timeout: 10) == 200, "the request in flight completes; log: \(first.log)")
        #expect(first.process.wait(timeout: 5) == 0, "log: \(first.log)")
        #expect(seconds(since: signalled) < 3)
        #expect(first.log.contains("received SIGTERM"))

        // Nobody accepts now, yet the socket still listens: a connection waits in the backlog
        // (it would be refused had the stop shut the socket down)...
        let queued = Outcome()
        Thread.detachNewThread {
            queued.finish((try? FastCGIClient.request(to: .unix(path), path: "/__test/echo", query: "queued", timeout: 20))?.status ?? -1)
        }
        usleep(300_000)
        #expect(!queued.isFinished, "nobody serves the socket between the two servers")
        // ...and the next server on the same descriptor answers it, and everything after it.
        let second = try InheritedServer(socket: fd, directory: directory, name: "second", arguments: ["--workers", "2"])
        #expect(queued.wait(timeout: 20) == 200, "log: \(second.log)")
        for _ in 0..<5 {
            #expect((try? FastCGIClient.request(to: .unix(path), path: "/__test/echo", timeout: 5))?.status == 200)
        }
        // (Each access-log line is written after its response is sent: give the last one time.)
        #expect(waitUntil(timeout: 5) { second.served >= 6 }, "log: \(second.log)")
        second.process.signal(SIGTERM)
        #expect(second.process.wait(timeout: 5) == 0, "log: \(second.log)")
    }

    /// spawn-fcgi `-F 2`: two processes accept on one socket. Stopping one must cost the other nothing.
    @Test func twoServersShareOneSocketAndTheOtherKeepsServingWhenOneStops() throws {
        let directory = try TestEnvironment.makeTemporaryDirectory("inherit-share")
        let path = directory + "/shared.sock"
        let fd = try makeListeningUnixSocket(at: path)
        defer { close(fd) }
        let first = try InheritedServer(socket: fd, directory: directory, name: "first", arguments: ["--workers", "2"])
        let second = try InheritedServer(socket: fd, directory: directory, name: "second", arguments: ["--workers", "2"])
        // Both accept: the kernel hands connections to whichever process waits in accept.
        let bothServe = waitUntil(timeout: 20) {
            _ = try? FastCGIClient.request(to: .unix(path), path: "/__test/echo", timeout: 5)
            return first.served > 0 && second.served > 0
        }
        #expect(bothServe, "first: \(first.log)\nsecond: \(second.log)")

        // Requests keep coming, one after the other, while the first server stops and after.
        let load = Load(path: path)
        usleep(200_000)
        let signalled = ContinuousClock.now
        first.process.signal(SIGTERM)
        #expect(first.process.wait(timeout: 5) == 0, "log: \(first.log)")
        #expect(seconds(since: signalled) < 3)
        let servedBySecondAtTheStop = second.served
        usleep(700_000)
        let statuses = load.stop()
        #expect(statuses.count >= 10, "requests made: \(statuses.count)")
        #expect(statuses.allSatisfy { $0 == 200 }, "statuses: \(statuses)\nsecond: \(second.log)")
        #expect(second.process.isRunning, "log: \(second.log)")
        #expect(waitUntil(timeout: 5) { second.served > servedBySecondAtTheStop }, "the second server took over")

        let after = inParallel(8) { _ in try FastCGIClient.request(to: .unix(path), path: "/__test/echo", timeout: 10).status }
        #expect(after.map { (try? $0.get()) ?? -1 } == Array(repeating: 200, count: 8))
        second.process.signal(SIGTERM)
        #expect(second.process.wait(timeout: 5) == 0, "log: \(second.log)")
    }
}

/// api-server started as spawn-fcgi or mod_fcgid would: `socket` on fd 0, test routes on, the
/// log in `NAME.log` (its stdout and stderr in `NAME.out`).
private final class InheritedServer {
    let process: ChildProcess
    let logPath: String
    let outputPath: String

    init(socket: Int32, directory: String, name: String, arguments: [String] = []) throws {
        logPath = directory + "/\(name).log"
        outputPath = directory + "/\(name).out"
        process = try ChildProcess(
            TestEnvironment.executable("api-server"), ["--test-routes", "--log-file", logPath] + arguments,
            logPath: outputPath, stdin: socket)
    }

    var log: String {
        let read = { (path: String) in (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }
        return read(logPath) + read(outputPath)
    }

    /// Requests answered so far (access log lines).
    var served: Int { log.split(separator: "\n").filter { $0.contains("\"GET /") }.count }

    func waitUntilServing(_ path: String) -> Bool {
        waitUntil(timeout: 15) { (try? FastCGIClient.request(to: .unix(path), path: "/__test/echo", timeout: 2))?.status == 200 }
    }

    deinit { if process.isRunning { process.signal(SIGKILL); _ = process.wait(timeout: 5) } }
}

/// One result that another thread delivers.
private final class Outcome: Sendable {
    private let value = LockedArray<Int>()
    private let done = DispatchSemaphore(value: 0)

    func finish(_ status: Int) {
        value.append(status)
        done.signal()
    }

    var isFinished: Bool { !value.values.isEmpty }

    /// The status, or nil when it did not arrive in time.
    func wait(timeout: Double) -> Int? {
        guard done.wait(timeout: .now() + timeout) == .success else { return nil }
        done.signal()
        return value.values.first
    }
}

/// Sequential requests on a background thread until `stop()`, which returns their statuses
/// (-1 for a request that failed: refused, reset, timed out).
private final class Load: Sendable {
    private let statuses = LockedArray<Int>()
    private let stopping = LockedArray<Bool>()
    private let stopped = DispatchSemaphore(value: 0)

    init(path: String) {
        Thread.detachNewThread { [self] in
            while stopping.values.isEmpty {
                let status = (try? FastCGIClient.request(to: .unix(path), path: "/__test/echo", query: "load", timeout: 10))?.status ?? -1
                statuses.append(status)
                usleep(5_000)
            }
            stopped.signal()
        }
    }

    func stop() -> [Int] {
        stopping.append(true)
        _ = stopped.wait(timeout: .now() + 15)
        return statuses.values
    }
}
