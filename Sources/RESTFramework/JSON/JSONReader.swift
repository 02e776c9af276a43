/// The strict JSON parser behind `JSONParser`: Python's `json.loads` as DRF configures it
/// (`parse_constant` refusing `NaN`/`Infinity`), reading UTF-8 bytes directly.
///
///     try JSON.parse(Array(#"{"a": [1, 2.5, "\u00e9"]}"#.utf8))   // ["a": [1, 2.5, "é"]]
///     try JSON.parse("[1,]")    // throws "Expecting value: line 1 column 4 (char 3)"
///
/// Decisions where Python's behaviour cannot or should not be copied:
/// - A lone surrogate escape (`"\ud800"`) becomes U+FFFD: Python keeps it, but a Swift `String`
///   cannot hold one (and DRF could not render or store it either). A valid pair combines.
/// - Nesting deeper than `maxDepth` (512) is an error worded as Python's `RecursionError`; DRF
///   would answer 500 there. The parser is iterative, so no depth can overflow the stack.
/// - Integers beyond 64 bits are `.bigInt(text)`; more than 4300 digits fail with Python's
///   `int` conversion message, as DRF does. `1e400` is `.double(.infinity)`, as `float()` reads it.
/// - Repeated object keys keep the first key's position and the last value (a Python dict).
extension JSON {
    /// How deep arrays and objects may nest.
    public static let maxParseDepth = 512

    /// Parses a UTF-8 body; throws `JSONParseError` with Python's message.
    public static func parse(_ bytes: [UInt8], maxDepth: Int = JSON.maxParseDepth) throws -> JSON {
        try bytes.withUnsafeBufferPointer { buffer in
            let length = try PythonUTF8.decodableLength(buffer)
            var reader = JSONReader(text: UnsafeBufferPointer(rebasing: buffer[..<length]), maxDepth: maxDepth)
            return try reader.document()
        }
    }

    public static func parse(_ text: String, maxDepth: Int = JSON.maxParseDepth) throws -> JSON {
        try parse(Array(text.utf8), maxDepth: maxDepth)
    }
}

/// ASCII bytes the reader dispatches on.
private enum Byte {
    static let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\"), slash = UInt8(ascii: "/")
    static let openBrace = UInt8(ascii: "{"), closeBrace = UInt8(ascii: "}")
    static let openBracket = UInt8(ascii: "["), closeBracket = UInt8(ascii: "]")
    static let comma = UInt8(ascii: ","), colon = UInt8(ascii: ":"), minus = UInt8(ascii: "-"), plus = UInt8(ascii: "+")
    static let dot = UInt8(ascii: "."), zero = UInt8(ascii: "0"), one = UInt8(ascii: "1"), nine = UInt8(ascii: "9")
    static let lowerE = UInt8(ascii: "e"), upperE = UInt8(ascii: "E"), lowerU = UInt8(ascii: "u")
}

/// One pass over already validated UTF-8. Positions are byte offsets; they become Python's
/// code point positions only when an error is reported.
struct JSONReader {
    let text: UnsafeBufferPointer<UInt8>
    let end: Int
    let maxDepth: Int
    var index = 0

    init(text: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
        self.text = text
        self.end = text.count
        self.maxDepth = maxDepth
    }

    /// `json.loads`: BOM check, one value between optional whitespace, nothing after it.
    mutating func document() throws -> JSON {
        if end >= 3 && text[0] == 0xEF && text[1] == 0xBB && text[2] == 0xBF {
            throw failure("Unexpected UTF-8 BOM (decode using utf-8-sig)", at: 0)
        }
        skipWhitespace()
        let result = try value()
        skipWhitespace()
        if index != end { throw failure("Extra data", at: index) }
        return result
    }

    // MARK: Structure

    /// An open array or object: where its members start on the shared stacks.
    private struct Frame {
        let isObject: Bool
        let valuesStart: Int
        let keysStart: Int
    }

    /// Parses one value, containers included, without recursion: open containers live on
    /// `frames`, their finished members on `values`/`keys` until the container closes.
    mutating func value() throws -> JSON {
        var frames: [Frame] = []
        var values: [JSON] = []
        var keys: [String] = []
        while true {
            guard index < end else { throw failure("Expecting value", at: index) }
            var current: JSON
            switch text[index] {
            case Byte.openBrace:
                try checkDepth(frames.count, container: "object")
                index += 1
                skipWhitespace()
                if index < end && text[index] == Byte.closeBrace {
                    index += 1
                    current = .object(JSONObject())
                } else {
                    frames.append(Frame(isObject: true, valuesStart: values.count, keysStart: keys.count))
                    keys.append(try memberKey())
                    continue
                }
            case Byte.openBracket:
                try checkDepth(frames.count, container: "array")
                index += 1
                skipWhitespace()
                if index < end && text[index] == Byte.closeBracket {
                    index += 1
                    current = .array([])
                } else {
                    frames.append(Frame(isObject: false, valuesStart: values.count, keysStart: keys.count))
                    continue
                }
            case Byte.quote:
                current = .string(try string())
            default:
                current = try scalar()
            }

            // A value is complete: add it to the open container, closing as many as end here.
            while let frame = frames.last {
                values.append(current)
                skipWhitespace()
                let closer = frame.isObject ? Byte.closeBrace : Byte.closeBracket
                if index < end && text[index] == closer {
                    index += 1
                    frames.removeLast()
                    if frame.isObject {
                        current = .object(Self.makeObject(keys: keys[frame.keysStart...], values: values[frame.valuesStart...]))
                        keys.removeSubrange(frame.keysStart...)
                    } else {
                        current = .array(Array(values[frame.valuesStart...]))
                    }
                    values.removeSubrange(frame.valuesStart...)
                    continue
                }
                guard index < end && text[index] == Byte.comma else { throw failure("Expecting ',' delimiter", at: index) }
                index += 1
                skipWhitespace()
                if frame.isObject { keys.append(try memberKey()) }
                break
            }
            if frames.isEmpty { return current }
        }
    }

    /// `"key"` and `:` with the whitespace around it; leaves `index` at the member's value.
    private mutating func memberKey() throws -> String {
        guard index < end && text[index] == Byte.quote else {
            throw failure("Expecting property name enclosed in double quotes", at: index)
        }
        let key = try string()
        skipWhitespace()
        guard index < end && text[index] == Byte.colon else { throw failure("Expecting ':' delimiter", at: index) }
        index += 1
        skipWhitespace()
        return key
    }

    private func checkDepth(_ depth: Int, container: String) throws {
        if depth >= maxDepth {
            throw JSONParseError("maximum recursion depth exceeded while decoding a JSON \(container) from a unicode string")
        }
    }

    /// A Python dict from members in order: a repeated key keeps its first place, takes the last value.
    private static func makeObject(keys: ArraySlice<String>, values: ArraySlice<JSON>) -> JSONObject {
        var pairs: [(key: String, value: JSON)] = []
        pairs.reserveCapacity(keys.count)
        if keys.count <= 16 {
            members: for (key, value) in zip(keys, values) {
                for i in pairs.indices where pairs[i].key == key {
                    pairs[i].value = value
                    continue members
                }
                pairs.append((key: key, value: value))
            }
        } else {
            var positions: [String: Int] = [:]
            positions.reserveCapacity(keys.count)
            for (key, value) in zip(keys, values) {
                if let i = positions[key] {
                    pairs[i].value = value
                } else {
                    positions[key] = pairs.count
                    pairs.append((key: key, value: value))
                }
            }
        }
        return JSONObject(uniquePairs: pairs)
    }

    // MARK: Scalars

    /// Literals and numbers, dispatched as CPython's `scan_once` does: the refused constants are
    /// recognised first (DRF's `strict_constant` message), anything else must be a number.
    private mutating func scalar() throws -> JSON {
        switch text[index] {
        case UInt8(ascii: "n") where matches("null"): index += 4; return .null
        case UInt8(ascii: "t") where matches("true"): index += 4; return .bool(true)
        case UInt8(ascii: "f") where matches("false"): index += 5; return .bool(false)
        case UInt8(ascii: "N") where matches("NaN"): throw outOfRange("NaN")
        case UInt8(ascii: "I") where matches("Infinity"): throw outOfRange("Infinity")
        case Byte.minus where matches("-Infinity"): throw outOfRange("-Infinity")
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

    @inline(__always) private func isDigit(_ byte: UInt8) -> Bool { byte &- Byte.zero < 10 }

    /// `-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?`, where a fraction or exponent without digits is
    /// left for the caller (`1.` reads `1`, then "Extra data").
    private mutating func number() throws -> JSON {
        let start = index
        var i = index
        if text[i] == Byte.minus {
            i += 1
            guard i < end else { throw failure("Expecting value", at: start) }
        }
        let digitsStart = i
        if text[i] >= Byte.one && text[i] <= Byte.nine {
            i += 1
            while i < end && isDigit(text[i]) { i += 1 }
        } else if text[i] == Byte.zero {
            i += 1
        } else {
            throw failure("Expecting value", at: start)
        }
        let integerEnd = i
        var isFloat = false
        if i + 1 < end && text[i] == Byte.dot && isDigit(text[i + 1]) {
            isFloat = true
            i += 2
            while i < end && isDigit(text[i]) { i += 1 }
        }
        if i + 1 < end && (text[i] == Byte.lowerE || text[i] == Byte.upperE) {
            var j = i + 1
            if j + 1 < end && (text[j] == Byte.minus || text[j] == Byte.plus) { j += 1 }
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
            for k in digitsStart..<integerEnd { magnitude = magnitude * 10 + Int64(text[k] &- Byte.zero) }
            return .int(start == digitsStart ? magnitude : -magnitude)
        }
        if digitCount > 4300 {
            // CPython's int() guard against quadratic conversion (sys.int_info.default_max_str_digits).
            throw JSONParseError("Exceeds the limit (4300 digits) for integer string conversion: value has \(digitCount) digits; use sys.set_int_max_str_digits() to increase the limit")
        }
        let text = String(decoding: literal, as: UTF8.self)
        if let value = Int64(text) { return .int(value) }
        return .bigInt(text)
    }

    // MARK: Strings

    /// A string starting at the quote under `index`. Runs without escapes are copied in one go.
    private mutating func string() throws -> String {
        let begin = index
        var i = begin + 1
        while i < end {
            let byte = text[i]
            if byte == Byte.quote {
                index = i + 1
                return String(decoding: UnsafeBufferPointer(rebasing: text[(begin + 1)..<i]), as: UTF8.self)
            }
            if byte == Byte.backslash { break }
            if byte < 0x20 { throw failure("Invalid control character at", at: i) }
            i += 1
        }
        guard i < end else { throw failure("Unterminated string starting at", at: begin) }

        var buffer = Array(UnsafeBufferPointer(rebasing: text[(begin + 1)..<i]))
        buffer.reserveCapacity(buffer.count + 32)
        while true {
            while i < end {
                let byte = text[i]
                if byte == Byte.quote {
                    index = i + 1
                    return String(decoding: buffer, as: UTF8.self)
                }
                if byte == Byte.backslash { break }
                if byte < 0x20 { throw failure("Invalid control character at", at: i) }
                buffer.append(byte)
                i += 1
            }
            guard i + 1 < end else { throw failure("Unterminated string starting at", at: begin) }
            let escape = text[i + 1]
            if escape != Byte.lowerU {
                let replacement: UInt8
                switch escape {
                case Byte.quote, Byte.backslash, Byte.slash: replacement = escape
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
                && text[hexEnd] == Byte.backslash && text[hexEnd + 1] == Byte.lowerU {
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

    // MARK: Helpers

    @inline(__always) private mutating func skipWhitespace() {
        while index < end {
            switch text[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    private func failure(_ message: String, at offset: Int) -> JSONParseError {
        JSONParseError(message, location: JSONParseError.location(ofByte: offset, in: text))
    }
}
