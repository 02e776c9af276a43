/// Django's `resolve(path)` as hyperlinked input needs it: which named pattern a path matches,
/// and its keyword arguments.
extension URLConf {
    /// The name (nil for an unnamed pattern) and kwargs of the pattern `path` matches; nil when
    /// none does. As Django's `resolve`: the path must start with `/`, a missing trailing slash is
    /// no match (no redirect here), and a query string is part of the path (so no match).
    ///
    ///     urls.match(path: "/api/users/3/")   // ("user-detail", ["pk": "3"])
    public func match(path: String) -> (name: String?, kwargs: [String: String])? {
        guard path.hasPrefix("/") else { return nil }
        var trace = RouteMatcher.Trace()
        guard let found = matcher.match(path.dropFirst(), trace: &trace) else { return nil }
        let pattern = patterns[found.patternIndex]
        var kwargs: [String: String] = [:]
        for (name, value) in zip(pattern.pattern.parameterNames, found.captures) { kwargs[name] = String(value) }
        if let format = found.format { kwargs["format"] = String(format) }
        return (pattern.name, kwargs)
    }
}
