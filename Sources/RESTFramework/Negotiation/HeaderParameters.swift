/// Django's `parse_header_parameters`: `text/html; charset="utf-8"; q=0.5` into the lower-cased
/// main value and its parameters, in order. Semicolons inside quoted values do not split;
/// parameter names are lower-cased, values unquoted (`\"` and `\\` unescaped); `name*=UTF-8''%E2%82%AC`
/// (RFC 2231) is percent-decoded; parts without `=` are dropped; a repeated name keeps its first
/// place and takes the last value (a Python dict).
///
///     let (value, params) = HeaderParameters.parse("Application/JSON; Indent=4")
///     // value == "application/json", params == [("indent", "4")]
public enum HeaderParameters {
    public static func parse(_ line: String) -> (value: String, parameters: [(name: String, value: String)]) {
        let parts = split(line)
        let value = parts.first.map { $0.lowercased() } ?? ""
        // A multipart part's header is body text: any number of parameters, each set in linear time.
        var parameters = PythonDict<String, String>()
        for part in parts.dropFirst() {
            guard let eq = part.firstIndex(of: "=") else { continue }
            var name = trim(part[..<eq]).lowercased()
            var encoded = false
            if name.hasSuffix("*") {
                name.removeLast()
                encoded = part.filter { $0 == "'" }.count == 2
            }
            var text = trim(part[part.index(after: eq)...])
            if text.count >= 2 && text.first == "\"" && text.last == "\"" {
                text = String(text.dropFirst().dropLast())
                // `replacing` is dear even when there is nothing to replace.
                if text.utf8.contains(UInt8(ascii: "\\")) {
                    text = text.replacing("\\\\", with: "\\").replacing("\\\"", with: "\"")
                }
            }
            if encoded {
                // charset'language'percent-encoded; only UTF-8 (and its ASCII subset) is decoded.
                let pieces = text.split(separator: "'", omittingEmptySubsequences: false)
                if pieces.count == 3 { text = PercentEncoding.unquote(pieces[2], plus: false) }
            }
            parameters.set(name, text)
        }
        return (value, parameters.pairs.map { (name: $0.key, value: $0.value) })
    }

    /// Django's `_parseparam`: split on `;` outside double quotes, strip each part.
    static func split(_ line: String) -> [String] {
        if line.utf8.allSatisfy({ $0 < 0x80 }) { return splitASCII(line) }
        var parts: [String] = []
        var current = "", inQuotes = false, escaped = false
        for character in line {
            if escaped { escaped = false; current.append(character); continue }
            switch character {
            case "\\" where inQuotes: escaped = true; current.append(character)
            case "\"": inQuotes.toggle(); current.append(character)
            case ";" where !inQuotes: parts.append(trim(current[...])); current = ""
            default: current.append(character)
            }
        }
        parts.append(trim(current[...]))
        return parts
    }

    /// Python's `str.strip()` (whitespace at both ends).
    /// `split` for ASCII text, by bytes: the same parts (in ASCII every character is one byte,
    /// but for CR LF, which is no separator, quote or backslash either), without the cost of
    /// iterating characters. Accept and Content-Type headers are ASCII in practice, and this runs
    /// for each of them on every request.
    static func splitASCII(_ line: String) -> [String] {
        var parts: [String] = []
        let utf8 = line.utf8
        var start = utf8.startIndex, index = utf8.startIndex
        var inQuotes = false, escaped = false
        while index != utf8.endIndex {
            let byte = utf8[index]
            if escaped {
                escaped = false
            } else if byte == UInt8(ascii: "\\") && inQuotes {
                escaped = true
            } else if byte == UInt8(ascii: "\"") {
                inQuotes.toggle()
            } else if byte == UInt8(ascii: ";") && !inQuotes {
                parts.append(trim(line[start..<index]))
                start = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        parts.append(trim(line[start..<utf8.endIndex]))
        return parts
    }

    static func trim(_ text: Substring) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            // ASCII: whitespace is HT, LF, VT, FF, CR and space (what `Character.isWhitespace` says).
            func isSpace(_ byte: UInt8) -> Bool { byte == 32 || (9...13).contains(byte) }
            let utf8 = text.utf8
            guard let first = utf8.firstIndex(where: { !isSpace($0) }) else { return "" }
            let last = utf8.lastIndex(where: { !isSpace($0) })!
            return String(text[first...last])
        }
        var text = text
        while let first = text.first, first.isWhitespace { text.removeFirst() }
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return String(text)
    }

}
