/// Literals, numbers and strings for `JSONReader`, scanned as CPython's C scanner scans them
/// (`_match_number_unicode`, `scanstring_unicode`), so errors point where Python's do.
///
///     var reader = JSONReader(text: buffer, maxDepth: 512)   // at `"a\u00e9"`
///     try reader.string()                                     // "aé"
extension JSONReader {
    // MARK: Scalars

    /// Literals and numbers, dispatched as CPython's `scan_once` does: the refused constants are
    /// recognised first (DRF's `strict_constant` message), anything else must be a number.
    mutating func scalar() throws -> JSON {
        switch text[index] {
        case UInt8(ascii: "n") where matches("null"): index += 4; return .null
        case UInt8(ascii: "t") where matches("true"): index += 4; return .bool(true)
        case UInt8(ascii: "f") where matches("false"): index += 5; return .bool(false)
        case UInt8(ascii: "N") where matches("NaN"):
            guard readsWriterOutput else { throw outOfRange("NaN") }
            index += 3; return .double(.nan)
        case UInt8(ascii: "I") where matches("Infinity"):
            guard readsWriterOutput else { throw outOfRange("Infinity") }
            index += 8; return .double(.infinity)
        case JSONByte.minus where matches("-Infinity"):
            guard readsWriterOutput else { throw outOfRange("-Infinity") }
            index += 9; return .double(-.infinity)
        default: return try number()
        }
    }

    private func matches(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard end - index >= count else { return false }
        let bytes = literal.utf8Start
        for offset in 0..<count where text[index + offset] != bytes[offset] { return false }
        return true
    }

    private func outOfRange(_ constant: String) -> JSONParseError {
        JSONParseError("Out of range float values are not JSON compliant: '\(constant)'")
    }

    @inline(__always) private func isDigit(_ byte: UInt8) -> Bool { byte &- JSONByte.zero < 10 }

    /// `-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?`, where a fraction or exponent without digits is
    /// left for the caller (`1.` reads `1`, then "Extra data").
    private mutating func number() throws -> JSON {
        let start = index
        var i = index
        if text[i] == JSONByte.minus {
            i += 1
            guard i < end else { throw failure("Expecting value", at: start) }
        }
        let digitsStart = i
        if text[i] >= JSONByte.one && text[i] <= JSONByte.nine {
            i += 1
            while i < end && isDigit(text[i]) { i += 1 }
        } else if text[i] == JSONByte.zero {
            i += 1
        } else {
            throw failure("Expecting value", at: start)
        }
        let integerEnd = i
        var isFloat = false
        if i + 1 < end && text[i] == JSONByte.dot && isDigit(text[i + 1]) {
            isFloat = true
            i += 2
            while i < end && isDigit(text[i]) { i += 1 }
        }
        if i + 1 < end && (text[i] == JSONByte.lowerE || text[i] == JSONByte.upperE) {
            var j = i + 1
            if j + 1 < end && (text[j] == JSONByte.minus || text[j] == JSONByte.plus) { j += 1 }
            let exponentDigits = j
            while j < end && isDigit(text[j]) { j += 1 }
            if j > exponentDigits { isFloat = true; i = j }
        }
        index = i
        let literal = UnsafeBufferPointer(rebasing: text[start..<i])
        if isFloat {
            // Swift's parser is correctly rounded like Python's float(); overflow reads as ±inf.
            return .double(Double(String(decoding: literal, as: UTF8.self)) ?? .nan)
        }
        let digitCount = integerEnd - digitsStart
        if digitCount <= 18 {
            var magnitude: Int64 = 0
            for k in digitsStart..<integerEnd { magnitude = magnitude * 10 + Int64(text[k] &- JSONByte.zero) }
            return .int(start == digitsStart ? magnitude : -magnitude)
        }
        if digitCount > 4300 && !readsWriterOutput {
            // CPython's int() guard against quadratic conversion (sys.int_info.default_max_str_digits).
            throw JSONParseError(
                "Exceeds the limit (4300 digits) for integer string conversion: value has \(digitCount) digits; use sys.set_int_max_str_digits() to increase the limit"
            )
        }
        let text = String(decoding: literal, as: UTF8.self)
        if let value = Int64(text) { return .int(value) }
        return .bigInt(text)
    }

    // MARK: Strings

    /// A string starting at the quote under `index`. Runs without escapes are copied in one go.
    mutating func string() throws -> String {
        let begin = index
        var i = begin + 1
        while i < end {
            let byte = text[i]
            if byte == JSONByte.quote {
                index = i + 1
                return String(decoding: UnsafeBufferPointer(rebasing: text[(begin + 1)..<i]), as: UTF8.self)
            }
            if byte == JSONByte.backslash { break }
            if byte < 0x20 { throw failure("Invalid control character at", at: i) }
            i += 1
        }
        guard i < end else { throw failure("Unterminated string starting at", at: begin) }

        var buffer = Array(UnsafeBufferPointer(rebasing: text[(begin + 1)..<i]))
        buffer.reserveCapacity(buffer.count + 32)
        while true {
            while i < end {
                let byte = text[i]
                if byte == JSONByte.quote {
                    index = i + 1
                    return String(decoding: buffer, as: UTF8.self)
                }
                if byte == JSONByte.backslash { break }
                if byte < 0x20 { throw failure("Invalid control character at", at: i) }
                buffer.append(byte)
                i += 1
            }
            guard i + 1 < end else { throw failure("Unterminated string starting at", at: begin) }
            let escape = text[i + 1]
            if escape != JSONByte.lowerU {
                let replacement: UInt8
                switch escape {
                case JSONByte.quote, JSONByte.backslash, JSONByte.slash: replacement = escape
                case UInt8(ascii: "b"): replacement = 8
                case UInt8(ascii: "f"): replacement = 12
                case UInt8(ascii: "n"): replacement = 10
                case UInt8(ascii: "r"): replacement = 13
                case UInt8(ascii: "t"): replacement = 9
                default: throw failure("Invalid \\escape", at: i)
                }
                buffer.append(replacement)
                i += 2
                continue
            }
            // \uXXXX. Python wants the four digits *and* one more character before the end, and
            // blames the `u`; a high surrogate takes a following \uXXXX low surrogate with it.
            let u = i + 1
            let hexEnd = u + 5
            guard hexEnd < end, let code = hex4(at: u + 1) else { throw failure("Invalid \\uXXXX escape", at: u) }
            var scalar = code
            i = hexEnd
            if code >= 0xD800 && code <= 0xDBFF && hexEnd + 6 < end
                && text[hexEnd] == JSONByte.backslash && text[hexEnd + 1] == JSONByte.lowerU
            {
                guard let low = hex4(at: hexEnd + 2) else { throw failure("Invalid \\uXXXX escape", at: hexEnd + 1) }
                if low >= 0xDC00 && low <= 0xDFFF {
                    scalar = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    i = hexEnd + 6
                }
            }
            Self.appendUTF8(Unicode.Scalar(scalar) ?? "\u{FFFD}", to: &buffer)
        }
    }

    private func hex4(at position: Int) -> UInt32? {
        var value: UInt32 = 0
        for offset in 0..<4 {
            let byte = text[position + offset]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    private static func appendUTF8(_ scalar: Unicode.Scalar, to buffer: inout [UInt8]) {
        UTF8.encode(scalar) { buffer.append($0) }
    }
}
