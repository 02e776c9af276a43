/// The server's date form with DateStyle ISO: `2024-02-29`, `0044-03-15 BC`, `infinity`,
/// `-infinity`.
extension CalendarDate {
    public init?(_ text: String) {
        var text = text
        guard let value = text.withUTF8({ parseDate(UnsafeRawBufferPointer($0)) }) else { return nil }
        self = value
    }

    public var description: String {
        if self == .infinity { return "infinity" }
        if self == .negativeInfinity { return "-infinity" }
        // A day count no calendar reaches: text the server refuses with a clear error.
        guard let (year, month, day) = parts else { return "\(daysSinceEpoch) days since 1970-01-01" }
        let bc = year <= 0
        return pad(bc ? 1 - year : year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) + (bc ? " BC" : "")
    }
}

/// Parses the forms described at `CalendarDate`'s text extension; nil for a day that does not
/// exist.
package func parseDate(_ bytes: UnsafeRawBufferPointer) -> CalendarDate? {
    if matches(bytes, "infinity") { return .infinity }
    if matches(bytes, "-infinity") { return .negativeInfinity }
    var scanner = ByteScanner(bytes: bytes)
    guard let year = scanner.number(minDigits: 4, maxDigits: 7), scanner.skip("-"),
        let month = scanner.number(minDigits: 2, maxDigits: 2), scanner.skip("-"),
        let day = scanner.number(minDigits: 2, maxDigits: 2)
    else { return nil }
    var astronomicalYear = year
    if scanner.skip(" BC") {
        guard year > 0 else { return nil }
        astronomicalYear = 1 - year
    }
    guard scanner.isAtEnd else { return nil }
    return CalendarDate(year: astronomicalYear, month: month, day: day)
}
