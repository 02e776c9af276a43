/// Expands a route row's URL template (`"{prefix}/{lookup}{trailing_slash}"`) into a pattern.
/// `{{` and `}}` are literal braces, as in Python's `str.format`, which DRF uses. The text (the
/// prefix and an extra action's URL path included) may hold parameters in Django's `path()`
/// syntax, which is how a prefix nests (`"accounts/<account_pk>/notes"`).
///
///     try RouteURLTemplate.expand("{prefix}/{lookup}{trailing_slash}", prefix: "users",
///                                 lookup: .parameter("pk", .lookup), trailingSlash: true)
///     // ^users/(?P<pk>[^/.]+)/$
enum RouteURLTemplate {
    static func expand(_ template: String, prefix: String, lookup: RoutePattern.Token, trailingSlash: Bool) throws -> RoutePattern {
        var pattern = RoutePattern()
        var literal = ""
        func flush() throws {
            for token in try RoutePattern(path: literal).tokens { pattern.append(token) }
            literal = ""
        }
        var rest = Substring(template)
        while let char = rest.first {
            rest.removeFirst()
            if (char == "{" || char == "}") && rest.first == char {
                rest.removeFirst()
                literal.append(char)
            } else if char == "{" {
                guard let close = rest.firstIndex(of: "}") else {
                    throw ImproperlyConfigured("Route URL template '\(template)' has an unclosed '{'; write '{{' for a literal brace.")
                }
                let placeholder = rest[..<close]
                rest = rest[rest.index(after: close)...]
                switch placeholder {
                case "prefix": literal += prefix
                case "trailing_slash": literal += trailingSlash ? "/" : ""
                case "lookup":
                    try flush()
                    pattern.append(lookup)
                default:
                    throw ImproperlyConfigured(
                        "Route URL template '\(template)' uses '{\(placeholder)}'; the placeholders are {prefix}, {lookup}, {url_path} and {trailing_slash}."
                    )
                }
            } else {
                literal.append(char)
            }
        }
        try flush()
        // DRF: with an empty prefix the include prefix owns the leading slash (`^{lookup}/$`).
        if prefix.isEmpty, case .literal(let first) = pattern.tokens.first, first.hasPrefix("/") {
            var tokens = pattern.tokens
            tokens[0] = .literal(String(first.dropFirst()))
            pattern = RoutePattern(tokens)
        }
        return pattern
    }
}
