/// The URL conf: Django's `urlpatterns`. Resolves a request path to the view that answers it,
/// and reverses a pattern name into a URL. Immutable and Sendable; built once at start-up, where
/// misconfiguration throws.
///
///     var router = DefaultRouter()
///     try router.register("users", UserViewSet.self)
///     let urls = try URLConf([
///         .include("api/", router),
///         .path("api/auth-token/", ObtainAuthToken.asView(), name: "api-token"),
///     ])
///     urls.resolve("/api/users/3.json")   // .match(user detail, kwargs: ["pk": "3"], format: "json")
///     urls.resolve("/api/users")          // .redirect(to: "/api/users/")
///     try urls.reverse("user-detail", args: ["3"])   // "/api/users/3/"
public struct URLConf: Sendable {
    /// Every pattern, includes flattened, in matching order.
    public let patterns: [URLPattern]
    let matcher: RouteMatcher
    /// Pattern indices by name, in definition order.
    let indicesByName: [String: [Int]]
    /// `patterns[i]` as reversing reads it.
    let reverseTemplates: [ReverseTemplate]

    /// An empty URL conf: every path is a 404.
    public init() {
        patterns = []
        matcher = try! RouteMatcher([])  // cannot throw: there is no pattern to reject
        indicesByName = [:]
        reverseTemplates = []
    }

    public init(_ entries: [URLConfEntry]) throws {
        try self.init(patterns: entries.flatMap(\.patterns))
    }

    public init(patterns: [URLPattern]) throws {
        self.patterns = patterns
        matcher = try RouteMatcher(patterns.map(\.pattern))
        var byName: [String: [Int]] = [:]
        for (index, pattern) in patterns.enumerated() {
            if let name = pattern.name { byName[name, default: []].append(index) }
        }
        indicesByName = byName
        reverseTemplates = patterns.map { ReverseTemplate($0.pattern) }
    }

    /// Resolves a request path (`/api/users/3/`, query excluded).
    public func resolve(_ path: String) -> URLResolution {
        var trace = RouteMatcher.Trace()
        return resolve(path, trace: &trace)
    }

    func resolve(_ path: String, trace: inout RouteMatcher.Trace) -> URLResolution {
        var matched = -1
        return resolve(path, trace: &trace, matchedPattern: &matched)
    }

    /// `matchedPattern`: the index in `patterns` of the pattern that matched, untouched when none did.
    func resolve(_ path: String, trace: inout RouteMatcher.Trace, matchedPattern: inout Int) -> URLResolution {
        // Django matches the path without its leading slash.
        // (`hasPrefix` and `dropFirst` work on `Character`s, dear on every request: a `/` followed
        // by an ASCII byte or nothing is a `Character` of its own, so then bytes decide.)
        let route: Substring
        var bytes = path.utf8.makeIterator()
        switch (bytes.next(), bytes.next()) {
        case (UInt8(ascii: "/"), nil): route = ""
        case (UInt8(ascii: "/"), let next?) where next < 0x80: route = Substring(path.utf8.dropFirst())
        default: route = path.hasPrefix("/") ? path.dropFirst() : Substring(path)
        }
        if let match = matcher.match(route, trace: &trace) {
            matchedPattern = match.patternIndex
            let names = patterns[match.patternIndex].pattern.parameterNames
            var kwargs: [String: String] = [:]
            for (name, value) in zip(names, match.captures) { kwargs[name] = String(value) }
            return .match(patterns[match.patternIndex].endpoint, kwargs: kwargs, format: match.format.map(String.init))
        }
        // Django's APPEND_SLASH: redirect only when the slash is all that is missing.
        if !path.hasSuffix("/"), matcher.match(Substring(String(route) + "/"), trace: &trace) != nil {
            return .redirect(to: path + "/")
        }
        return .notFound
    }
}

/// What resolving a path gives. `Application` answers `.redirect` with a 301 (query kept) and
/// `.notFound` with a 404.
///
///     switch urls.resolve("/api/users/3.json") {
///     case .match(let endpoint, let kwargs, let format): print(endpoint, kwargs, format ?? "")   // kwargs ["pk": "3"], format "json"
///     case .redirect(let location): print(location)   // "/api/users/" for "/api/users"
///     case .notFound: print("404")
///     }
public enum URLResolution: Sendable {
    /// The view, the URL's keyword arguments (format excluded) and the format suffix.
    case match(ViewEndpoint, kwargs: [String: String], format: String?)
    /// Django's APPEND_SLASH: the path lacks only its trailing slash (query not included).
    case redirect(to: String)
    case notFound
}
