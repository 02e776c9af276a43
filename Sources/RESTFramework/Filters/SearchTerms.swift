/// DRF's `search_smart_split` over Django's `smart_split`: how `?search=` becomes terms.
/// Whitespace and commas separate terms; a phrase in double or single quotes is one term, its
/// quotes stripped (`\"` inside it is a quote).
///
///     SearchTerms.split(#"ada, "grace hopper" 'x,y'"#)    // ["ada", "grace hopper", "x,y"]
enum SearchTerms {
    static func split(_ text: String) -> [String] {
        var terms: [String] = []
        for raw in smartSplit(text) {
            // Commas around a phrase would keep it from being recognised as quoted.
            let term = strip(raw, ",")
            if let first = term.unicodeScalars.first, first == "\"" || first == "'", term.unicodeScalars.last == first {
                terms.append(unescapeStringLiteral(term, quote: first))
            } else {
                for part in term.split(separator: ",", omittingEmptySubsequences: false) where !part.isEmpty {
                    terms.append(PythonText.strip(part))
                }
            }
        }
        return terms
    }

    /// Django's `smart_split`: the matches of
    /// `[^\s'"]*(?:(?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')[^\s'"]*)+|\S+`, scanned left to right.
    static func smartSplit(_ text: String) -> [String] {
        let s = Array(text.unicodeScalars)
        var bits: [String] = []
        var i = 0
        while i < s.count {
            if PythonText.isSpace(s[i]) { i += 1; continue }
            let end = quotedBitEnd(s, from: i) ?? nonSpaceRunEnd(s, from: i)
            var bit = String.UnicodeScalarView()
            bit.append(contentsOf: s[i..<end])
            bits.append(String(bit))
            i = end
        }
        return bits
    }

    /// The first alternative: unquoted text around one or more complete quoted strings. Nil when
    /// no complete quoted string follows the leading run.
    private static func quotedBitEnd(_ s: [Unicode.Scalar], from start: Int) -> Int? {
        func isPlain(_ c: Unicode.Scalar) -> Bool { !PythonText.isSpace(c) && c != "\"" && c != "'" }
        var j = start
        while j < s.count && isPlain(s[j]) { j += 1 }
        var end: Int?
        while j < s.count, s[j] == "\"" || s[j] == "'", let close = closingQuoteEnd(s, from: j) {
            j = close
            while j < s.count && isPlain(s[j]) { j += 1 }
            end = j
        }
        return end
    }

    /// Past the quote that closes the string opened at `open`; a backslash escapes any
    /// character but a newline (`.` in the pattern).
    private static func closingQuoteEnd(_ s: [Unicode.Scalar], from open: Int) -> Int? {
        let quote = s[open]
        var k = open + 1
        while k < s.count {
            if s[k] == quote { return k + 1 }
            if s[k] == "\\" {
                guard k + 1 < s.count, s[k + 1] != "\n" else { return nil }
                k += 2
            } else {
                k += 1
            }
        }
        return nil
    }

    private static func nonSpaceRunEnd(_ s: [Unicode.Scalar], from start: Int) -> Int {
        var j = start
        while j < s.count && !PythonText.isSpace(s[j]) { j += 1 }
        return j
    }

    /// Django's `unescape_string_literal` for a term known to start and end with `quote`.
    private static func unescapeStringLiteral(_ term: String, quote: Unicode.Scalar) -> String {
        var inner = String.UnicodeScalarView(term.unicodeScalars.dropFirst())
        if !inner.isEmpty { inner.removeLast() }  // a lone quote character is an empty phrase
        return String(inner)
            .replacing("\\" + String(quote), with: String(quote))
            .replacing("\\\\", with: "\\")
    }

    /// `str.strip(chars)` for one character.
    private static func strip(_ text: String, _ character: Unicode.Scalar) -> String {
        var scalars = Substring(text).unicodeScalars[...]
        while scalars.first == character { scalars = scalars.dropFirst() }
        while scalars.last == character { scalars = scalars.dropLast() }
        return String(String.UnicodeScalarView(scalars))
    }
}
