/// The text forms of a timestamp: PostgreSQL's (`2026-11-29 00:22:38.123456+00`, with ` BC`
/// for years before 1) and ISO 8601 (`2026-11-29T00:22:38.123456Z`), both read by one parser.
extension PostgresTimestamp {
    /// `2026-11-29T00:22:38.123456Z`; no fraction when it is zero.
    public var iso8601: String {
        let parts = civilParts
        var text = parts.year < 0 ? "-" + pad(-parts.year, 4) : pad(parts.year, 4)
        text += "-" + pad(parts.month, 2) + "-" + pad(parts.day, 2)
        text += "T" + pad(parts.hour, 2) + ":" + pad(parts.minute, 2) + ":" + pad(parts.second, 2)
        if parts.microsecond != 0 { text += "." + pad(parts.microsecond, 6) }
        return text + "Z"
    }

    /// Parses PostgreSQL's output format or ISO 8601 (`T` or space, `Z` or a `±hh[:mm[:ss]]`
    /// offset, up to six fraction digits). No offset means UTC.
    ///
    ///     PostgresTimestamp("2026-11-29T00:22:38.5Z")?.microsecondsSinceEpoch  // 1795911758500000
    public init?(_ text: String) {
        var text = text
        guard let value = text.withUTF8({ parseTimestamp(UnsafeRawBufferPointer($0)) }) else { return nil }
        self = value
    }

    /// The form sent as a parameter: the server's own output format, which it reads back for
    /// every year it supports (ISO 8601 has no spelling for BC).
    var postgresText: String {
        let parts = civilParts
        let bc = parts.year <= 0
        var text = pad(bc ? 1 - parts.year : parts.year, 4)
        text += "-" + pad(parts.month, 2) + "-" + pad(parts.day, 2)
        text += " " + pad(parts.hour, 2) + ":" + pad(parts.minute, 2) + ":" + pad(parts.second, 2)
        if parts.microsecond != 0 { text += "." + pad(parts.microsecond, 6) }
        return text + "+00" + (bc ? " BC" : "")
    }

    /// Calendar fields in UTC; `year` is astronomical (0 is 1 BC).
    var civilParts: (year: Int64, month: Int64, day: Int64, hour: Int64, minute: Int64, second: Int64, microsecond: Int64) {
        let perDay: Int64 = 86_400_000_000
        let days = floorDivide(microsecondsSinceEpoch, perDay)
        let inDay = microsecondsSinceEpoch - days * perDay
        let date = civilFromDays(days)
        let seconds = inDay / 1_000_000
        return (date.year, date.month, date.day, seconds / 3600, seconds / 60 % 60, seconds % 60, inDay % 1_000_000)
    }
}

func pad(_ value: Int64, _ width: Int) -> String {
    let digits = String(value)
    return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
}

private func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
    let quotient = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? quotient - 1 : quotient
}

// Days since 1970-01-01 and proleptic Gregorian dates, after Howard Hinnant's `days_from_civil`
// and `civil_from_days` (exact for every year, no tables, no Foundation calendar).

func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
}

func civilFromDays(_ days: Int64) -> (year: Int64, month: Int64, day: Int64) {
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let mp = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
}

/// Parses the forms described at `PostgresTimestamp.init?(_:)`, straight from result bytes.
func parseTimestamp(_ bytes: UnsafeRawBufferPointer) -> PostgresTimestamp? {
    var scanner = ByteScanner(bytes: bytes)
    guard let year = scanner.number(minDigits: 4, maxDigits: 7), scanner.skip("-"),
        let month = scanner.number(minDigits: 2, maxDigits: 2), scanner.skip("-"),
        let day = scanner.number(minDigits: 2, maxDigits: 2),
        scanner.skip(" ") || scanner.skip("T"),
        let hour = scanner.number(minDigits: 2, maxDigits: 2), scanner.skip(":"),
        let minute = scanner.number(minDigits: 2, maxDigits: 2), scanner.skip(":"),
        let second = scanner.number(minDigits: 2, maxDigits: 2)
    else { return nil }
    guard (1...12).contains(month), (1...31).contains(day), hour <= 24, minute < 60, second < 60 else { return nil }
    guard let microsecond = scanFraction(&scanner) else { return nil }
    var offsetSeconds: Int64 = 0
    if scanner.skip("Z") {
        // UTC
    } else if let sign: Int64 = scanner.skip("+") ? 1 : scanner.skip("-") ? -1 : nil {
        guard let hours = scanner.number(minDigits: 2, maxDigits: 2) else { return nil }
        var total = hours * 3600
        if scanner.skip(":") {
            guard let minutes = scanner.number(minDigits: 2, maxDigits: 2) else { return nil }
            total += minutes * 60
            if scanner.skip(":") {
                guard let seconds = scanner.number(minDigits: 2, maxDigits: 2) else { return nil }
                total += seconds
            }
        }
        offsetSeconds = sign * total
    }
    var astronomicalYear = year
    if scanner.skip(" BC") { astronomicalYear = 1 - year }
    guard scanner.isAtEnd else { return nil }
    let days = daysFromCivil(year: astronomicalYear, month: month, day: day)
    let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
    return PostgresTimestamp(microsecondsSinceEpoch: seconds * 1_000_000 + microsecond)
}

/// A cursor over ASCII bytes for the timestamp, date, time and interval parsers. Inlined: a call per literal skipped was
/// half a timestamp's parse (ten per timestamp, every row has one or two).
struct ByteScanner {
    let bytes: UnsafeRawBufferPointer
    var index = 0

    var isAtEnd: Bool { index == bytes.count }

    @inline(__always)
    mutating func skip(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        for offset in 0..<count where bytes[index + offset] != literal.utf8Start[offset] { return false }
        index += count
        return true
    }

    @inline(__always)
    mutating func digit() -> Int64? {
        guard index < bytes.count else { return nil }
        let value = bytes[index] &- UInt8(ascii: "0")
        guard value < 10 else { return nil }
        index += 1
        return Int64(value)
    }

    @inline(__always)
    mutating func number(minDigits: Int, maxDigits: Int) -> Int64? {
        var value: Int64 = 0
        var count = 0
        while count < maxDigits, let digit = digit() {
            value = value * 10 + digit
            count += 1
        }
        return count >= minDigits ? value : nil
    }
}
