/// Django's `EmailValidator` (5.x), rule for rule, written as scanners instead of its regexes:
///
/// - at most 320 characters, with an `@`; split at the last `@`;
/// - user part: a dot-atom (`-!#$%&'*+/=?^_`{}|~`, ASCII letters and digits, dot-separated, no
///   empty atoms) or a quoted string (printable ASCII except `"` and `\`, some controls, and
///   backslash pairs; no CR or LF);
/// - domain: `localhost` (the allowlist), or dot-separated labels of 1–63 characters (ASCII
///   letters, digits, `-`, and any code point U+00A1–U+FFFF, which is how Django admits IDNs
///   without encoding them), no label starting or ending with `-`, and a last label (the TLD)
///   of letters only (2–63) or a punycode `xn--` label; no trailing dot;
/// - or an address literal `[…]` holding a valid IPv4 or IPv6 address.
///
/// Matching is case-insensitive as Django's: the four non-ASCII code points Python folds onto
/// ASCII letters (U+0130, U+0131, U+017F, U+212A) pass as letters.
///
///     EmailValidator().isValid("ada@example.com")   // true
///     EmailValidator().isValid("ada@[127.0.0.1]")   // true
public struct EmailValidator: Validator {
    public let message: String
    public let allowlist: [String]

    public init(message: String = "Enter a valid email address.", allowlist: [String] = ["localhost"]) {
        self.message = message
        self.allowlist = allowlist
    }

    public func validate(_ value: FieldValue, context: FieldValidationContext) throws {
        guard let text = value.stringValue, isValid(text) else { throw ValidationError(message, code: "invalid") }
    }

    public func isValid(_ value: String) -> Bool {
        let scalars = Array(value.unicodeScalars)
        guard !scalars.isEmpty, scalars.count <= 320, let at = scalars.lastIndex(of: "@") else { return false }
        let user = scalars[..<at], domain = scalars[(at + 1)...]
        guard Self.isValidUserPart(user) else { return false }
        if allowlist.contains(String(String.UnicodeScalarView(domain))) { return true }
        return Self.isValidDomainPart(domain)
    }

    // MARK: User part

    /// ASCII letters, and the code points Python's case-insensitive matching folds onto them.
    static func isLetter(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x41...0x5A, 0x61...0x7A, 0x130, 0x131, 0x17F, 0x212A: return true
        default: return false
        }
    }

    static func isAtext(_ s: Unicode.Scalar) -> Bool {
        isLetter(s) || ("0"..."9").contains(s) || "-!#$%&'*+/=?^_`{}|~".unicodeScalars.contains(s)
    }

    static func isValidUserPart(_ user: ArraySlice<Unicode.Scalar>) -> Bool {
        if user.first == "\"" { return isQuotedString(user) }
        guard !user.isEmpty else { return false }
        // Dot-atom: atoms of atext separated by single dots.
        return user.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { atom in
            !atom.isEmpty && atom.allSatisfy(isAtext)
        }
    }

    /// `"( qtext | \ quoted-pair )*"` with Django's character ranges.
    static func isQuotedString(_ user: ArraySlice<Unicode.Scalar>) -> Bool {
        guard user.count >= 2, user.first == "\"", user.last == "\"" else { return false }
        var inner = user.dropFirst().dropLast()[...]
        while let s = inner.first {
            inner = inner.dropFirst()
            if s == "\\" {
                guard let escaped = inner.first, isQuotedPairChar(escaped) else { return false }
                inner = inner.dropFirst()
            } else if !isQtext(s) {
                return false
            }
        }
        return true
    }

    /// `[\001-\010\013\014\016-\037!#-\[\]-\177]`, case-insensitively.
    static func isQtext(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x01...0x08, 0x0B, 0x0C, 0x0E...0x1F, 0x21, 0x23...0x5B, 0x5D...0x7F: return true
        default: return isLetter(s)
        }
    }

    /// `[\001-\011\013\014\016-\177]`, case-insensitively.
    static func isQuotedPairChar(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x01...0x09, 0x0B, 0x0C, 0x0E...0x7F: return true
        default: return isLetter(s)
        }
    }

    // MARK: Domain part

    /// `[a-z\u00a1-\uffff0-9]` case-insensitively.
    static func isLabelChar(_ s: Unicode.Scalar) -> Bool {
        isLetter(s) || ("0"..."9").contains(s) || (0xA1...0xFFFF).contains(s.value)
    }

    static func isValidDomainPart(_ domain: ArraySlice<Unicode.Scalar>) -> Bool {
        if domain.first == "[" { return isValidAddressLiteral(domain) }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, let tld = labels.last else { return false }
        for label in labels.dropLast() {
            guard (1...63).contains(label.count), label.first != "-", label.last != "-",
                label.allSatisfy({ isLabelChar($0) || $0 == "-" })
            else { return false }
        }
        return isValidTLD(tld)
    }

    /// `(?!-)(?:[a-z\u00a1-\uffff-]{2,63}|xn--[a-z0-9]{1,59})(?<!-)`: no digits, except in punycode.
    static func isValidTLD(_ tld: ArraySlice<Unicode.Scalar>) -> Bool {
        guard tld.first != "-", tld.last != "-" else { return false }
        let plain =
            (2...63).contains(tld.count)
            && tld.allSatisfy { isLetter($0) || (0xA1...0xFFFF).contains($0.value) || $0 == "-" }
        if plain { return true }
        let text = String(String.UnicodeScalarView(tld)).lowercased()
        guard text.hasPrefix("xn--") else { return false }
        let rest = tld.dropFirst(4)
        return (1...59).contains(rest.count) && rest.allSatisfy { isLetter($0) || ("0"..."9").contains($0) }
    }

    /// `\[([A-F0-9:.]+)\]\Z` and then Django's `validate_ipv46_address`.
    static func isValidAddressLiteral(_ domain: ArraySlice<Unicode.Scalar>) -> Bool {
        guard domain.count >= 3, domain.last == "]" else { return false }
        let inside = domain.dropFirst().dropLast()
        guard inside.allSatisfy({ $0.properties.isASCIIHexDigit || $0 == ":" || $0 == "." }) else { return false }
        let address = String(String.UnicodeScalarView(inside))
        return IPAddressSyntax.isValidIPv4(address) || IPAddressSyntax.isValidIPv6(address)
    }
}
