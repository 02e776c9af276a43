import Foundation
import Synchronization
import Testing
import TestSupport

/// The `api-server` executable: signals, drain, sockets it listens on, options.
@Suite(.needsTestsRun) struct APIServerTests {
    @Test func sigtermFinishesRequestsInFlightRefusesNewOnesAndExitsZero() throws {
        let server = try APIServerProcess(arguments: ["--workers", "4", "--drain-timeout", "10"])
        let address = server.address
        let slow = DispatchGroup()
        let statuses = LockedArray<Int>()
        for _ in 0..<3 {
            slow.enter()
            Thread.detachNewThread {
                let response = try? FastCGIClient.request(to: address, path: "/__test/sleep", query: "ms=1500", timeout: 15)
                statuses.append(response?.status ?? -1)
                slow.leave()
            }
        }
        usleep(400_000)  // the three are in their handlers now
        let signalled = ContinuousClock.now
        server.child.signal(SIGTERM)
        #expect(waitUntil(timeout: 5) { server.log.contains("received SIGTERM") }, "log: \(server.log)")
        // While it drains, new connections are refused rather than left waiting in a backlog.
        #expect(server.child.isRunning)
        let refused = #expect(throws: FastCGIConnectError.self) { _ = try FastCGIConnection(address, timeout: 2) }
        #expect(refused?.errno == ECONNREFUSED)

        #expect(slow.wait(timeout: .now() + 15) == .success)
        #expect(statuses.values == [200, 200, 200])
        let status = server.child.wait(timeout: 5)
        #expect(status == 0, "log: \(server.log)")
        #expect(seconds(since: signalled) < 4)
    }

    @Test func drainTimeoutCutsOffAndExitsOne() throws {
        let server = try APIServerProcess(arguments: ["--workers", "2", "--drain-timeout", "500ms"])
        let address = server.address
        Thread.detachNewThread { _ = try? FastCGIClient.request(to: address, path: "/__test/sleep", query: "ms=8000", timeout: 15) }
        usleep(300_000)
        let signalled = ContinuousClock.now
        server.child.signal(SIGTERM)
        let status = server.child.wait(timeout: 5)
        #expect(status == 1, "log: \(server.log)")
        #expect(seconds(since: signalled) < 3)
        #expect(server.log.contains("still running at the drain timeout"))
    }

    @Test func sigintDrainsLikeSigterm() throws {
        let server = try APIServerProcess(arguments: ["--workers", "2"])
        let address = server.address
        let finished = DispatchSemaphore(value: 0)
        let status = LockedArray<Int>()
        Thread.detachNewThread {
            status.append((try? FastCGIClient.request(to: address, path: "/__test/sleep", query: "ms=700"))?.status ?? -1)
            finished.signal()
        }
        usleep(300_000)
        server.child.signal(SIGINT)
        #expect(finished.wait(timeout: .now() + 10) == .success)
        #expect(status.values == [200])
        #expect(server.child.wait(timeout: 5) == 0, "log: \(server.log)")
        #expect(server.log.contains("received SIGINT"))
    }

    @Test func aSecondSignalExitsAtOnce() throws {
        let server = try APIServerProcess(arguments: ["--workers", "2", "--drain-timeout", "30"])
        let address = server.address
        Thread.detachNewThread { _ = try? FastCGIClient.request(to: address, path: "/__test/sleep", query: "ms=20000", timeout: 30) }
        usleep(300_000)
        server.child.signal(SIGTERM)
        #expect(waitUntil(timeout: 5) { server.log.contains("received SIGTERM") })
        let start = ContinuousClock.now
        server.child.signal(SIGTERM)
        #expect(server.child.wait(timeout: 5) == 1, "log: \(server.log)")
        #expect(seconds(since: start) < 3)
    }

    @Test func accessLogCanBeTurnedOffAndWrittenToAFile() throws {
        let directory = try TestEnvironment.makeTemporaryDirectory("logs")
        let quiet = try APIServerProcess(arguments: ["--access-log", "off", "--log-file", directory + "/quiet.log"])
        let loud = try APIServerProcess(arguments: ["--log-file", directory + "/loud.log"])
        _ = try FastCGIClient.request(to: quiet.address, path: "/counted")
        _ = try FastCGIClient.request(to: loud.address, path: "/counted")
        quiet.child.stop()
        loud.child.stop()
        let quietLog = try String(contentsOfFile: directory + "/quiet.log", encoding: .utf8)
        let loudLog = try String(contentsOfFile: directory + "/loud.log", encoding: .utf8)
        #expect(quietLog.contains("listening on unix:"))
        #expect(!quietLog.contains("\"GET /counted\""))
        #expect(loudLog.contains("\"GET /counted\" 200 "))
        #expect(quiet.log.isEmpty && loud.log.isEmpty, "nothing on stderr when --log-file is given")
    }

    @Test func servesTheListeningSocketInheritedOnStandardInput() throws {
        let directory = try TestEnvironment.makeTemporaryDirectory("inherit")
        let path = directory + "/spawned.sock"
        let fd = try makeListeningUnixSocket(at: path)
        // As under mod_fcgid: the socket on fd 0, stdout/stderr discarded, the log in a file.
        let process = try ChildProcess(
            TestEnvironment.executable("api-server"),
            ["--workers", "2", "--test-routes", "--log-file", directory + "/server.log"],
            logPath: "/dev/null", stdin: fd)
        close(fd)  // the child has its copy on fd 0
        defer { if process.isRunning { process.signal(SIGKILL) } }
        let log = { (try? String(contentsOfFile: directory + "/server.log", encoding: .utf8)) ?? "" }

        var response: FastCGIResponse?
        _ = waitUntil(timeout: 15) {
            response = try? FastCGIClient.request(to: .unix(path), path: "/__test/echo", timeout: 2)
            return response != nil
        }
        #expect(response?.status == 200, "log: \(log())")
        #expect(response?.text.contains(#""path":"/__test/echo""#) == true)
        #expect(log().contains("listening on inherited fd 0"))

        process.signal(SIGTERM)
        #expect(process.wait(timeout: 5) == 0, "log: \(log())")
    }

    @Test func refusesToTakeOverASocketSomeoneIsListeningOn() throws {
        let first = try APIServerProcess()
        let second = try Subprocess.run(TestEnvironment.executable("api-server"), ["--listen", "unix:" + first.socketPath])
        #expect(second.status == 1)
        #expect(second.stderr.contains("another responder is already listening on unix:\(first.socketPath)"), "stderr: \(second.stderr)")
        // The first one still owns its socket.
        #expect(try FastCGIClient.request(to: first.address, path: "/").status == 200)
    }

    @Test func replacesAStaleSocketButNeverAnOrdinaryFile() throws {
        let directory = try TestEnvironment.makeTemporaryDirectory("stale")
        let stale = directory + "/stale.sock"
        close(try makeListeningUnixSocket(at: stale))  // the file stays, nobody listens: a crashed responder
        let child = try ChildProcess(
            TestEnvironment.executable("api-server"), ["--listen", "unix:" + stale, "--test-routes"],
            logPath: directory + "/server.log")
        defer { child.stop() }
        #expect(waitUntil(timeout: 15) { (try? FastCGIClient.request(to: .unix(stale), timeout: 2))?.status == 200 }, "log: \(child.log)")

        let file = directory + "/not-a-socket"
        _ = FileManager.default.createFile(atPath: file, contents: Data("keep me".utf8))
        let refused = try Subprocess.run(TestEnvironment.executable("api-server"), ["--listen", "unix:" + file])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("exists and is not a socket"))
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "keep me")
    }

    /// FastCGI has no authentication, so the socket is the door: by default only its owner and
    /// its group may connect (0660, was 0666), and `--socket-group` gives it the web server's
    /// group. A group that does not exist stops the start with a message that says so.
    /// The groups this process is in besides its own, by name.
    static func supplementaryGroups() -> [(name: String, gid: gid_t)] {
        var ids = [gid_t](repeating: 0, count: Int(getgroups(0, nil)))
        let count = getgroups(Int32(ids.count), &ids)
        return ids.prefix(Int(max(count, 0))).compactMap { id in getgrgid(id).map { (String(cString: $0.pointee.gr_name), id) } }
    }

    @Test func unixSocketIsOpenToItsOwnerAndGroupOnly() throws {
        func start(_ arguments: [String]) throws -> (ChildProcess, String) {
            let directory = try TestEnvironment.makeTemporaryDirectory("mode")
            let path = directory + "/api.sock"
            let child = try ChildProcess(
                TestEnvironment.executable("api-server"), ["--listen", "unix:" + path, "--test-routes"] + arguments,
                logPath: directory + "/server.log")
            #expect(
                waitUntil(timeout: 15) { (try? FastCGIClient.request(to: .unix(path), timeout: 2))?.status == 200 }, "log: \(child.log)")
            return (child, path)
        }
        func owner(_ path: String) -> (mode: mode_t, group: gid_t) {
            var info = stat()
            _ = stat(path, &info)
            return (info.st_mode & 0o777, info.st_gid)
        }
        let nogroup = try #require(getgrnam("nogroup")?.pointee.gr_gid)

        let (plain, plainPath) = try start([])
        defer { plain.stop() }
        #expect(owner(plainPath).mode == 0o660)
        #expect(owner(plainPath).group == getegid())

        // chown(2)'s rule: root may give the socket any group, anyone else only one of their own.
        // Tests/run also runs as a user with sudo (README): then a supplementary group of theirs,
        // and nogroup, which they are not in, must be refused with the reason.
        let other: (name: String, gid: gid_t)? =
            geteuid() == 0 ? ("nogroup", nogroup) : Self.supplementaryGroups().first { $0.gid != getegid() }
        var grouped: ChildProcess?
        defer { grouped?.stop() }
        if let other {
            let (child, groupedPath) = try start(["--socket-group", other.name])
            grouped = child
            #expect(owner(groupedPath).mode == 0o660)
            #expect(owner(groupedPath).group == other.gid)
        } else {
            print("unixSocketIsOpenToItsOwnerAndGroupOnly: not root and in no other group: --socket-group checked by its refusal only")
        }

        let (open, openPath) = try start(["--socket-mode", "0666"])
        defer { open.stop() }
        #expect(owner(openPath).mode == 0o666)

        // Refused at start: the process exits 1 with a message that says why (a server that
        // started anyway is stopped when the ChildProcess goes).
        func refusal(_ arguments: [String]) throws -> (status: Int32?, log: String, directory: String) {
            let directory = try TestEnvironment.makeTemporaryDirectory("refused")
            let child = try ChildProcess(
                TestEnvironment.executable("api-server"), ["--listen", "unix:" + directory + "/api.sock"] + arguments,
                logPath: directory + "/server.log")
            return (child.wait(timeout: 15), child.log, directory)
        }
        if geteuid() != 0 && getegid() != nogroup && !Self.supplementaryGroups().contains(where: { $0.gid == nogroup }) {
            let foreign = try refusal(["--socket-group", "nogroup"])
            #expect(foreign.status == 1)
            #expect(foreign.log.contains("(the server must run as root or as a member of nogroup)"), "log: \(foreign.log)")
        }
        let unknown = try refusal(["--socket-group", "no-such-group-srf"])
        #expect(unknown.status == 1)
        #expect(unknown.log.contains("--socket-group no-such-group-srf: no such group"), "log: \(unknown.log)")
        #expect(!FileManager.default.fileExists(atPath: unknown.directory + "/api.sock"))

        let directory = try TestEnvironment.makeTemporaryDirectory("refused")
        let tcp = try ChildProcess(
            TestEnvironment.executable("api-server"), ["--listen", "127.0.0.1:\(freeLocalPort())", "--socket-group", "nogroup"],
            logPath: directory + "/server.log")
        #expect(tcp.wait(timeout: 15) == 1)
        #expect(tcp.log.contains("--socket-group applies to a unix socket"), "log: \(tcp.log)")
    }

    @Test func listensOnTCP() throws {
        let directory = try TestEnvironment.makeTemporaryDirectory("tcp")
        let port = freeLocalPort()
        let child = try ChildProcess(
            TestEnvironment.executable("api-server"), ["--listen", "127.0.0.1:\(port)", "--workers", "2", "--test-routes"],
            logPath: directory + "/server.log")
        defer { child.stop() }
        var response: FastCGIResponse?
        _ = waitUntil(timeout: 15) {
            response = try? FastCGIClient.request(to: .tcp(host: "127.0.0.1", port: port), path: "/tcp", timeout: 2)
            return response != nil
        }
        #expect(response?.status == 200, "log: \(child.log)")
        #expect(response?.text.contains(#""path":"/tcp""#) == true)
    }

    /// libfcgi's `FCGI_WEB_SERVER_ADDRS` still applies now that the workers accept themselves.
    @Test func tcpPeersOutsideFCGIWebServerAddrsAreTurnedAway() throws {
        let directory = try TestEnvironment.makeTemporaryDirectory("webservers")
        func start(allowing list: String) throws -> (ChildProcess, Int) {
            let port = freeLocalPort()
            var environment = ProcessInfo.processInfo.environment
            environment["FCGI_WEB_SERVER_ADDRS"] = list
            let child = try ChildProcess(
                TestEnvironment.executable("api-server"), ["--listen", "127.0.0.1:\(port)", "--workers", "1", "--test-routes"],
                environment: environment, logPath: directory + "/server-\(port).log")
            #expect(waitUntil(timeout: 15) { (try? FastCGIConnection(.tcp(host: "127.0.0.1", port: port), timeout: 2)) != nil })
            return (child, port)
        }
        let (allowed, allowedPort) = try start(allowing: "10.9.8.7, 127.0.0.1")
        defer { allowed.stop() }
        #expect(
            (try? FastCGIClient.request(to: .tcp(host: "127.0.0.1", port: allowedPort), path: "/ok", timeout: 5))?.status == 200,
            "log: \(allowed.log)")
        let (refusing, refusingPort) = try start(allowing: "10.9.8.7")
        defer { refusing.stop() }
        #expect(throws: (any Error).self) {
            _ = try FastCGIClient.request(to: .tcp(host: "127.0.0.1", port: refusingPort), path: "/no", timeout: 5)
        }
        #expect(refusing.isRunning)
    }

    @Test func testRoutesAreOffUnlessAskedFor() throws {
        let directory = try TestEnvironment.makeTemporaryDirectory("prod")
        let path = directory + "/api.sock"
        let child = try ChildProcess(
            TestEnvironment.executable("api-server"), ["--listen", "unix:" + path, "--workers", "1"],
            logPath: directory + "/server.log")
        defer { child.stop() }
        var response: FastCGIResponse?
        _ = waitUntil(timeout: 15) {
            response = try? FastCGIClient.request(to: .unix(path), path: "/__test/throw", timeout: 2)
            return response != nil
        }
        // Without the flag the API answers: the test route is just an unknown path.
        #expect(response?.status == 404)
        #expect(response?.text == #"{"detail":"Not found."}"#)
    }

    @Test func badOptionsExitTwoWithTheReason() throws {
        let result = try Subprocess.run(TestEnvironment.executable("api-server"), ["--workers", "zero"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--workers needs a whole number"))
        let help = try Subprocess.run(TestEnvironment.executable("api-server"), ["--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("--max-body-size"))
        #expect(help.stdout.contains("--test-routes"))
    }

    @Test func withoutListenAndWithoutASocketOnStandardInputItSaysWhatToDo() throws {
        let result = try Subprocess.run(TestEnvironment.executable("api-server"), [])
        #expect(result.status == 1)
        #expect(result.stderr.contains("pass --listen"))
    }
}

/// An array several threads append to.
final class LockedArray<Element: Sendable>: Sendable {
    private let storage = Mutex<[Element]>([])
    func append(_ element: Element) { storage.withLock { $0.append(element) } }
    var values: [Element] { storage.withLock { $0 } }
}
