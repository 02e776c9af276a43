#if canImport(Glibc)
import Glibc
#endif

/// An instant with microsecond precision (PostgreSQL's `timestamptz`), exact: microseconds since
/// the Unix epoch in an `Int64`, so `.000001` survives every round trip (a `Double` would not).
///
/// PostgreSQL's `infinity` and `-infinity` are `Int64.max` and `Int64.min` microseconds, as the
/// server stores them: they order above and below every instant with no extra field or branch,
/// and print as the server's words (`"infinity"`), which Python's `datetime` cannot hold.
///
///     let t = DateTime(microsecondsSinceEpoch: 1_795_913_358_123_456)
///     t.iso8601        // "2026-11-29T00:22:38.123456Z"  (no fraction when it is zero)
///     DateTime.infinity.iso8601   // "infinity"
public struct DateTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var microsecondsSinceEpoch: Int64

    public init(microsecondsSinceEpoch: Int64) { self.microsecondsSinceEpoch = microsecondsSinceEpoch }

    /// PostgreSQL's `'infinity'::timestamptz`: later than every instant.
    public static let infinity = DateTime(microsecondsSinceEpoch: .max)
    /// PostgreSQL's `'-infinity'::timestamptz`: earlier than every instant.
    public static let negativeInfinity = DateTime(microsecondsSinceEpoch: .min)

    public var isInfinite: Bool { self == .infinity || self == .negativeInfinity }

    /// `infinity` or `-infinity` in any case, spaces around them allowed, as PostgreSQL reads a
    /// timestamp (it refuses `+infinity`); nil for anything else.
    ///
    ///     DateTime(infinityText: " -Infinity ") == .negativeInfinity   // true
    public init?(infinityText text: String) {
        switch text.lowercased().trimmingASCIISpaces {
        case "infinity": self = .infinity
        case "-infinity": self = .negativeInfinity
        default: return nil
        }
    }

    /// The current time.
    public static func now() -> DateTime {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return DateTime(microsecondsSinceEpoch: Int64(ts.tv_sec) * 1_000_000 + Int64(ts.tv_nsec) / 1000)
    }

    public static func < (a: DateTime, b: DateTime) -> Bool { a.microsecondsSinceEpoch < b.microsecondsSinceEpoch }

    /// ISO 8601 in UTC with `Z`; six fraction digits when the fraction is non-zero, none otherwise
    /// (DRF's rendering of an aware datetime in UTC).
    public var iso8601: String {
        let text = String(unsafeUninitializedCapacity: 27) { writeFixed(into: $0) ?? 0 }
        return text.isEmpty ? generalISO8601 : text
    }

    /// Appends `iso8601`'s bytes: a response writes every timestamp of every row this way, with
    /// no String in between.
    func appendISO8601(to out: inout [UInt8]) {
        let appended = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 27) { buffer -> Bool in
            guard let length = writeFixed(into: buffer) else { return false }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[..<length]))
            return true
        }
        if !appended { out.append(contentsOf: generalISO8601.utf8) }
    }

    /// Years outside four digits: a sign, more digits; and the infinities (their years are far
    /// outside, so the four-digit path never tests for them).
    private var generalISO8601: String {
        if self == .infinity { return "infinity" }
        if self == .negativeInfinity { return "-infinity" }
        let (days, micros) = DateTime.daysAndMicroseconds(microsecondsSinceEpoch)
        let (year, month, day) = civilFromDays(days)
        let seconds = micros / 1_000_000, fraction = micros % 1_000_000
        var text =
            (year < 0 ? "-" + pad(-year, 4) : pad(year, 4)) + "-" + pad(month, 2) + "-" + pad(day, 2) + "T"
            + pad(seconds / 3600, 2) + ":" + pad(seconds / 60 % 60, 2) + ":" + pad(seconds % 60, 2)
        if fraction != 0 { text += "." + pad(fraction, 6) }
        return text + "Z"
    }

    /// Writes a four-digit year's text (at most 27 bytes) digit by digit (string concatenation
    /// of padded pieces was dear, and every row has a timestamp); returns its length, or nil (and
    /// writes nothing) for other years.
    private func writeFixed(into buffer: UnsafeMutableBufferPointer<UInt8>) -> Int? {
        let (days, micros) = DateTime.daysAndMicroseconds(microsecondsSinceEpoch)
        let (year, month, day) = civilFromDays(days)
        guard (0...9999).contains(year) else { return nil }
        let seconds = micros / 1_000_000, fraction = micros % 1_000_000
        let length = fraction != 0 ? 27 : 20
        // Two digits at a time, unrolled: a loop over widths cost twice as much per timestamp.
        @inline(__always) func two(_ value: Int64, at offset: Int) {
            buffer[offset] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: value / 10)
            buffer[offset + 1] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: value % 10)
        }
        two(year / 100, at: 0); two(year % 100, at: 2); buffer[4] = UInt8(ascii: "-")
        two(month, at: 5); buffer[7] = UInt8(ascii: "-")
        two(day, at: 8); buffer[10] = UInt8(ascii: "T")
        two(seconds / 3600, at: 11); buffer[13] = UInt8(ascii: ":")
        two(seconds / 60 % 60, at: 14); buffer[16] = UInt8(ascii: ":")
        two(seconds % 60, at: 17)
        if fraction != 0 {
            buffer[19] = UInt8(ascii: ".")
            two(fraction / 10_000, at: 20); two(fraction / 100 % 100, at: 22); two(fraction % 100, at: 24)
        }
        buffer[length - 1] = UInt8(ascii: "Z")
        return length
    }

    public var description: String { iso8601 }

    /// Parses ISO 8601 as DRF's DateTimeField accepts it: `YYYY-MM-DD[T ]HH:MM[:SS[.ffffff]]`
    /// with `Z` or `±HH[:MM]` (naive times are read as UTC, the app's time zone).
    public init?(iso8601 text: String) {
        let s = Array(text.utf8)
        var i = 0
        func number(_ digits: Int) -> Int64? {
            guard i + digits <= s.count else { return nil }
            var value: Int64 = 0
            for k in 0..<digits {
                let c = s[i + k]
                guard c >= 48 && c <= 57 else { return nil }
                value = value * 10 + Int64(c - 48)
            }
            i += digits
            return value
        }
        func expect(_ c: UInt8) -> Bool { if i < s.count && s[i] == c { i += 1; return true }; return false }
        guard let year = number(4), expect(45), let month = number(2), expect(45), let day = number(2),
            (1...12).contains(month), day >= 1, day <= daysInMonth(month, year: year)
        else { return nil }
        guard i < s.count, s[i] == UInt8(ascii: "T") || s[i] == UInt8(ascii: " ") else { return nil }
        i += 1
        guard let hour = number(2), hour < 24, expect(58), let minute = number(2), minute < 60 else { return nil }
        var second: Int64 = 0, micros: Int64 = 0
        if expect(58) {
            guard let sec = number(2), sec < 60 else { return nil }
            second = sec
            if expect(46) {
                var digits = 0
                while i < s.count, s[i] >= 48, s[i] <= 57 {
                    if digits < 6 { micros = micros * 10 + Int64(s[i] - 48) }
                    digits += 1; i += 1
                }
                guard digits > 0 else { return nil }
                for _ in min(digits, 6)..<6 { micros *= 10 }
            }
        }
        var offsetMinutes: Int64 = 0
        if expect(UInt8(ascii: "Z")) || expect(UInt8(ascii: "z")) {
        } else if i < s.count, s[i] == 43 || s[i] == 45 {
            let negative = s[i] == 45
            i += 1
            guard let oh = number(2) else { return nil }
            var om: Int64 = 0
            if expect(58) { guard let m = number(2) else { return nil }; om = m } else if let m = number(2) { om = m }
            offsetMinutes = (oh * 60 + om) * (negative ? -1 : 1)
        }
        guard i == s.count else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        let totalSeconds = days * 86_400 + hour * 3600 + minute * 60 + second - offsetMinutes * 60
        microsecondsSinceEpoch = totalSeconds * 1_000_000 + micros
    }

    /// Whole days since 1970-01-01 and the microseconds into the last one (floored: an instant
    /// before 1970 is a day earlier plus a positive remainder). The calendar itself is
    /// ValueCore's, shared with `CalendarDate` and the PostgreSQL module.
    @inline(__always)
    static func daysAndMicroseconds(_ micros: Int64) -> (Int64, Int64) {
        let q = micros / 86_400_000_000, r = micros % 86_400_000_000
        return r < 0 ? (q - 1, r + 86_400_000_000) : (q, r)
    }
}

extension String {
    /// Without the ASCII spaces, tabs and newlines around it (what PostgreSQL skips around a
    /// special value).
    fileprivate var trimmingASCIISpaces: Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        let start = firstIndex { !isSpace($0) } ?? endIndex
        let end = lastIndex { !isSpace($0) }.map(index(after:)) ?? start
        return self[start..<end]
    }
}
