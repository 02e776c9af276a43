#if canImport(Glibc)
import Glibc
#endif

/// Formatting for log lines without Foundation (the server module links only libc and libfcgi).
///
///     LogFormat.milliseconds(.microseconds(12_345)) // "12.3"
enum LogFormat {
    /// UTC, ISO 8601 with milliseconds: `2025-05-20T10:11:12.345Z`.
    static func timestamp() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var seconds = now.tv_sec
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return "\(parts.tm_year + 1900)-\(pad(parts.tm_mon + 1))-\(pad(parts.tm_mday))T"
            + "\(pad(parts.tm_hour)):\(pad(parts.tm_min)):\(pad(parts.tm_sec)).\(pad(Int32(now.tv_nsec / 1_000_000), 3))Z"
    }

    /// Milliseconds with one decimal.
    static func milliseconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let tenths = seconds * 10_000 + attoseconds / 100_000_000_000_000
        return "\(tenths / 10).\(tenths % 10)"
    }

    /// Control characters in a request target would let a client forge log lines.
    static func printable(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 < 32 || $0 == 127 || $0 == UInt8(ascii: "\"") }) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if scalar.value < 32 || scalar.value == 127 || scalar == "\"" {
                out += "\\x" + pad(Int32(scalar.value), 2, radix: 16)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A message for a text line: it may span lines (a model check's report does), but every
    /// line after the first is indented, so no message (an error's description may quote a
    /// request) can make a line that starts like a log line. Other control characters as `\xNN`.
    static func message(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 < 32 || $0 == 127 }) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if scalar == "\n" {
                out += "\n    "
            } else if scalar == "\t" {
                out.unicodeScalars.append(scalar)
            } else if scalar.value < 32 || scalar.value == 127 {
                out += "\\x" + pad(Int32(scalar.value), 2, radix: 16)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A JSON string literal, quotes included. The usual value needs no escape and is copied whole.
    static func jsonString(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 < 32 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else {
            return "\"" + text + "\""
        }
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 32: out += "\\u00" + pad(Int32(scalar.value), 2, radix: 16)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    static func pad(_ value: Int32, _ width: Int = 2, radix: Int = 10) -> String {
        let digits = String(value, radix: radix)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
