/// `HH:MM:SS` with `.ffffff` (trailing zeros dropped, as the server prints it) when there is
/// a fraction.
extension TimeOfDay {
    public init?(_ text: String) {
        var text = text
        guard let value = text.withUTF8({ parseTime(UnsafeRawBufferPointer($0)) }) else { return nil }
        self = value
    }

    public var description: String {
        let seconds = microsecondsSinceMidnight / 1_000_000
        return pad(seconds / 3600, 2) + ":" + pad(seconds / 60 % 60, 2) + ":" + pad(seconds % 60, 2)
            + fractionText(microsecondsSinceMidnight % 1_000_000)
    }
}

/// `.5`, `.000001`, or nothing for zero: the server's fraction form.
package func fractionText(_ microseconds: Int64) -> String {
    guard microseconds != 0 else { return "" }
    var digits = pad(microseconds, 6)
    while digits.last == "0" { digits.removeLast() }
    return "." + digits
}

/// Reads `.digits` (1 to 6) as microseconds, or 0 when there is no point.
package func scanFraction(_ scanner: inout ByteScanner) -> Int64? {
    guard scanner.skip(".") else { return 0 }
    var microsecond: Int64 = 0
    var digits = 0
    while let digit = scanner.digit() {
        guard digits < 6 else { return nil }
        microsecond = microsecond * 10 + digit
        digits += 1
    }
    guard digits > 0 else { return nil }
    for _ in digits..<6 { microsecond *= 10 }
    return microsecond
}

package func parseTime(_ bytes: UnsafeRawBufferPointer) -> TimeOfDay? {
    var scanner = ByteScanner(bytes: bytes)
    guard let hour = scanner.number(minDigits: 2, maxDigits: 2), scanner.skip(":"),
        let minute = scanner.number(minDigits: 2, maxDigits: 2), scanner.skip(":"),
        let second = scanner.number(minDigits: 2, maxDigits: 2),
        let microsecond = scanFraction(&scanner), scanner.isAtEnd
    else { return nil }
    return TimeOfDay(hour: hour, minute: minute, second: second, microsecond: microsecond)
}
