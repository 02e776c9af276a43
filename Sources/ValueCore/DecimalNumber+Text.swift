/// numeric's text form: what the server prints (`-12.30`, `NaN`, `Infinity`, `-Infinity`) and
/// reads back, digit for digit.
extension DecimalNumber {
    /// Parses `[+-]digits[.digits]` (at least one digit), `NaN`, `Infinity` or `-Infinity`;
    /// nil for anything else (exponents included: the server never prints them).
    public init?(_ text: String) {
        var text = text
        guard let value = text.withUTF8({ parseNumeric(UnsafeRawBufferPointer($0)) }) else { return nil }
        self = value
    }

    /// The server's own output form: no leading zeros before the point but one, exactly
    /// `scale` digits after it.
    public var description: String {
        switch special {
        case .notANumber: return "NaN"
        case .infinity: return "Infinity"
        case .negativeInfinity: return "-Infinity"
        case nil: break
        }
        let zero = UInt8(ascii: "0")
        let padding = max(0, scale + 1 - digits.count)
        var utf8: [UInt8] = []
        utf8.reserveCapacity(digits.count + padding + 2)
        if isNegative { utf8.append(UInt8(ascii: "-")) }
        let all = repeatElement(UInt8(0), count: padding) + digits
        for (index, digit) in all.enumerated() {
            if index == all.count - scale { utf8.append(UInt8(ascii: ".")) }
            utf8.append(zero + digit)
        }
        return String(decoding: utf8, as: UTF8.self)
    }
}

/// Parses the forms described at `DecimalNumber.init?(_:)`, straight from result bytes.
package func parseNumeric(_ bytes: UnsafeRawBufferPointer) -> DecimalNumber? {
    if matches(bytes, "NaN") { return .notANumber }
    if matches(bytes, "Infinity") { return .infinity }
    if matches(bytes, "-Infinity") { return .negativeInfinity }
    var index = 0
    var negative = false
    if let first = bytes.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
        negative = first == UInt8(ascii: "-")
        index = 1
    }
    var digits: [UInt8] = []
    digits.reserveCapacity(bytes.count)
    var scale = 0
    var seenPoint = false
    var digitCount = 0
    while index < bytes.count {
        let byte = bytes[index]
        index += 1
        if byte == UInt8(ascii: "."), !seenPoint {
            seenPoint = true
            continue
        }
        let digit = byte &- UInt8(ascii: "0")
        guard digit < 10 else { return nil }
        digitCount += 1
        if seenPoint { scale += 1 }
        // Leading zeros are dropped as they come: the array holds the significant digits only.
        if digit != 0 || !digits.isEmpty { digits.append(digit) }
    }
    guard digitCount > 0 else { return nil }
    return DecimalNumber(isNegative: negative, digits: digits, scale: scale)
}

/// True when `bytes` are exactly `literal`.
package func matches(_ bytes: UnsafeRawBufferPointer, _ literal: StaticString) -> Bool {
    let count = literal.utf8CodeUnitCount
    guard bytes.count == count else { return false }
    for offset in 0..<count where bytes[offset] != literal.utf8Start[offset] { return false }
    return true
}
