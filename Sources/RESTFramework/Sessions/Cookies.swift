#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Request cookies as Django's `parse_cookie` reads them (`;`-separated, whitespace stripped,
/// the last of a repeated name wins), and `Set-Cookie` values as Django's `set_cookie` writes
/// them (Python's `SimpleCookie`: attributes in alphabetical order).
///
///     Cookies.value(named: "sessionid", in: request.headers["Cookie"])   // "abc:…" or nil
///     SetCookie(name: "csrftoken", value: secret, maxAge: 31_449_600, sameSite: "Lax").headerValue()
///     // "csrftoken=…; expires=Mon, 06 Dec 2027 05:00:00 GMT; Max-Age=31449600; Path=/; SameSite=Lax"
public enum Cookies {
    /// The value of the cookie `name` in a `Cookie` header, nil when it is not there.
    public static func value(named name: String, in header: String?) -> String? {
        guard let header else { return nil }
        var found: String?
        for chunk in header.split(separator: ";", omittingEmptySubsequences: true) {
            let key: Substring, value: Substring
            if let equals = chunk.firstIndex(of: "=") {
                (key, value) = (chunk[..<equals], chunk[chunk.index(after: equals)...])
            } else {
                (key, value) = ("", chunk)
            }
            if trimmed(key) == name { found = String(trimmed(value)) }
        }
        return found
    }

    /// Python's `str.strip()` of ASCII whitespace.
    static func trimmed(_ text: Substring) -> Substring {
        let space: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\u{0B}" || $0 == "\u{0C}" }
        var text = text
        while let first = text.first, space(first) { text.removeFirst() }
        while let last = text.last, space(last) { text.removeLast() }
        return text
    }
}

/// One `Set-Cookie` header value, written as Django writes it.
public struct SetCookie: Sendable, Equatable {
    public var name: String
    public var value: String
    /// Seconds; also written as `expires` (Django computes both from `max_age`). Nil: a browser
    /// session cookie.
    public var maxAge: Int?
    public var path = "/"
    public var secure = false
    public var httpOnly = false
    /// `Lax`, `Strict`, `None`, or nil for no attribute.
    public var sameSite: String?

    public init(
        name: String, value: String, maxAge: Int?, path: String = "/", secure: Bool = false, httpOnly: Bool = false,
        sameSite: String? = "Lax"
    ) {
        self.name = name
        self.value = value
        self.maxAge = maxAge
        self.path = path
        self.secure = secure
        self.httpOnly = httpOnly
        self.sameSite = sameSite
    }

    /// Django's `delete_cookie`: an empty value that expired at the epoch.
    public static func deletion(name: String, path: String = "/", secure: Bool = false, sameSite: String? = "Lax") -> SetCookie {
        SetCookie(name: name, value: "", maxAge: 0, path: path, secure: secure, sameSite: sameSite)
    }

    /// The header value; `now` is seconds since the epoch (for `expires`).
    public func headerValue(now: Int = Int(time(nil))) -> String {
        // Python quotes an empty value.
        var text = name + "=" + (value.isEmpty ? "\"\"" : value)
        if let maxAge {
            text += "; expires=" + Self.httpDate(maxAge == 0 ? 0 : now + maxAge)
        }
        if httpOnly { text += "; HttpOnly" }
        if let maxAge { text += "; Max-Age=\(maxAge)" }
        text += "; Path=" + path
        if let sameSite { text += "; SameSite=" + sameSite }
        if secure { text += "; Secure" }
        return text
    }

    /// Django's `http_date`: `Wed, 21 Oct 2015 07:28:00 GMT`.
    public static func httpDate(_ seconds: Int) -> String {
        var clock = time_t(seconds)
        var parts = tm()
        gmtime_r(&clock, &parts)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(days[Int(parts.tm_wday) % 7]), \(two(parts.tm_mday)) \(months[Int(parts.tm_mon) % 12]) \(parts.tm_year + 1900) "
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) GMT"
    }
}
