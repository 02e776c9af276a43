/// DRF's `format_suffix_patterns`: each pattern followed by a copy that also accepts a `.json`
/// style suffix, trailing slash optional after it (`users/3.json`, `users/3.json/`). The order
/// is kept, so first-match resolution is unchanged. The suffix is captured as `format`.
///
///     let urls = formatSuffixPatterns([URLPattern(try RoutePattern(path: "health/"), Health.asView())])
///     // ^health/$   ^health\.(?P<format>[a-z0-9]+)/?$
public func formatSuffixPatterns(_ patterns: [URLPattern], suffixRequired: Bool = false) -> [URLPattern] {
    var result: [URLPattern] = []
    for pattern in patterns {
        // A pattern that already takes a suffix has nothing to add.
        if pattern.pattern.formatSuffix {
            result.append(pattern)
            continue
        }
        if !suffixRequired { result.append(pattern) }
        result.append(URLPattern(pattern.pattern.withFormatSuffix, pattern.endpoint, name: pattern.name))
    }
    return result
}
