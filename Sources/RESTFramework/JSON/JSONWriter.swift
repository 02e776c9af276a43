/// Writes JSON text exactly as DRF's `JSONRenderer` does (Python's `json.dumps` with
/// `ensure_ascii=False`): `/` unescaped, control characters as `\n`-style or lower-case `\u00xx`,
/// non-ASCII raw except U+2028/U+2029, compact separators, or `indent=N` with `(",", ": ")`.
///
///     JSONWriter.render(["a": 1, "b": "x/y"])            // {"a":1,"b":"x/y"}
///     JSONWriter.render(["a": [1]], indent: 2)           // {\n  "a": [\n    1\n  ]\n}
public enum JSONWriter {
    public static func render(_ value: JSON, indent: Int? = nil) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(1024)
        write(value, into: &out, indent: indent.flatMap { $0 > 0 ? $0 : nil }, level: 0)
        return out
    }

    public static func renderString(_ value: JSON, indent: Int? = nil) -> String {
        String(decoding: render(value, indent: indent), as: UTF8.self)
    }

    // Arrays and objects are walked through their buffers: iterating `pairs` by value copied
    // every key and value (a retain and a release each) only to read them.
    static func write(_ value: JSON, into out: inout [UInt8], indent: Int?, level: Int) {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .int(let i): appendInteger(i, into: &out)
        case .bigInt(let text): out.append(contentsOf: text.utf8)
        case .double(let d): out.append(contentsOf: pythonRepr(d).utf8)
        case .string(let s): writeString(s, into: &out)
        case .array(let items):
            if items.isEmpty { out.append(contentsOf: "[]".utf8); return }
            out.append(UInt8(ascii: "["))
            items.withUnsafeBufferPointer { items in
                for i in items.indices {
                    if i > 0 { out.append(UInt8(ascii: ",")) }
                    newline(into: &out, indent: indent, level: level + 1)
                    write(items[i], into: &out, indent: indent, level: level + 1)
                }
            }
            newline(into: &out, indent: indent, level: level)
            out.append(UInt8(ascii: "]"))
        case .object(let object):
            // A serializer's output is already written compactly: copy it. With an indent, it is
            // read back and laid out like any other object.
            if indent == nil, let bytes = object.renderedBytes { out.append(contentsOf: bytes); return }
            let pairs = object.pairs
            if pairs.isEmpty { out.append(contentsOf: "{}".utf8); return }
            out.append(UInt8(ascii: "{"))
            pairs.withUnsafeBufferPointer { pairs in
                for i in pairs.indices {
                    if i > 0 { out.append(UInt8(ascii: ",")) }
                    newline(into: &out, indent: indent, level: level + 1)
                    writeString(pairs[i].key, into: &out)
                    out.append(UInt8(ascii: ":"))
                    if indent != nil { out.append(UInt8(ascii: " ")) }
                    write(pairs[i].value, into: &out, indent: indent, level: level + 1)
                }
            }
            newline(into: &out, indent: indent, level: level)
            out.append(UInt8(ascii: "}"))
        }
    }

    /// A field's value as `FieldValue.json` would write it, without making the `JSON`.
    static func write(_ value: FieldValue, into out: inout [UInt8]) {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .int(let i): appendInteger(i, into: &out)
        case .double(let d): out.append(contentsOf: pythonRepr(d).utf8)
        case .string(let s): writeString(s, into: &out)
        case .dateTime(let t): writeDateTime(t, into: &out)
        case .decimal, .uuid, .date, .time, .duration, .jsonValue, .bytes, .list: write(value.json, into: &out, indent: nil, level: 0)
        }
    }

    /// A datetime as the string DRF writes (`DateTime.iso8601`: ASCII that needs no escape).
    static func writeDateTime(_ value: DateTime, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        value.appendISO8601(to: &out)
        out.append(UInt8(ascii: "\""))
    }

    @inline(__always)
    static func newline(into out: inout [UInt8], indent: Int?, level: Int) {
        guard let indent else { return }
        out.append(10)
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * level))
    }

    static func appendInteger(_ value: Int64, into out: inout [UInt8]) {
        if value >= 0 && value < 10 { out.append(UInt8(ascii: "0") + UInt8(value)); return }
        // The digits written from the end of a stack buffer: no intermediate String.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { buffer in
            var magnitude = value.magnitude, start = 20
            repeat {
                start -= 1
                buffer[start] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude != 0
            if value < 0 { out.append(UInt8(ascii: "-")) }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[start..<20]))
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Whether any byte needs more than a copy: a control character, `"`, `\\`, or 0xE2 (which
    /// may start U+2028/U+2029). Eight bytes at a time: a word with none of them, and no byte of
    /// 0x80 or above, is copied as it is; any other word is checked byte by byte.
    static func needsEscaping(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        let raw = UnsafeRawPointer(base), count = bytes.count
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        var i = 0
        while i + 8 <= count {
            let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            let quote = word ^ (0x22 &* ones), backslash = word ^ (0x5C &* ones)
            let below = (word &- 0x20 &* ones) & ~word  // a byte below 0x20
            let quotes = (quote &- ones) & ~quote  // a `"`
            let backslashes = (backslash &- ones) & ~backslash  // a `\\`
            if (below | quotes | backslashes | word) & highs != 0 {
                for j in i..<(i + 8) where isSpecial(bytes[j]) { return true }
            }
            i += 8
        }
        while i < count {
            if isSpecial(bytes[i]) { return true }
            i += 1
        }
        return false
    }

    @inline(__always)
    static func isSpecial(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == 0xE2
    }

    public static func writeString(_ string: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // Most strings need no escape at all: copy them whole rather than byte by byte.
        var string = string
        let plain = string.withUTF8 { bytes in
            if needsEscaping(bytes) { return false }
            out.append(contentsOf: bytes)
            return true
        }
        if plain {
            out.append(UInt8(ascii: "\""))
            return
        }
        var utf8 = string.utf8.makeIterator()
        while let byte = utf8.next() {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [92, 34])
            case UInt8(ascii: "\\"): out.append(contentsOf: [92, 92])
            case 10: out.append(contentsOf: [92, UInt8(ascii: "n")])
            case 13: out.append(contentsOf: [92, UInt8(ascii: "r")])
            case 9: out.append(contentsOf: [92, UInt8(ascii: "t")])
            case 8: out.append(contentsOf: [92, UInt8(ascii: "b")])
            case 12: out.append(contentsOf: [92, UInt8(ascii: "f")])
            case 0..<0x20:
                out.append(contentsOf: [92, UInt8(ascii: "u"), 48, 48, hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 15)]])
            case 0xE2:
                // U+2028 / U+2029 are E2 80 A8 / E2 80 A9: DRF escapes them for JavaScript's sake.
                let b1 = utf8.next(), b2 = utf8.next()
                if b1 == 0x80, let b2, b2 == 0xA8 || b2 == 0xA9 {
                    out.append(contentsOf: Array((b2 == 0xA8 ? "\\u2028" : "\\u2029").utf8))
                } else {
                    out.append(byte)
                    if let b1 { out.append(b1) }
                    if let b2 { out.append(b2) }
                }
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// Python's `float.__repr__`: the shortest digits that read back the same value, laid out as
    /// Python lays them out: positional for decimal exponents -4 ..< 16 (`0.0001`,
    /// `1000000000000000.0`, always with a fraction), else `1e+16` / `1.5e-07` (a sign and at
    /// least two exponent digits). (Non-finite values never come from the parser; they are written
    /// as Python's `allow_nan` would.)
    public static func pythonRepr(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        let sign = value.sign == .minus ? "-" : ""
        if value == 0 { return sign + "0.0" }
        let (digits, point) = shortestDigits(value.magnitude)
        if point <= -4 || point > 16 {
            var text = sign + String(digits.first!)
            if digits.count > 1 { text += "." + digits.dropFirst() }
            let exponent = point - 1
            let magnitude = String(abs(exponent))
            return text + (exponent < 0 ? "e-" : "e+") + (magnitude.count < 2 ? "0" : "") + magnitude
        }
        if point <= 0 { return sign + "0." + String(repeating: "0", count: -point) + digits }
        if point >= digits.count { return sign + digits + String(repeating: "0", count: point - digits.count) + ".0" }
        let split = digits.index(digits.startIndex, offsetBy: point)
        return sign + digits[..<split] + "." + digits[split...]
    }

    /// The shortest round-trip digits of a positive finite value (Swift's `description` computes
    /// the same digits as Python's repr; only its layout differs) and the decimal point position:
    /// value = 0.<digits> × 10^point.
    static func shortestDigits(_ value: Double) -> (digits: String, point: Int) {
        let text = value.description
        var mantissa = Substring(text), exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exponent = Int(text[text.index(after: e)...]) ?? 0
        }
        let integerLength = mantissa.firstIndex(of: ".").map { mantissa.distance(from: mantissa.startIndex, to: $0) } ?? mantissa.count
        var digits = Substring(mantissa.filter { $0 != "." })
        var point = integerLength + exponent
        while digits.first == "0" { digits.removeFirst(); point -= 1 }
        while digits.last == "0" { digits.removeLast() }
        return (String(digits), point)
    }
}
