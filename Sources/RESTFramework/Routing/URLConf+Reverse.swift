/// Django's `reverse` with DRF's additions: an absolute URL when a request is given, the format
/// as a suffix, and the request's `?format=` carried over.
///
///     try urls.reverse("user-detail", args: ["3"])                       // "/api/users/3/"
///     try urls.reverse("user-list", request: request, format: "json")    // "http://host/api/users.json"
extension URLConf {
    /// - Parameters:
    ///   - args: positional values, in the pattern's order; not mixed with `kwargs` or `format`.
    ///   - request: makes the URL absolute, and its `urlFormatOverride` parameter (`?format=`) is
    ///     kept on the result (DRF's `preserve_builtin_query_params`).
    ///   - format: reverses the format-suffix pattern of that name (`users.json`).
    public func reverse(_ name: String, args: [String] = [], kwargs: [String: String] = [:], request: Request? = nil,
                        format: String? = nil, urlFormatOverride: String? = "format") throws -> String {
        var kwargs = kwargs
        if let format { kwargs[RoutePattern.formatKwarg] = format }
        guard args.isEmpty || kwargs.isEmpty else {
            throw NoReverseMatch(name: name, message: "Don't mix args and kwargs (or a format) in a call to reverse() for '\(name)'.")
        }
        guard let indices = indicesByName[name] else {
            throw NoReverseMatch(name: name, message: "Reverse for '\(name)' not found. '\(name)' is not a valid view function or pattern name.")
        }
        // Django tries the last pattern of a name first.
        var path: String?
        for index in indices.reversed() {
            if let built = Self.build(patterns[index].pattern, args: args, kwargs: kwargs) {
                path = built
                break
            }
        }
        guard let path else {
            let tried = indices.map { "'\(patterns[$0].pattern.regex)'" }.joined(separator: ", ")
            let arguments = args.isEmpty
                ? "keyword arguments '{" + kwargs.sorted { $0.key < $1.key }.map { "'\($0.key)': '\($0.value)'" }.joined(separator: ", ") + "}'"
                : "arguments '(" + args.map { "'\($0)'" }.joined(separator: ", ") + ")'"
            throw NoReverseMatch(name: name, message: "Reverse for '\(name)' with \(arguments) not found. \(indices.count) pattern(s) tried: [\(tried)]")
        }
        guard let request else { return path }
        var url = request.buildAbsoluteURI(path)
        if let parameter = urlFormatOverride, let value = request.query[parameter] {
            url += "?" + QueryDict([(parameter, value)]).urlencoded()
        }
        return url
    }

    /// The path for one pattern, or nil when the values do not fit it (Django then tries the next).
    private static func build(_ pattern: RoutePattern, args: [String], kwargs: [String: String]) -> String? {
        // The value of each parameter token, in token order, and the format when there is one.
        var ordered: [String] = []
        let format: String?
        if !args.isEmpty {
            let names = pattern.parameterNames
            guard args.count == names.count else { return nil }
            let values = Dictionary(zip(names, args), uniquingKeysWith: { first, _ in first })
            ordered = pattern.tokenParameterNames.map { values[$0]! }
            format = pattern.formatSuffix ? values[RoutePattern.formatKwarg] : nil
        } else {
            // The same keys as the pattern's names (a set comparison, without building sets);
            // the format first, which rules out a suffixed pattern with one lookup.
            let names = pattern.tokenParameterNames, suffix = pattern.formatSuffix
            format = suffix ? kwargs[RoutePattern.formatKwarg] : nil
            if suffix && format == nil { return nil }
            ordered.reserveCapacity(names.count)
            for name in names {
                guard let value = kwargs[name] else { return nil }
                ordered.append(value)
            }
            guard kwargs.keys.allSatisfy({ names.contains($0) || (suffix && $0 == RoutePattern.formatKwarg) }) else { return nil }
        }
        var path = "/"
        path.reserveCapacity(64)
        var next = 0
        for token in pattern.tokens {
            switch token {
            case .literal(let text):
                path += text
            case .parameter(_, let matcher):
                let value = ordered[next]
                next += 1
                guard matcher.matches(Substring(value)), !value.utf8.contains(UInt8(ascii: "/")) else { return nil }
                path += value
            }
        }
        if pattern.formatSuffix {
            guard let format, isFormat(format) else { return nil }
            path += "." + format
        }
        return PercentEncoding.quote(path, safe: "/:@!$&'()*+,;=")  // Django's quote for reversed URLs
    }

    private static func isFormat(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z")) || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) }
    }

}

/// Django's `NoReverseMatch`: no pattern of that name fits the values given.
///
///     do { _ = try urls.reverse("user-detail") }
///     catch let error as NoReverseMatch { print(error) }   // "... 2 pattern(s) tried: [...]"
public struct NoReverseMatch: Error, Sendable, CustomStringConvertible {
    public let name: String
    public let message: String
    public init(name: String, message: String? = nil) {
        self.name = name
        self.message = message ?? "Reverse for '\(name)' not found."
    }
    public var description: String { message }
}
