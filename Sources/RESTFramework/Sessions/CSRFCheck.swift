/// Django's `CsrfViewMiddleware.process_view`, the check DRF's `SessionAuthentication` runs on
/// unsafe requests of a signed-in session (token and Basic requests are never checked: a
/// browser does not send those credentials on its own). The reasons are Django 5's words; DRF
/// answers them as `403 {"detail":"CSRF Failed: <reason>"}`.
///
///     let check = CSRFCheck()
///     try check.reason(request)   // nil: accepted; "CSRF token missing." and the like: refused
///
/// In order: safe methods pass; an `Origin` header must be this site's own
/// (`scheme://host`) or a trusted origin; without one, an https request needs a `Referer` of
/// this host over https; then the `csrftoken` cookie must hold a well-formed secret and the
/// request must carry a matching token, in the `csrfmiddlewaretoken` field of a form POST or
/// else in the `X-CSRFToken` header (masked or not).
public struct CSRFCheck: Sendable {
    /// Django's `CSRF_COOKIE_NAME`.
    public var cookieName: String
    /// Django's `CSRF_HEADER_NAME` as a header (`HTTP_X_CSRFTOKEN`).
    public var headerName: String
    /// Django's `CSRF_TRUSTED_ORIGINS`: exact origins (`https://admin.example.com`) accepted
    /// besides the request's own, and whose hosts a Referer may name.
    public var trustedOrigins: [String]

    public init(cookieName: String = "csrftoken", headerName: String = "X-CSRFToken", trustedOrigins: [String] = []) {
        self.cookieName = cookieName
        self.headerName = headerName
        self.trustedOrigins = trustedOrigins
    }

    /// Why the request is refused, or nil when it passes. Throws only what reading a form body
    /// throws (DRF reads `request.POST` here too).
    public func reason(_ request: Request) throws -> String? {
        if request.method.isSafe || request.method == .trace { return nil }
        let secure = request.scheme == "https"
        if let origin = request.headers["Origin"] {
            guard originVerified(origin, request: request, secure: secure) else {
                return "Origin checking failed - \(origin) does not match any trusted origins."
            }
        } else if secure, let refusal = refererProblem(request) {
            return refusal
        }
        return try tokenProblem(request)
    }

    /// Django's `_origin_verified` (without wildcard subdomains).
    func originVerified(_ origin: String, request: Request, secure: Bool) -> Bool {
        origin == (secure ? "https://" : "http://") + request.host || trustedOrigins.contains(origin)
    }

    /// Django's `_check_referer`.
    func refererProblem(_ request: Request) -> String? {
        guard let referer = request.headers["Referer"] else { return "Referer checking failed - no Referer." }
        let parts = URLParts(referer)
        guard !parts.scheme.isEmpty, !parts.netloc.isEmpty else { return "Referer checking failed - Referer is malformed." }
        guard parts.scheme == "https" else {
            return "Referer checking failed - Referer is insecure while host is secure."
        }
        let trustedHosts = trustedOrigins.map { URLParts($0).netloc }
        if trustedHosts.contains(where: { Self.isSameDomain(parts.netloc, $0) }) { return nil }
        guard Self.isSameDomain(parts.netloc, request.host) else {
            return "Referer checking failed - \(parts.url) does not match any trusted origins."
        }
        return nil
    }

    /// Django's `_check_token`.
    func tokenProblem(_ request: Request) throws -> String? {
        guard let secret = Cookies.value(named: cookieName, in: request.headers["Cookie"]) else {
            return "CSRF cookie not set."
        }
        if let problem = CSRFToken.formatProblem(secret) { return "CSRF cookie \(problem)." }
        // A 64-character cookie is a masked token (Django before 4.1 stored those).
        let cookieSecret = CSRFToken.unmask(secret)
        var token = ""
        var source = "POST"
        if request.method == .post, let contentType = request.contentType, BodyParsing.isFormMediaType(contentType) {
            token = try request.formData?["csrfmiddlewaretoken"] ?? ""
        }
        if token.isEmpty {
            guard let header = request.headers[headerName] else { return "CSRF token missing." }
            token = header
            source = "the '\(Self.djangoHeaderName(headerName))' HTTP header"
        }
        if let problem = CSRFToken.formatProblem(token) { return "CSRF token from \(source) \(problem)." }
        guard CSRFToken.matches(token, secret: cookieSecret) else { return "CSRF token from \(source) incorrect." }
        return nil
    }

    /// Django's `HttpHeaders.parse_header_name` of `HTTP_X_CSRFTOKEN`: `X-Csrftoken`.
    static func djangoHeaderName(_ name: String) -> String {
        name.split(separator: "-", omittingEmptySubsequences: false)
            .map { $0.prefix(1).uppercased() + $0.dropFirst().lowercased() }
            .joined(separator: "-")
    }

    /// Django's `is_same_domain`: equal, or a `.example.com` pattern matching the domain and
    /// its subdomains.
    static func isSameDomain(_ host: String, _ pattern: String) -> Bool {
        guard !pattern.isEmpty else { return false }
        let pattern = pattern.lowercased()
        if pattern.hasPrefix(".") { return host.hasSuffix(pattern) || host == pattern.dropFirst() }
        return host == pattern
    }
}

/// The parts of a URL `CSRFCheck` reads, as Python's `urlsplit` finds them.
struct URLParts {
    var scheme = ""
    var netloc = ""
    var rest = ""
    /// `geturl()`: the scheme lower-cased, an empty `?` or `#` dropped.
    var url: String {
        var rest = rest
        while rest.hasSuffix("?") || rest.hasSuffix("#") { rest.removeLast() }
        return (scheme.isEmpty ? "" : scheme + ":") + (netloc.isEmpty ? "" : "//" + netloc) + rest
    }

    init(_ text: String) {
        var remainder = Substring(text)
        if let colon = remainder.firstIndex(of: ":"), let first = remainder.first, first.isASCII, first.isLetter,
            remainder[..<colon].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) })
        {
            scheme = remainder[..<colon].lowercased()
            remainder = remainder[remainder.index(after: colon)...]
        }
        if remainder.hasPrefix("//") {
            remainder = remainder.dropFirst(2)
            let end = remainder.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? remainder.endIndex
            netloc = String(remainder[..<end])
            remainder = remainder[end...]
        }
        rest = String(remainder)
    }
}
