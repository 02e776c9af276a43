#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Lines written straight to a file descriptor, unbuffered: progress shows as it happens even
/// when the output is piped, and a line is never cut or reordered with another process's.
///
///     CommandOutput.line("applied 0001_initial.sql (12 ms)")
///     CommandOutput.error("migrate: no migrations folder at migrations")
public enum CommandOutput {
    /// `text` and a newline on standard output (or `descriptor`).
    public static func line(_ text: String, to descriptor: Int32 = 1) {
        write(text + "\n", to: descriptor)
    }

    /// `text` and a newline on standard error.
    public static func error(_ text: String) {
        line(text, to: 2)
    }

    /// `text` as it is, looping over short writes.
    public static func write(_ text: String, to descriptor: Int32) {
        var text = text
        text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return }
            var offset = 0
            while offset < bytes.count {
                #if canImport(Glibc)
                let written = Glibc.write(descriptor, base + offset, bytes.count - offset)
                #else
                let written = Darwin.write(descriptor, base + offset, bytes.count - offset)
                #endif
                if written < 0 && errno == EINTR { continue }
                if written <= 0 { return }
                offset += written
            }
        }
    }
}
