/// Writes JSON text exactly as DRF's `JSONRenderer` does (Python's `json.dumps` with
/// `ensure_ascii=False`): `/` unescaped, control characters as `\n`-style or lower-case `\u00xx`,
/// non-ASCII raw except U+2028/U+2029, compact separators, or `indent=N` with `(",", ": ")`.
///
///     JSONWriter.render(["a": 1, "b": "x/y"])            // {"a":1,"b":"x/y"}
///     JSONWriter.render(["a": [1]], indent: 2)           // {\n  "a": [\n    1\n  ]\n}
public enum JSONWriter {
    public static func render(_ value: JSON, indent: Int? = nil) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        write(value, into: &out, indent: indent.flatMap { $0 > 0 ? $0 : nil }, level: 0)
        return out
    }

    public static func renderString(_ value: JSON, indent: Int? = nil) -> String {
        String(decoding: render(value, indent: indent), as: UTF8.self)
    }

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
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                newline(into: &out, indent: indent, level: level + 1)
                write(item, into: &out, indent: indent, level: level + 1)
            }
            newline(into: &out, indent: indent, level: level)
            out.append(UInt8(ascii: "]"))
        case .object(let object):
            if object.isEmpty { out.append(contentsOf: "{}".utf8); return }
            out.append(UInt8(ascii: "{"))
            for (i, pair) in object.pairs.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                newline(into: &out, indent: indent, level: level + 1)
                writeString(pair.key, into: &out)
                out.append(UInt8(ascii: ":"))
                if indent != nil { out.append(UInt8(ascii: " ")) }
                write(pair.value, into: &out, indent: indent, level: level + 1)
            }
            newline(into: &out, indent: indent, level: level)
            out.append(UInt8(ascii: "}"))
        }
    }

    @inline(__always)
    static func newline(into out: inout [UInt8], indent: Int?, level: Int) {
        guard let indent else { return }
        out.append(10)
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * level))
    }

    static func appendInteger(_ value: Int64, into out: inout [UInt8]) {
        if value >= 0 && value < 10 { out.append(UInt8(ascii: "0") + UInt8(value)); return }
        out.append(contentsOf: String(value).utf8)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    public static func writeString(_ string: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
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

    /// Python's `float.__repr__`: the shortest text that reads back the same, with `.0` on whole
    /// numbers and exponents as `1e+16` / `1e-05`. (Non-finite values never reach here: the
    /// parser refuses them.)
    public static func pythonRepr(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        var text = "\(value)"  // Swift: shortest round-trip, "1e+16", "1e-05", "100000.0"
        if let e = text.firstIndex(of: "e") {
            // Swift writes "1e-05" like Python; make sure the exponent has a sign and two digits.
            var mantissa = String(text[..<e])
            if mantissa.hasSuffix(".0") { mantissa.removeLast(2) }
            var exponent = String(text[text.index(after: e)...])
            var sign = "+"
            if exponent.hasPrefix("-") { sign = "-"; exponent.removeFirst() } else if exponent.hasPrefix("+") { exponent.removeFirst() }
            if exponent.count < 2 { exponent = "0" + exponent }
            text = mantissa + "e" + sign + exponent
        }
        return text
    }
}
