/// Django's `DisallowedHost`: the request's `Host` is not in `ALLOWED_HOSTS` (`AllowedHosts`).
/// Django answers it with its HTML "Bad Request (400)" page; here it is a 400 with Django's own
/// message as the JSON `detail`, which names the fix:
///
///     {"detail": "Invalid HTTP_HOST header: 'evil.com'. You may need to add 'evil.com' to ALLOWED_HOSTS."}
///     {"detail": "Invalid HTTP_HOST header: 'a b'. The domain name provided is not valid according to RFC 1034/1035."}
public struct DisallowedHost: MessageAPIException {
    public static let defaultStatus = 400, defaultDetail = "Invalid HTTP_HOST header.", defaultCode = "disallowed_host"
    public let message: String, code: String
    /// The host as the request gave it.
    public let host: String

    public init(host: String) {
        self.host = host
        code = Self.defaultCode
        // Django's `get_host()` wording, `%r` included.
        var message = "Invalid HTTP_HOST header: \(Self.pythonRepr(host))."
        let domain = HostSyntax.split(host).domain
        if domain.isEmpty {
            message += " The domain name provided is not valid according to RFC 1034/1035."
        } else {
            message += " You may need to add \(Self.pythonRepr(domain)) to ALLOWED_HOSTS."
        }
        self.message = message
    }

    /// Python's `repr(str)`: single quotes unless the text has a single quote and no double
    /// one; backslash, the quote, `\t`, `\n`, `\r` and unprintable characters escaped.
    static func pythonRepr(_ text: String) -> String {
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
}
