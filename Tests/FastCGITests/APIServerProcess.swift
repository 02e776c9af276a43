import Foundation
import TestSupport

/// The real `api-server` executable on a unix socket in a fresh folder, with test routes on.
///
///     let server = try APIServerProcess(arguments: ["--workers", "4"])
///     defer { server.child.stop() }
///     let response = try FastCGIClient.request(to: server.address, path: "/__test/echo")
final class APIServerProcess {
    let directory: String
    let socketPath: String
    let child: ChildProcess

    init(arguments: [String] = [], waitUntilReady: Bool = true) throws {
        directory = try TestEnvironment.makeTemporaryDirectory("api")
        socketPath = directory + "/api.sock"
        child = try ChildProcess(
            TestEnvironment.executable("api-server"),
            ["--listen", "unix:" + socketPath, "--test-routes"] + TestEnvironment.socketGroupArguments + arguments,
            logPath: directory + "/server.log")
        if waitUntilReady { try self.waitUntilReady() }
    }

    var address: FastCGIClient.Address { .unix(socketPath) }
    var log: String { child.log }

    func waitUntilReady() throws {
        let address = self.address
        guard waitUntil(timeout: 15, { (try? FastCGIClient.request(to: address, path: "/ready", timeout: 2))?.status == 200 }) else {
            throw TestSupportError("api-server did not answer on \(socketPath): \(log)")
        }
    }

    deinit { child.stop() }
}

/// A listening unix socket made by the test, as spawn-fcgi or mod_fcgid would pass it on fd 0.
func makeListeningUnixSocket(at path: String) throws -> Int32 {
    let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw TestSupportError("socket() failed") }
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    let bytes = Array(path.utf8)
    withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }
    let bound = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
    }
    guard bound == 0, listen(fd, 64) == 0 else {
        close(fd)
        throw TestSupportError("bind/listen on \(path) failed: errno \(errno)")
    }
    return fd
}
