#if canImport(Glibc)
import Glibc
#endif

/// An open file descriptor with exactly one owner, closed exactly once.
///
///     guard let socket = FileDescriptor.socket(AF_UNIX, Int32(SOCK_STREAM.rawValue)) else { return false }
///     guard connect(socket.rawValue, address, length) == 0 else { return false }   // closed on the way out
///     handOver(socket.release())          // now someone else (libfcgi, the kernel's epoll set) owns it
///
/// Why a type: a descriptor number is reused by the kernel the moment it is closed, so a second
/// close of the same number closes whatever another thread opened since, and that thread's next
/// read or write fails with EBADF or, worse, goes to the wrong peer. That happened: a test client
/// whose throwing `init` closed its socket and then ran `deinit`, which closed it again, broke
/// other tests' connections (issue 11). `~Copyable` makes "two owners" a compile error, and the
/// ways out are explicit: `close()` (or the end of the owner's life), or `release()` when C code
/// takes the descriptor over.
///
/// A close that fails with EBADF means the number was not open: a double close whose number was
/// not reused yet. Debug builds (the tests) trap on it at once, naming the descriptor; `Tests/run`
/// also loads a check into every process it builds that catches the same in C code (libfcgi).
package struct FileDescriptor: ~Copyable {
    package let rawValue: Int32

    /// Takes ownership of an open descriptor.
    package init(adopting rawValue: Int32) {
        precondition(rawValue >= 0, "FileDescriptor(adopting:) needs an open descriptor, got \(rawValue)")
        self.rawValue = rawValue
    }

    /// `socket(2)` with close-on-exec; nil (and `errno` set) on failure.
    package static func socket(_ family: Int32, _ type: Int32) -> FileDescriptor? {
        let fd = Glibc.socket(family, type | Int32(SOCK_CLOEXEC.rawValue), 0)
        return fd >= 0 ? FileDescriptor(adopting: fd) : nil
    }

    deinit {
        Self.close(rawValue)
    }

    /// Closes now (the same as letting the value go, but says so at the call site).
    package consuming func close() {
        let fd = rawValue
        discard self
        Self.close(fd)
    }

    /// Gives the descriptor to code that closes it itself (libfcgi, a kept-connection set);
    /// this value no longer owns it.
    package consuming func release() -> Int32 {
        let fd = rawValue
        discard self
        return fd
    }

    /// The one place descriptors are closed. EINTR still closes on Linux (close(2)): never retried.
    static func close(_ fd: Int32) {
        if Glibc.close(fd) != 0 && errno == EBADF {
            assertionFailure("close(\(fd)) failed with EBADF: descriptor \(fd) was closed twice or never opened")
        }
    }
}
