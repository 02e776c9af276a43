import Foundation
import Synchronization

/// The next candidate of this test process (see `freeLocalPort`).
private let nextPortCandidate = Atomic<Int>(0)

/// A TCP port on 127.0.0.1 that nothing uses, for a server a test starts (nginx, Apache,
/// api-server on TCP).
///
/// Not a port from `bind(port 0)`: the kernel takes those from its ephemeral range
/// (32768-60999 here), where every outgoing connection of the tests running in parallel also
/// takes its local port, so one of them could take the port between this check and the
/// server's own `bind` ("Address already in use", seen when several suites started servers
/// at once). Below that range only servers that choose their port bind: each test process
/// walks 20000-31999 from its own place (its pid), one port per call, so two processes on one
/// machine (two worktrees' test runs) do not walk the same ports at the same time.
public func freeLocalPort() -> Int {
    let low = 20_000
    let span = 12_000
    let start = Int(getpid()) &* 7_919 % span
    for _ in 0..<span {
        let step = nextPortCandidate.add(1, ordering: .relaxed).oldValue
        let port = low + (start + step) % span
        if canBind(port: port) { return port }
    }
    preconditionFailure("no free TCP port in \(low)..<\(low + span) on 127.0.0.1")
}

/// Whether a listening socket could bind 127.0.0.1:`port` now (without `SO_REUSEADDR`, so a
/// port with connections still in TIME_WAIT counts as taken).
private func canBind(port: Int) -> Bool {
    guard let fd = bindLoopback(port: port) else { return false }
    close(fd)
    return true
}

/// A TCP socket bound to 127.0.0.1:`port` (not listening), or nil when the port is taken. The
/// caller owns the descriptor: `HostNetwork` keeps it as its reservation.
func bindLoopback(port: Int) -> Int32? {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { return nil }
    var addr = sockaddr_in()
    addr.sin_family = sa_family_t(AF_INET)
    addr.sin_addr.s_addr = inet_addr("127.0.0.1")
    addr.sin_port = in_port_t(UInt16(port).bigEndian)
    let bound = withUnsafePointer(to: &addr) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    if bound == 0 { return fd }
    close(fd)
    return nil
}
