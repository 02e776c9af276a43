/// Python's idea of whitespace and of `str()`, where DRF's answers depend on it: `int()` and
/// `str.strip()` skip it, Django's `smart_split` splits on it, cursor positions are `str(value)`.
///
///     PythonText.strip("\u{3000} 12 \n")      // "12"
///     PythonText.str(.bool(true))            // "True"
enum PythonText {
    /// `str.isspace()` (and `\s` in a `re` pattern): Unicode whitespace plus the information
    /// separators U+001C–U+001F, which Swift's `isWhitespace` leaves out.
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            return true
        default:
            return false
        }
    }

    /// `str.strip()` without arguments.
    static func strip(_ text: some StringProtocol) -> String {
        let scalars = Array(text.unicodeScalars)
        guard let first = scalars.firstIndex(where: { !isSpace($0) }),
              let last = scalars.lastIndex(where: { !isSpace($0) }) else { return "" }
        var result = String.UnicodeScalarView()
        result.append(contentsOf: scalars[first...last])
        return String(result)
    }

    /// Python's `str(value)` for what a model attribute holds: cursor positions are built this
    /// way, so a cursor minted by DRF and one minted here carry the same text.
    static func str(_ value: FieldValue) -> String {
        switch value {
        case .null: return "None"
        case .bool(let b): return b ? "True" : "False"
        case .int(let i): return String(i)
        case .double(let d): return String(d)  // Python's repr differs for some exponents; rare in orderings.
        case .string(let s): return s
        case .dateTime(let t): return pythonDateTime(t)
        }
    }

    /// `str(aware_datetime)` in UTC: `2026-11-29 00:22:38.123456+00:00`, fraction only when non-zero.
    static func pythonDateTime(_ t: DateTime) -> String {
        var text = t.iso8601            // 2026-11-29T00:22:38[.ffffff]Z
        text.removeLast()
        if let tee = text.firstIndex(of: "T") { text.replaceSubrange(tee...tee, with: " ") }
        return text + "+00:00"
    }

    /// Python's code-point order (`sorted()` on `str`), which is not Swift's `<` on `String`.
    static func codePointLess(_ a: String, _ b: String) -> Bool {
        a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars) { $0.value < $1.value }
    }
}
