import ValueCore

/// The text forms of a timestamp: PostgreSQL's (`2026-11-29 00:22:38.123456+00`, with ` BC`
/// for years before 1) and ISO 8601 (`2026-11-29T00:22:38.123456Z`), both read by one parser.
extension PostgresTimestamp {
    /// `2026-11-29T00:22:38.123456Z`; no fraction when it is zero.
    public var iso8601: String {
        if let special = infinityText { return special }
        let parts = civilParts
        var text = parts.year < 0 ? "-" + pad(-parts.year, 4) : pad(parts.year, 4)
        text += "-" + pad(parts.month, 2) + "-" + pad(parts.day, 2)
        text += "T" + pad(parts.hour, 2) + ":" + pad(parts.minute, 2) + ":" + pad(parts.second, 2)
        if parts.microsecond != 0 { text += "." + pad(parts.microsecond, 6) }
        return text + "Z"
    }

    /// Parses PostgreSQL's output format or ISO 8601 (`T` or space, `Z` or a `±hh[:mm[:ss]]`
    /// offset, up to six fraction digits), or `infinity`/`-infinity`. No offset means UTC.
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
        if let special = infinityText { return special }
        let parts = civilParts
        let bc = parts.year <= 0
        var text = pad(bc ? 1 - parts.year : parts.year, 4)
        text += "-" + pad(parts.month, 2) + "-" + pad(parts.day, 2)
        text += " " + pad(parts.hour, 2) + ":" + pad(parts.minute, 2) + ":" + pad(parts.second, 2)
        if parts.microsecond != 0 { text += "." + pad(parts.microsecond, 6) }
        return text + "+00" + (bc ? " BC" : "")
    }

    /// The server's word for an infinity; nil for an instant.
    private var infinityText: String? {
        self == .infinity ? "infinity" : self == .negativeInfinity ? "-infinity" : nil
    }

    /// Calendar fields in UTC; `year` is astronomical (0 is 1 BC).
    var civilParts: (year: Int64, month: Int64, day: Int64, hour: Int64, minute: Int64, second: Int64, microsecond: Int64) {
        let perDay: Int64 = 86_400_000_000
        let days = floorDivide(microsecondsSinceEpoch, perDay)
        // From the remainder, not `days * perDay`, which overflows next to Int64.min.
        let remainder = microsecondsSinceEpoch % perDay
        let inDay = remainder < 0 ? remainder + perDay : remainder
        let date = civilFromDays(days)
        let seconds = inDay / 1_000_000
        return (date.year, date.month, date.day, seconds / 3600, seconds / 60 % 60, seconds % 60, inDay % 1_000_000)
    }
}

/// Parses the forms described at `PostgresTimestamp.init?(_:)`, straight from result bytes, and
/// the server's `infinity` and `-infinity` (tested only once a date fails to parse: every row
/// has a timestamp, few an infinite one).
func parseTimestamp(_ bytes: UnsafeRawBufferPointer) -> PostgresTimestamp? {
    parseInstant(bytes) ?? (matches(bytes, "infinity") ? .infinity : matches(bytes, "-infinity") ? .negativeInfinity : nil)
}

@inline(__always)
private func parseInstant(_ bytes: UnsafeRawBufferPointer) -> PostgresTimestamp? {
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
    // PostgreSQL counts from 2000, this type from 1970: its last 29 years (after 294247-01-10)
    // do not fit, and the two instants that land on the infinities' values are not instants.
    // They fail to decode rather than trap or read as infinity.
    let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000)
    let (micros, carry) = scaled.addingReportingOverflow(microsecond)
    guard !overflow, !carry, micros != .max, micros != .min else { return nil }
    return PostgresTimestamp(microsecondsSinceEpoch: micros)
}
