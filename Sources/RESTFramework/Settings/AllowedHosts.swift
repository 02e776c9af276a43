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
    /// pattern, with nothing allocated or reference-counted per pattern (the patterns' bytes
    /// lie back to back in one array; `spans` says where).
    private let matchesAnything: Bool
    private let patternBytes: [UInt8]
    private let spans: [PatternSpan]

    /// `.localhost` (localhost and its subdomains), `127.0.0.1`, `[::1]`, and `testserver`, the
    /// `Host` of DRF's and this framework's test clients.
    public static let localDefault: AllowedHosts = [".localhost", "127.0.0.1", "[::1]", "testserver"]

    /// The environment variable api-server reads (`APIServerMain`).
    public static let environmentVariable = "SRF_ALLOWED_HOSTS"

    public init(_ patterns: [String]) {
        self.patterns = patterns
        matchesAnything = patterns.contains("*")
        var bytes: [UInt8] = [], spans: [PatternSpan] = []
        // Django's `is_same_domain`: an empty pattern matches nothing; `*` is handled above.
        for pattern in patterns where !pattern.isEmpty && pattern != "*" {
            let lowered = Array(pattern.lowercased().utf8)
            spans.append(PatternSpan(start: bytes.count, count: lowered.count, subdomains: lowered[0] == UInt8(ascii: ".")))
            bytes += lowered
        }
        patternBytes = bytes
        self.spans = spans
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
                throw ImproperlyConfigured(
                    "\(Self.environmentVariable): \"\(pattern)\" can never match a Host: give a bare host "
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
        // A native string's bytes are contiguous: read in place, no copy.
        if let answer = host.utf8.withContiguousStorageIfAvailable({ allows(bytes: $0) }) { return answer }
        var copy = host
        return copy.withUTF8 { allows(bytes: $0) }
    }

    private func allows(bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let parts = HostSyntax.parts(of: bytes) else { return false }
        if matchesAnything { return true }
        let domain = UnsafeBufferPointer(rebasing: bytes[0..<parts.domainEnd])
        return patternBytes.withUnsafeBufferPointer { all in
            for span in spans where span.matches(domain, in: all) { return true }
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

    /// One pattern, lowercased, within `patternBytes`: Django's `is_same_domain(host, pattern)`.
    private struct PatternSpan: Sendable {
        let start: Int
        let count: Int
        /// `.example.org`: `example.org` and anything ending in `.example.org`.
        let subdomains: Bool

        /// `domain`: the request's domain as sent (not yet lowercased), port and trailing dot off.
        func matches(_ domain: UnsafeBufferPointer<UInt8>, in all: UnsafeBufferPointer<UInt8>) -> Bool {
            if !subdomains { return Self.equalIgnoringCase(domain, 0, all, start, count) }
            // `.example.org`: a suffix of the domain, or the domain without the dot.
            if domain.count >= count, Self.equalIgnoringCase(domain, domain.count - count, all, start, count) { return true }
            return Self.equalIgnoringCase(domain, 0, all, start + 1, count - 1)
        }

        /// Whether `domain[from...]` (to its end) equals the lowercase `pattern[start..<start+count]`;
        /// the domain's ASCII letters are lowered as they are read.
        private static func equalIgnoringCase(
            _ domain: UnsafeBufferPointer<UInt8>, _ from: Int,
            _ pattern: UnsafeBufferPointer<UInt8>, _ start: Int, _ count: Int
        ) -> Bool {
            guard domain.count - from == count else { return false }
            for offset in 0..<count where HostSyntax.lowercased(domain[from + offset]) != pattern[start + offset] { return false }
            return true
        }
    }
}
