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
        var parameters: [(name: String, value: String)] = []
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
                text = text.replacing("\\\\", with: "\\").replacing("\\\"", with: "\"")
            }
            if encoded {
                // charset'language'percent-encoded; only UTF-8 (and its ASCII subset) is decoded.
                let pieces = text.split(separator: "'", omittingEmptySubsequences: false)
                if pieces.count == 3 { text = percentDecode(pieces[2]) }
            }
            if let index = parameters.firstIndex(where: { $0.name == name }) {
                parameters[index].value = text
            } else {
                parameters.append((name: name, value: text))
            }
        }
        return (value, parameters)
    }

    /// Django's `_parseparam`: split on `;` outside double quotes, strip each part.
    static func split(_ line: String) -> [String] {
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
    static func trim(_ text: Substring) -> String {
        var text = text
        while let first = text.first, first.isWhitespace { text.removeFirst() }
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return String(text)
    }

    /// `urllib.parse.unquote` (no `+` to space), reading the bytes as UTF-8.
    static func percentDecode(_ text: Substring) -> String {
        var bytes: [UInt8] = []
        let utf8 = Array(text.utf8)
        var i = 0
        while i < utf8.count {
            if utf8[i] == UInt8(ascii: "%"), i + 2 < utf8.count,
               let high = PercentEncoding.hexValue(utf8[i + 1]), let low = PercentEncoding.hexValue(utf8[i + 2]) {
                bytes.append(high << 4 | low)
                i += 3
            } else {
                bytes.append(utf8[i])
                i += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

}
