/// Django's `URLValidator` (5.2), step for step, its pattern written as a scanner:
///
/// - a string of at most 2048 characters with no tab, CR or LF;
/// - the text before the first `://`, lower-cased, one of `schemes` (http, https, ftp, ftps);
/// - what `urlsplit` refuses: a `[` without `]` (or the reverse) in the network location, or a
///   bracketed host that is not an IPv6 address;
/// - the pattern: `scheme://`, optional `user[:password]@`, then an IPv4 address (octets
///   0–255 without leading zeros), a bracketed `[hex:.]` address, `localhost`, or a host name
///   (labels of letters, digits, `-` and any code point U+00A1–U+FFFF, which is how Django
///   admits IDNs, up to 63 each, not starting or ending with `-`) ending in a top-level domain
///   of letters (or a punycode `xn--` label) and an optional dot; an optional port of 1–5
///   digits; then a path, query or fragment without whitespace;
/// - a bracketed host must be a valid IPv6 address; the host name at most 253 characters.
///
/// Case-insensitive as Django's (`re.IGNORECASE`, so the code points Python folds onto ASCII
/// letters count as letters). Python's NFKC check of non-ASCII network locations has no
/// counterpart.
///
///     URLValidator().isValid("https://example.com/path?q=1")   // true
///     URLValidator().isValid("http://[::1]:8000/")              // true
///     URLValidator().isValid("example.com")                     // false
public struct URLValidator: Validator {
    public let message: String
    public let schemes: [String]

    public init(message: String = "Enter a valid URL.", schemes: [String] = ["http", "https", "ftp", "ftps"]) {
        self.message = message
        self.schemes = schemes
    }

    /// Django's `MAX_URL_LENGTH`.
    static let maxLength = 2048

    public func validate(_ value: FieldValue, context: FieldValidationContext) throws {
        guard let text = value.stringValue, isValid(text) else { throw ValidationError(message, code: "invalid") }
    }

    public func isValid(_ value: String) -> Bool {
        let s = Array(value.unicodeScalars)
        guard s.count <= Self.maxLength, !s.contains(where: { $0 == "\t" || $0 == "\r" || $0 == "\n" }) else { return false }
        guard let separator = Self.find(Array("://".unicodeScalars), in: s),
            schemes.contains(String(String.UnicodeScalarView(s[..<separator])).lowercased())
        else {
            return false
        }
        let rest = separator + 3
        // urlsplit's network location: up to the first `/`, `?` or `#`.
        let netlocEnd = s[rest...].firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? s.count
        let netloc = Array(s[rest..<netlocEnd])
        let opens = netloc.contains("["), closes = netloc.contains("]")
        guard opens == closes else { return false }
        if opens, let open = netloc.firstIndex(of: "[") {
            let inside = netloc[(open + 1)...].prefix { $0 != "]" }
            guard IPAddressSyntax.isValidIPv6(String(String.UnicodeScalarView(inside))) else { return false }
        }
        guard Self.matchesPattern(s, from: rest) else { return false }
        // `hostname`: after the last `@`, the bracketed part or up to `:`; present and short.
        let hostInfo = netloc.lastIndex(of: "@").map { Array(netloc[($0 + 1)...]) } ?? netloc
        let hostname: ArraySlice<Unicode.Scalar>
        if let open = hostInfo.firstIndex(of: "[") {
            hostname = hostInfo[(open + 1)...].prefix { $0 != "]" }
        } else {
            hostname = hostInfo.prefix { $0 != ":" }
        }
        return !hostname.isEmpty && hostname.count <= 253
    }

    /// The first index of `needle` in `s`.
    static func find(_ needle: [Unicode.Scalar], in s: [Unicode.Scalar]) -> Int? {
        guard s.count >= needle.count else { return nil }
        for i in 0...(s.count - needle.count) where s[i..<i + needle.count].elementsEqual(needle) { return i }
        return nil
    }

    // MARK: The pattern, after `scheme://`

    static func matchesPattern(_ s: [Unicode.Scalar], from start: Int) -> Bool {
        // `(?:[^\s:@/]+(?::[^\s:@/]*)?@)?`: the user part, if any, ends at the first `@`;
        // the pattern tries it, then (backtracking) no user part.
        var starts = [start]
        if let at = s[start...].firstIndex(of: "@"), isUserInfo(s[start..<at]) { starts.insert(at + 1, at: 0) }
        for hostStart in starts {
            for end in hostEnds(s, hostStart) where matchesTail(s, end) { return true }
        }
        return false
    }

    static func isUserInfo(_ part: ArraySlice<Unicode.Scalar>) -> Bool {
        func allowed(_ c: Unicode.Scalar) -> Bool { !PythonText.isSpace(c) && c != ":" && c != "@" && c != "/" }
        let colon = part.firstIndex(of: ":")
        let user = part[..<(colon ?? part.endIndex)]
        guard !user.isEmpty, user.allSatisfy(allowed) else { return false }
        guard let colon else { return true }
        return part[(colon + 1)...].allSatisfy(allowed)
    }

    /// `(?::[0-9]{1,5})?(?:[/?#][^\s]*)?\Z` from `i`.
    static func matchesTail(_ s: [Unicode.Scalar], _ start: Int) -> Bool {
        var i = start
        if i < s.count, s[i] == ":" {
            var digits = 0
            while i + 1 + digits < s.count, digits < 5, ("0"..."9").contains(s[i + 1 + digits]) { digits += 1 }
            guard digits > 0 else { return false }
            i += 1 + digits
        }
        if i == s.count { return true }
        guard s[i] == "/" || s[i] == "?" || s[i] == "#" else { return false }
        return !s[(i + 1)...].contains(where: PythonText.isSpace)
    }

    /// Every position where `ipv4 | ipv6 | hostname domain tld | localhost` can end, starting at `i`.
    static func hostEnds(_ s: [Unicode.Scalar], _ i: Int) -> Set<Int> {
        var ends = ipv4Ends(s, i)
        if i < s.count, s[i] == "[" {
            var j = i + 1
            while j < s.count, s[j].properties.isASCIIHexDigit || s[j] == ":" || s[j] == "." { j += 1 }
            if j > i + 1, j < s.count, s[j] == "]" { ends.insert(j + 1) }
        }
        if i + 9 <= s.count, String(String.UnicodeScalarView(s[i..<i + 9])).lowercased() == "localhost" {
            ends.insert(i + 9)
        }
        ends.formUnion(domainEnds(s, i))
        return ends
    }

    /// `(?:0|25[0-5]|2[0-4][0-9]|1[0-9]?[0-9]?|[1-9][0-9]?)` four times, dot-separated.
    static func ipv4Ends(_ s: [Unicode.Scalar], _ start: Int) -> Set<Int> {
        func digit(_ i: Int) -> Int? { i < s.count && ("0"..."9").contains(s[i]) ? Int(s[i].value - 48) : nil }
        func octetEnds(_ i: Int) -> [Int] {
            guard let a = digit(i) else { return [] }
            if a == 0 { return [i + 1] }
            var ends = [i + 1]
            if let b = digit(i + 1) {
                ends.append(i + 2)
                if let c = digit(i + 2), a * 100 + b * 10 + c <= 255 { ends.append(i + 3) }
            }
            return ends
        }
        var positions = Set(octetEnds(start))
        for _ in 0..<3 {
            positions = Set(positions.flatMap { p in p < s.count && s[p] == "." ? octetEnds(p + 1) : [] })
        }
        return positions
    }

    /// `[a-z\u00a1-\uffff0-9]` under IGNORECASE.
    static func isLabelCharacter(_ c: Unicode.Scalar) -> Bool {
        EmailValidator.isLetter(c) || ("0"..."9").contains(c) || (0xA1...0xFFFF).contains(c.value)
    }

    /// Ends of a label of 1...63 characters from `i` that neither starts nor ends with `-`.
    static func labelEnds(_ s: [Unicode.Scalar], _ i: Int, allowed: (Unicode.Scalar) -> Bool, lengths: ClosedRange<Int>)
        -> [Int]
    {
        guard i < s.count, s[i] != "-" else { return [] }
        var ends: [Int] = []
        var j = i
        while j < s.count, j - i < lengths.upperBound, allowed(s[j]) || s[j] == "-" {
            j += 1
            if j - i >= lengths.lowerBound, s[j - 1] != "-" { ends.append(j) }
        }
        return ends
    }

    /// `hostname_re domain_re tld_re`.
    static func domainEnds(_ s: [Unicode.Scalar], _ start: Int) -> Set<Int> {
        // hostname_re: 1...63 label characters, no dash at either end.
        var reached = Set(labelEnds(s, start, allowed: isLabelCharacter, lengths: 1...63))
        // domain_re: any number of `.label`.
        var frontier = reached
        while !frontier.isEmpty {
            var next = Set<Int>()
            for p in frontier where p < s.count && s[p] == "." {
                for end in labelEnds(s, p + 1, allowed: isLabelCharacter, lengths: 1...63) where !reached.contains(end) {
                    next.insert(end)
                }
            }
            reached.formUnion(next)
            frontier = next
        }
        // tld_re: `.` then letters (no digits) 2...63 or `xn--` punycode, then an optional dot.
        var ends = Set<Int>()
        for p in reached where p < s.count && s[p] == "." {
            let letter: (Unicode.Scalar) -> Bool = { EmailValidator.isLetter($0) || (0xA1...0xFFFF).contains($0.value) }
            var tldEnds = labelEnds(s, p + 1, allowed: letter, lengths: 2...63)
            if p + 5 <= s.count, String(String.UnicodeScalarView(s[(p + 1)..<(p + 5)])).lowercased() == "xn--" {
                var j = p + 5
                while j < s.count, j - (p + 5) < 59, EmailValidator.isLetter(s[j]) || ("0"..."9").contains(s[j]) {
                    j += 1
                    tldEnds.append(j)
                }
            }
            for end in tldEnds {
                ends.insert(end)
                if end < s.count, s[end] == "." { ends.insert(end + 1) }
            }
        }
        return ends
    }
}
