/// Django's `reverse` with DRF's additions: an absolute URL when a request is given, the format
/// as a suffix, and the request's `?format=` carried over. A request with a versioning scheme
/// (`request.versioningScheme`) keeps its version in the URL (see `Versioning`).
///
///     try urls.reverse("user-detail", args: ["3"])                       // "/api/users/3/"
///     try urls.reverse("user-list", request: request, format: "json")    // "http://host/api/users.json"
extension URLConf {
    /// - Parameters:
    ///   - args: positional values, in the pattern's order; not mixed with `kwargs` or `format`.
    ///   - request: makes the URL absolute, and its `urlFormatOverride` parameter (`?format=`) is
    ///     kept on the result (DRF's `preserve_builtin_query_params`).
    ///   - format: reverses the format-suffix pattern of that name (`users.json`).
    public func reverse(
        _ name: String, args: [String] = [], kwargs: [String: String] = [:], request: Request? = nil,
        format: String? = nil, urlFormatOverride: String? = "format"
    ) throws -> String {
        // DRF's `reverse`: a request with a versioning scheme asks the scheme (one nil check for
        // every other request).
        if let request, let scheme = request.versioningScheme {
            return try reverseVersioned(
                scheme, name, args: args, kwargs: kwargs, request: request, format: format, urlFormatOverride: urlFormatOverride)
        }
        return try reverseWithoutVersion(
            name, args: args, kwargs: kwargs, request: request, format: format, urlFormatOverride: urlFormatOverride)
    }

    /// DRF's `_reverse`: the URL of `name`, absolute with a request, whatever version the request
    /// asked for; with `urlFormatOverride` (none by default) the request's `?format=` is kept.
    /// What a `Versioning` scheme's `reverse` builds on.
    public func reverseWithoutVersion(
        _ name: String, args: [String] = [], kwargs: [String: String] = [:], request: Request? = nil,
        format: String? = nil, urlFormatOverride: String? = nil
    ) throws -> String {
        var kwargs = kwargs
        if let format { kwargs[RoutePattern.formatKwarg] = format }
        guard args.isEmpty || kwargs.isEmpty else {
            throw ReverseArgumentsMixed(name: name)
        }
        guard let indices = indicesByName[name] else {
            throw NoReverseMatch(
                name: name, message: "Reverse for '\(name)' not found. '\(name)' is not a valid view function or pattern name.")
        }
        // Django tries the last pattern of a name first. The URL is written as bytes into one
        // buffer, the request's `scheme://host` first (hyperlinked fields reverse a URL for every
        // row, so joining strings and quoting the joined path added up).
        var url: [UInt8] = []
        url.reserveCapacity(96)
        if let request {
            url.append(contentsOf: request.scheme.utf8)
            url.append(contentsOf: "://".utf8)
            url.append(contentsOf: request.host.utf8)
        }
        var built = false
        for index in indices.reversed() where Self.build(reverseTemplates[index], args: args, kwargs: kwargs, into: &url) {
            built = true
            break
        }
        guard built else {
            let tried = indices.map { "'\(patterns[$0].pattern.regex)'" }.joined(separator: ", ")
            let arguments =
                args.isEmpty
                ? "keyword arguments '{" + kwargs.sorted { $0.key < $1.key }.map { "'\($0.key)': '\($0.value)'" }.joined(separator: ", ")
                    + "}'"
                : "arguments '(" + args.map { "'\($0)'" }.joined(separator: ", ") + ")'"
            throw NoReverseMatch(
                name: name, message: "Reverse for '\(name)' with \(arguments) not found. \(indices.count) pattern(s) tried: [\(tried)]")
        }
        var result = String(decoding: url, as: UTF8.self)
        if let request, let parameter = urlFormatOverride, let value = request.query[parameter] {
            result += "?" + QueryDict([(parameter, value)]).urlencoded()
        }
        return result
    }

    /// DRF's `reverse` for a versioned request: the scheme's URL, else (`NoReverseMatch`) the
    /// plain one, then the request's `?format=` set on it (`preserve_builtin_query_params`).
    private func reverseVersioned(
        _ scheme: any Versioning, _ name: String, args: [String], kwargs: [String: String], request: Request,
        format: String?, urlFormatOverride: String?
    ) throws -> String {
        var url: String
        do {
            url = try scheme.reverse(name, args: args, kwargs: kwargs, request: request, format: format, urls: self)
        } catch is NoReverseMatch {
            url = try reverseWithoutVersion(name, args: args, kwargs: kwargs, request: request, format: format)
        }
        if let parameter = urlFormatOverride, let value = request.query[parameter] {
            url = ReversedURL.replacingQueryParameter(parameter, with: value, in: url)
        }
        return url
    }

    /// Appends the path for one pattern to `url`; false (and `url` as it was) when the values do
    /// not fit it (Django then tries the next).
    private static func build(
        _ template: ReverseTemplate, args: [String], kwargs: [String: String],
        into url: inout [UInt8]
    ) -> Bool {
        let start = url.count
        let written: Bool
        if !args.isEmpty {
            // The value of each parameter token, in token order, and the format when there is one.
            let names = template.parameterNames
            guard args.count == names.count else { return false }
            let values = Dictionary(zip(names, args), uniquingKeysWith: { first, _ in first })
            let format = template.formatSuffix ? values[RoutePattern.formatKwarg] : nil
            written = write(template, format: format, into: &url) { values[$0]! }
        } else {
            // The same keys as the pattern's names, the format first, which rules out a suffixed
            // pattern with one lookup. With distinct names (the usual case), equal counts and
            // every name found mean equal key sets, without a scan of the keys.
            let names = template.tokenParameterNames, suffix = template.formatSuffix
            // (Counted before the format is looked up: a hyperlinked field tries the suffixed
            // pattern first, without a format, for every row.)
            if template.namesAreDistinct && kwargs.count != names.count + (suffix ? 1 : 0) { return false }
            let format = suffix ? kwargs[RoutePattern.formatKwarg] : nil
            if suffix && format == nil { return false }
            if !template.namesAreDistinct {
                guard kwargs.keys.allSatisfy({ names.contains($0) || (suffix && $0 == RoutePattern.formatKwarg) }) else { return false }
            }
            written = write(template, format: format, into: &url) { kwargs[$0] }
        }
        if !written { url.removeSubrange(start...) }
        return written
    }

    /// The path, quoted as Django quotes a reversed URL (`quote(path, safe="/:@!$&'()*+,;=")`);
    /// quoting works byte by byte, so the literals are quoted once, in the template.
    private static func write(
        _ template: ReverseTemplate, format: String?, into url: inout [UInt8],
        value: (String) -> String?
    ) -> Bool {
        url.append(UInt8(ascii: "/"))
        for piece in template.pieces {
            switch piece {
            case .literal(let quoted):
                url.append(contentsOf: quoted)
            case .parameter(let name, let matcher):
                guard let value = value(name), fits(value, matcher) else { return false }
                PercentEncoding.appendQuoted(value, safe: ReverseTemplate.safe, into: &url)
            }
        }
        if template.formatSuffix {
            guard let format, isFormat(format) else { return false }
            url.append(UInt8(ascii: "."))
            url.append(contentsOf: format.utf8)
        }
        return true
    }

    /// Whether a value may stand for a parameter: its matcher accepts it and it has no `/`. The
    /// default lookup (`[^/.]+`) in one pass over the bytes.
    private static func fits(_ value: String, _ matcher: SegmentMatcher) -> Bool {
        if case .lookup = matcher {
            var value = value
            return value.withUTF8 { bytes in
                for byte in bytes where byte == UInt8(ascii: ".") || byte == UInt8(ascii: "/") { return false }
                return !bytes.isEmpty
            }
        }
        return matcher.matches(Substring(value)) && !value.utf8.contains(UInt8(ascii: "/"))
    }

    private static func isFormat(_ text: String) -> Bool {
        !text.isEmpty
            && text.utf8.allSatisfy {
                ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z")) || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9"))
            }
    }
}

/// A pattern as reversing reads it, made once when the URL conf is built: the literals already
/// quoted, the parameter names, whether they are distinct.
struct ReverseTemplate: Sendable {
    enum Piece: Sendable {
        case literal([UInt8])
        case parameter(String, SegmentMatcher)
    }

    /// Django's `safe` characters for reversed URLs, besides letters, digits and `_.-~`.
    static let safe: StaticString = "/:@!$&'()*+,;="

    let pieces: [Piece]
    let tokenParameterNames: [String]
    let parameterNames: [String]
    let formatSuffix: Bool
    /// No name twice, and none is `format`: then a kwargs dictionary with as many keys as the
    /// pattern has names, holding every name, has exactly the pattern's keys.
    let namesAreDistinct: Bool

    init(_ pattern: RoutePattern) {
        pieces = pattern.tokens.map { token in
            switch token {
            case .literal(let text):
                var quoted: [UInt8] = []
                PercentEncoding.appendQuoted(text, safe: Self.safe, into: &quoted)
                return .literal(quoted)
            case .parameter(let name, let matcher):
                return .parameter(name, matcher)
            }
        }
        tokenParameterNames = pattern.tokenParameterNames
        parameterNames = pattern.parameterNames
        formatSuffix = pattern.formatSuffix
        namesAreDistinct =
            Set(tokenParameterNames).count == tokenParameterNames.count
            && !tokenParameterNames.contains(RoutePattern.formatKwarg)
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

/// Django's `ValueError` from `reverse()` given both positional and keyword values (a format
/// counts as a keyword). Not a `NoReverseMatch`: it is a programming error, so a versioning
/// scheme's `reverse` that adds the version as a keyword to positional `args` (URLPathVersioning)
/// fails with it instead of falling back to the unversioned URL, as DRF does.
public struct ReverseArgumentsMixed: Error, Sendable, CustomStringConvertible {
    public let name: String
    public init(name: String) { self.name = name }
    public var description: String { "Don't mix *args and **kwargs in call to reverse()! (reversing '\(name)')" }
}
