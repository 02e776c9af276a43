import Foundation
import Testing
import FastCGI
import TestSupport

/// Descriptors have one owner and are closed once (issue 11): `FileDescriptor`, the test
/// clients built on it, and the close check that makes a double close fail loudly.
@Suite(.needsTestsRun) struct DescriptorTests {
    @Test func releaseHandsTheDescriptorOverWithoutClosingIt() throws {
        guard let socket = FileDescriptor.socket(AF_UNIX, Int32(SOCK_STREAM.rawValue)) else {
            Issue.record("socket(): errno \(errno)")
            return
        }
        let fd = socket.release()
        #expect(fcntl(fd, F_GETFD) != -1, "still open: the new owner closes it")
        FileDescriptor(adopting: fd).close()
        #expect(fcntl(fd, F_GETFD) == -1 && errno == EBADF)
    }

    @Test func anOwnerClosesItsDescriptorWhenItGoes() throws {
        var number: Int32 = -1
        do {
            guard let socket = FileDescriptor.socket(AF_UNIX, Int32(SOCK_STREAM.rawValue)) else {
                Issue.record("socket(): errno \(errno)")
                return
            }
            number = socket.rawValue
            #expect(fcntl(number, F_GETFD) & FD_CLOEXEC != 0, "close-on-exec from the start")
        }
        #expect(fcntl(number, F_GETFD) == -1 && errno == EBADF)
    }

    /// The bug issue 11 found: FastCGIConnection's init closed its socket when connect failed and
    /// then, every stored property being set, ran deinit, which closed the same number again. With
    /// other tests opening sockets meanwhile, that second close hit their connections (nginx tests
    /// saw "write failed: errno 9"). Under the close check this test aborted the run.
    @Test func aFailedConnectClosesItsSocketOnce() throws {
        let missing = try TestEnvironment.makeTemporaryDirectory("nobody") + "/nobody.sock"
        for _ in 0..<20 {
            #expect(throws: FastCGIConnectError.self) { try FastCGIConnection(.unix(missing)) }
        }
        let closedTwice = FastCGIConnection.self  // a connection closed by hand, then released
        let listener = try makeListeningUnixSocket(at: missing)
        defer { close(listener) }
        let connection = try closedTwice.init(.unix(missing))
        connection.close()
        connection.close()
    }

    /// The check itself: a process of ours that closes a descriptor it does not have aborts with
    /// a message naming the descriptor. (Python stands in for "a process of ours": the check
    /// watches every process when SRF_CLOSE_CHECK_ALL=1.)
    @Test func theCloseCheckAbortsOnADoubleClose() throws {
        var environment = ProcessInfo.processInfo.environment
        environment["LD_PRELOAD"] = TestEnvironment.closeCheckLibrary
        environment["SRF_CLOSE_CHECK_ALL"] = "1"
        let script = "import os; fd = os.open('/dev/null', os.O_RDONLY); os.close(fd); os.close(fd)"
        let checked = try Subprocess.run("/usr/bin/env", ["python3", "-c", script], environment: environment)
        #expect(checked.status == 128 + SIGABRT, "stderr: \(checked.stderr)")
        #expect(checked.stderr.contains("close check: close(") && checked.stderr.contains("was closed twice"))

        // Processes that are not ours (nginx, PostgreSQL, sh) are left alone.
        environment["SRF_CLOSE_CHECK_ALL"] = nil
        environment["SRF_CLOSE_CHECK_DIR"] = "/nonexistent"
        let unchecked = try Subprocess.run("/usr/bin/env", ["python3", "-c", script], environment: environment)
        #expect(unchecked.status == 1, "Python's own OSError, no abort: \(unchecked.stderr)")
    }

    /// The suite runs under the check (Tests/run preloads it), so any double close in the test
    /// process or the servers it starts fails the run loudly.
    @Test func thisProcessRunsUnderTheCloseCheck() throws {
        // RTLD_NOLOAD: a handle only when the library is loaded already.
        let loaded = dlopen(TestEnvironment.closeCheckLibrary, RTLD_NOW | RTLD_NOLOAD)
        #expect(loaded != nil, "Tests/run preloads the close check")
        if let loaded { dlclose(loaded) }
    }
}
