import Foundation
import TestSupport

/// A pseudo-terminal for a child's standard input, so a test can type at a prompt the way a
/// person would and see exactly what the terminal shows (echo included).
///
///     let terminal = try PseudoTerminal()
///     // spawn with stdin: .descriptor(terminal.replica), then:
///     terminal.closeReplica()
///     terminal.read(until: "Password: "); terminal.write("secret\r")
final class PseudoTerminal {
    /// The test's end; closed once, in deinit.
    private let controller: Int32
    /// The child's end until `closeReplica()`.
    private(set) var replica: Int32
    /// Everything the terminal has shown so far.
    private(set) var transcript = ""

    init() throws {
        // posix_openpt/grantpt/unlockpt/ptsname are not visible to Swift here; they are these
        // ioctls on Linux (TIOCSPTLCK to unlock, TIOCGPTN for the replica's number).
        controller = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        guard controller >= 0 else { throw TestSupportError("cannot open /dev/ptmx: errno \(errno)") }
        var unlock: Int32 = 0, number: Int32 = 0
        guard ioctl(controller, 0x4004_5431, &unlock) == 0, ioctl(controller, 0x8004_5430, &number) == 0 else {
            close(controller)
            throw TestSupportError("no pseudo-terminal: errno \(errno)")
        }
        replica = open("/dev/pts/\(number)", O_RDWR | O_NOCTTY)
        guard replica >= 0 else {
            close(controller)
            throw TestSupportError("cannot open /dev/pts/\(number): errno \(errno)")
        }
    }

    /// After the child has its copy: the test must not keep the replica open, or reads never end.
    func closeReplica() {
        if replica >= 0 { close(replica) }
        replica = -1
    }

    /// Reads what the terminal shows until `text` appears (true) or 10 s pass (false).
    @discardableResult
    func read(until text: String, timeout: Int32 = 10_000) -> Bool {
        while !transcript.contains(text) {
            guard readSome(timeout: timeout) else { return false }
        }
        return true
    }

    /// Reads until the child's side is gone.
    func drain() { while readSome(timeout: 2_000) {} }

    func write(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { Foundation.write(controller, $0.baseAddress, $0.count) }
    }

    /// Whether the terminal echoes input (both ends share one set of settings).
    var echoIsOn: Bool {
        var settings = termios()
        return tcgetattr(controller, &settings) == 0 && settings.c_lflag & tcflag_t(ECHO) != 0
    }

    private func readSome(timeout: Int32) -> Bool {
        var ready = pollfd(fd: controller, events: Int16(POLLIN), revents: 0)
        guard poll(&ready, 1, timeout) == 1 else { return false }
        var buffer = [UInt8](repeating: 0, count: 1024)
        let got = buffer.withUnsafeMutableBytes { Foundation.read(controller, $0.baseAddress, $0.count) }
        guard got > 0 else { return false }  // EIO once every replica descriptor is closed
        transcript += String(decoding: buffer[0..<got], as: UTF8.self)
        return true
    }

    deinit {
        closeReplica()
        close(controller)
    }
}
