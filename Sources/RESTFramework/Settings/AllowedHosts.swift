/// Django's `ALLOWED_HOSTS`: the host names this application serves. `Application` answers a
/// request for any other `Host` with a 400 before any view runs, so an attacker's `Host` never
/// reaches an absolute link (hyperlinked fields, pagination `next`/`previous`, `Location`).
///
///     settings.allowedHosts = ["api.example.com", ".example.org"]   // + example.org's subdomains
///     settings.allowedHosts = ["*"]                                  // any well-formed host
///
/// Django's rules, exactly: the host (`HTTP_HOST`, else `SERVER_NAME[:SERVER_PORT]`) must be
/// `domain[:port]` by Django's grammar (letters, digits, `.` and `-`, or a bracketed IPv6
/// address); it is lowercased, its port and one trailing dot dropped, and then matched: `*`
/// matches anything, a pattern starting with `.` matches that domain and every subdomain, any
/// other pattern matches exactly (case-insensitively). A malformed host is refused even with
/// `*`. `X-Forwarded-Host` is not read (Django reads it only with `USE_X_FORWARDED_HOST`).
///
/// The default, `localDefault`, is Django's list for `DEBUG` plus the test client's
/// `testserver`: local requests and tests work, and a deployment must name its hosts
/// (api-server: `SRF_ALLOWED_HOSTS`).
public struct AllowedHosts: Sendable, Equatable, ExpressibleByArrayLiteral, CustomStringConvertible {
    /// The patterns as given.
    public let patterns: [String]
    /// Compiled once: a request costs one pass over its host's bytes and a byte comparison per
    /// pattern, nothing allocated.
    private let matchesAnything: Bool
    private let compiled: [Pattern]

    /// `.localhost` (localhost and its subdomains), `127.0.0.1`, `[::1]`, and `testserver`, the
    /// `Host` of DRF's and this framework's test clients.
    public static let localDefault: AllowedHosts = [".localhost", "127.0.0.1", "[::1]", "testserver"]

    /// The environment variable api-server reads (`APIServerMain`).
    public static let environmentVariable = "SRF_ALLOWED_HOSTS"

    public init(_ patterns: [String]) {
        self.patterns = patterns
        matchesAnything = patterns.contains("*")
        compiled = patterns.compactMap(Pattern.init)
    }

    public init(arrayLiteral patterns: String...) { self.init(patterns) }

    /// A comma-separated list, as `SRF_ALLOWED_HOSTS=api.example.com,.example.org` gives it
    /// (spaces around names ignored). A name that could never match a `Host` (with a scheme,
    /// a path, a port, a trailing dot, or characters no host has) is refused with a message
    /// that says the fix, so a typo stops the start instead of refusing every request.
    public init(parsing list: String) throws(ImproperlyConfigured) {
        var patterns: [String] = []
        for item in list.split(separator: ",") {
            let pattern = String(PythonText.strip(item))
            if pattern.isEmpty { continue }
            guard Self.canMatch(pattern) else {
                throw ImproperlyConfigured("\(Self.environmentVariable): \"\(pattern)\" can never match a Host: give a bare host "
                                           + "name such as api.example.com, .example.org (the domain and its subdomains), "
                                           + "an IP address (IPv6 in brackets: [::1]) or *; no scheme, port, path or trailing dot; "
                                           + "a non-ASCII name in its xn-- form.")
            }
            patterns.append(pattern)
        }
        guard !patterns.isEmpty else {
            throw ImproperlyConfigured("\(Self.environmentVariable)=\(list): name at least one host, e.g. api.example.com")
        }
        self.init(patterns)
    }

    public var description: String { patterns.joined(separator: ", ") }

    public static func == (lhs: AllowedHosts, rhs: AllowedHosts) -> Bool { lhs.patterns == rhs.patterns }

    /// Django's `get_host()` check: whether `host` is well formed and matches a pattern.
    public func allows(_ host: String) -> Bool {
        var host = host
        return host.withUTF8 { bytes in
            guard let parts = HostSyntax.parts(of: bytes) else { return false }
            if matchesAnything { return true }
            let domain = UnsafeBufferPointer(rebasing: bytes[0..<parts.domainEnd])
            for pattern in compiled where pattern.matches(domain) { return true }
            return false
        }
    }

    /// The 400 for a request whose host is not allowed, or nil when it is.
    public func refusal(for host: String) -> DisallowedHost? {
        allows(host) ? nil : DisallowedHost(host: host)
    }

    /// Whether a pattern can match some host (what `init(parsing:)` accepts).
    static func canMatch(_ pattern: String) -> Bool {
        if pattern == "*" { return true }
        let name = pattern.hasPrefix(".") ? String(pattern.dropFirst()) : pattern
        if name.isEmpty || name.hasSuffix(".") { return false }
        var bytes = name.lowercased()
        return bytes.withUTF8 { HostSyntax.parts(of: $0) == HostSyntax.Parts(domainEnd: $0.count, portStart: nil) }
    }

    /// Django's `is_same_domain(host, pattern)`, with the pattern lowercased once.
    private enum Pattern: Sendable {
        case exact([UInt8])
        /// `.example.org`: `example.org` and anything ending in `.example.org`.
        case domainAndSubdomains([UInt8])

        init?(_ pattern: String) {
            // Django: an empty pattern matches nothing; `*` is handled before the patterns.
            guard !pattern.isEmpty, pattern != "*" else { return nil }
            let bytes = Array(pattern.lowercased().utf8)
            self = bytes[0] == UInt8(ascii: ".") ? .domainAndSubdomains(bytes) : .exact(bytes)
        }

        /// `domain`: the request's domain as sent (not yet lowercased), port and trailing dot off.
        func matches(_ domain: UnsafeBufferPointer<UInt8>) -> Bool {
            switch self {
            case .exact(let pattern):
                return Self.equalIgnoringCase(domain, pattern[...])
            case .domainAndSubdomains(let pattern):
                if domain.count >= pattern.count,
                   Self.equalIgnoringCase(UnsafeBufferPointer(rebasing: domain[(domain.count - pattern.count)...]), pattern[...]) {
                    return true
                }
                return Self.equalIgnoringCase(domain, pattern[1...])
            }
        }

        /// `pattern` is lowercase already; the domain's ASCII letters are lowered as they are read.
        private static func equalIgnoringCase(_ domain: UnsafeBufferPointer<UInt8>, _ pattern: ArraySlice<UInt8>) -> Bool {
            guard domain.count == pattern.count else { return false }
            var index = pattern.startIndex
            for byte in domain {
                if HostSyntax.lowercased(byte) != pattern[index] { return false }
                index += 1
            }
            return true
        }
    }
}
