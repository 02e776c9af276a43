/// Python's text semantics where DRF's answers depend on them: `str.strip()` and `str.isspace()`
/// (fields trim, `int()` skips, `smart_split` splits), `len()` in code points, `str()` of JSON
/// numbers and of column values (cursor positions are `str(value)`), and `int()` of a string.
///
///     PythonText.strip("\u{3000} 12 \n")      // "12"
///     PythonText.str(FieldValue.bool(true))   // "True"
///     PythonText.repr("it's")                 // "\"it's\"" (Django's messages use `%r`)
enum PythonText {
    /// `str.isspace()`: Unicode whitespace as Python defines it (bidi classes WS, B, S and
    /// category Zs). Includes U+001C–U+001F and U+0085; excludes U+200B and U+FEFF.
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            return true
        default:
            return false
        }
    }

    /// `str.strip()`. Works on scalars: a combining mark after a space must not glue the two
    /// into one `Character` that survives trimming.
    static func strip(_ text: some StringProtocol) -> String {
        let string = String(text)
        let scalars = string.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isSpace($0) })!
        // Nothing to trim (the usual input, stripped twice per validated text field): the text
        // itself, not a copy of its scalars.
        if first == scalars.startIndex && scalars.index(after: last) == scalars.endIndex { return string }
        return String(scalars[first...last])
    }

    /// Python's `repr(str)`: single quotes unless the text has a single quote and no double
    /// one; backslash, the quote, `\t`, `\n`, `\r` and unprintable characters escaped.
    static func repr(_ text: String) -> String {
        let quote: Character = text.contains("'") && !text.contains("\"") ? "\"" : "'"
        var out = String(quote)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case _ where Character(scalar) == quote: out += "\\" + String(quote)
            case _ where isPrintable(scalar): out.unicodeScalars.append(scalar)
            default:
                let (prefix, width) = scalar.value < 0x100 ? ("\\x", 2) : scalar.value < 0x10000 ? ("\\u", 4) : ("\\U", 8)
                let hex = String(scalar.value, radix: 16)
                out += prefix + String(repeating: "0", count: width - hex.count) + hex
            }
        }
        out.append(quote)
        return out
    }

    /// `str.isprintable()` per character: not a control, format, surrogate, private-use,
    /// unassigned or separator character (the ASCII space excepted).
    private static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == " " { return true }
        switch scalar.properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator, .spaceSeparator:
            return false
        default:
            return true
        }
    }

    /// `len(str)`: code points.
    static func length(_ text: String) -> Int { text.unicodeScalars.count }

    /// `str(value)` for the JSON values that have a text form DRF accepts (strings and numbers);
    /// nil for booleans, arrays, objects and null.
    static func numberOrStringText(_ value: JSON) -> String? {
        switch value {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .bigInt(let text): return text
        case .double(let d): return JSONWriter.pythonRepr(d)
        default: return nil
        }
    }

    /// `str(value)` for any JSON scalar, the way DRF's messages and integer parsing see it.
    static func str(_ value: JSON) -> String? {
        switch value {
        case .bool(let b): return b ? "True" : "False"
        case .null: return "None"
        default: return numberOrStringText(value)
        }
    }

    /// An integer as Python's `int()` yields it: any size.
    enum Integer: Equatable {
        case int(Int64)
        /// Beyond 64 bits: canonical decimal text (`-` sign, no leading zeros).
        case big(String)
    }

    /// `int(text)`: surrounding whitespace, an optional sign, Unicode decimal digits with single
    /// underscores between them. nil where Python raises `ValueError`.
    static func parseInteger(_ text: String) -> Integer? {
        guard let integer = IntegerText(parsing: text) else { return nil }
        if let value = integer.intValue, let small = Int64(exactly: value) { return .int(small) }
        return .big(integer.description)
    }

    /// DRF's IntegerField removes `\.0*\s*$` before `int()`, so `"1.0"` and `1.0` are integers
    /// but `"1.5"` is not. Only the last `.` can start such a match.
    static func removingZeroFraction(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let dot = scalars.lastIndex(of: ".") else { return text }
        var rest = scalars[scalars.index(after: dot)...]
        while let first = rest.first, first == "0" { rest = rest.dropFirst() }
        guard rest.allSatisfy(isSpace) else { return text }
        return String(scalars[..<dot])
    }

    /// `str.capitalize()`: the first character upper-cased, the rest lower-cased.
    static func capitalize(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.uppercased() + text.dropFirst().lowercased()
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
        case .decimal(let d): return d.description
        case .uuid(let u): return uuidString(u)
        case .date(let d): return d.description
        case .time(let t): return isoformat(t)
        case .duration(let d): return timedeltaString(d)
        case .jsonValue(let value): return JSONWriter.renderString(value)
        case .bytes(let b): return "b'" + PythonBase64.encode(b) + "'"  // not Python's repr; no ordering uses bytes
        case .list(let elements): return "[" + elements.map { str($0) }.joined(separator: ", ") + "]"
        }
    }

    /// `str(aware_datetime)` in UTC: `2026-11-29 00:22:38.123456+00:00`, fraction only when non-zero.
    /// The infinities, which Python's `datetime` cannot hold, are PostgreSQL's words.
    static func pythonDateTime(_ t: DateTime) -> String {
        if t.isInfinite { return t.iso8601 }
        var text = t.iso8601  // 2026-11-29T00:22:38[.ffffff]Z
        text.removeLast()
        if let tee = text.firstIndex(of: "T") { text.replaceSubrange(tee...tee, with: " ") }
        return text + "+00:00"
    }

    /// Python's code-point order (`sorted()` on `str`), which is not Swift's `<` on `String`.
    static func codePointLess(_ a: String, _ b: String) -> Bool {
        // UTF-8 orders byte-wise as its code points do.
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }
}
