/// The shape of one URL pattern: literal text and named parameters, optionally followed by DRF's
/// format suffix `\.(?P<format>[a-z0-9]+)/?`. Patterns concatenate (an `include` prefix plus a
/// router's pattern), print as the regex DRF would generate, and reverse into paths.
///
///     let detail = RoutePattern([.literal("users/"), .parameter("pk", .lookup), .literal("/")])
///     detail.regex                        // ^users/(?P<pk>[^/.]+)/$
///     try RoutePattern(path: "orgs/<int:org>/")   // Django's path() syntax
public struct RoutePattern: Sendable {
    public enum Token: Sendable {
        case literal(String)
        case parameter(String, SegmentMatcher)
    }

    /// The keyword the format suffix is captured as (DRF's `FORMAT_SUFFIX_KWARG`).
    public static let formatKwarg = "format"

    public private(set) var tokens: [Token]
    /// Whether DRF's format suffix follows the tokens.
    public var formatSuffix: Bool
    /// The names of the parameter tokens, in order (kept as tokens are appended: reversing a URL
    /// reads them for every link).
    private(set) var tokenParameterNames: [String] = []

    public init(_ tokens: [Token] = [], formatSuffix: Bool = false) {
        self.tokens = []
        self.formatSuffix = formatSuffix
        for token in tokens { append(token) }
    }

    /// Parses Django's `path()` syntax: literal text and `<name>` or `<converter:name>` with the
    /// converters `str` (the default), `int` and `slug`.
    public init(path route: String) throws {
        self.init()
        var rest = Substring(route)
        while let open = rest.firstIndex(of: "<") {
            append(.literal(String(rest[..<open])))
            guard let close = rest[open...].firstIndex(of: ">") else {
                throw ImproperlyConfigured("URL route '\(route)' has an unclosed '<'.")
            }
            let spec = rest[rest.index(after: open)..<close]
            let parts = spec.split(separator: ":", maxSplits: 1).map(String.init)
            let (converter, name) = parts.count == 2 ? (parts[0], parts[1]) : ("str", parts.first ?? "")
            let matchers: [String: SegmentMatcher] = ["str": .string, "int": .int, "slug": .slug]
            guard let matcher = matchers[converter], !name.isEmpty else {
                throw ImproperlyConfigured("URL route '\(route)' uses '<\(spec)>'; write <name>, <int:name>, <str:name> or <slug:name>.")
            }
            append(.parameter(name, matcher))
            rest = rest[rest.index(after: close)...]
        }
        append(.literal(String(rest)))
    }

    /// Adds a token, merging adjacent literals so that equal patterns have equal tokens.
    public mutating func append(_ token: Token) {
        if case .literal(let text) = token {
            if text.isEmpty { return }
            if case .literal(let previous) = tokens.last {
                tokens[tokens.count - 1] = .literal(previous + text)
                return
            }
        }
        if case .parameter(let name, _) = token { tokenParameterNames.append(name) }
        tokens.append(token)
    }

    /// An `include` prefix followed by an included pattern.
    public static func + (prefix: RoutePattern, pattern: RoutePattern) -> RoutePattern {
        var joined = prefix
        for token in pattern.tokens { joined.append(token) }
        joined.formatSuffix = pattern.formatSuffix
        return joined
    }

    /// The names of the captured keyword arguments, in order, the format last.
    public var parameterNames: [String] {
        formatSuffix ? tokenParameterNames + [Self.formatKwarg] : tokenParameterNames
    }

    /// The regex DRF would generate for this pattern (literals shown unescaped).
    public var regex: String {
        var text = "^"
        for token in tokens {
            switch token {
            case .literal(let literal): text += literal
            case .parameter(let name, let matcher): text += "(?P<\(name)>\(matcher.source))"
            }
        }
        if formatSuffix { text += "\\.(?P<\(Self.formatKwarg)>[a-z0-9]+)/?" }
        return text + "$"
    }

    /// DRF's `format_suffix_patterns` for one pattern: trailing slashes dropped, suffix added.
    public var withFormatSuffix: RoutePattern {
        var copy = self
        if case .literal(var text) = copy.tokens.last {
            while text.hasSuffix("/") { text.removeLast() }
            copy.tokens.removeLast()
            copy.append(.literal(text))
        }
        copy.formatSuffix = true
        return copy
    }
}
