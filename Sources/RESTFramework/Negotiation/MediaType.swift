/// A media type as DRF's `_MediaType` reads one from a Content-Type or Accept entry: lower-cased
/// `type/subtype` plus parameters. Matching ignores the other side's extra parameters, so
/// `application/json; charset=utf-8` selects the JSON parser and `application/json; indent=4`
/// the JSON renderer.
///
///     let accepted = MediaType("application/json; indent=4")
///     accepted.precedence                                    // 3
///     MediaType("application/json").matches(accepted)        // true
///     MediaType("application/json").matches(MediaType("text/*"))   // false
public struct MediaType: Sendable, CustomStringConvertible {
    /// `type/subtype`, lower-cased (empty for an empty header).
    public let fullType: String
    public let mainType: String
    /// What follows the first `/` (empty when there is none).
    public let subType: String
    public let parameters: [(name: String, value: String)]

    public init(_ text: String) {
        let parsed = HeaderParameters.parse(text)
        fullType = parsed.value
        parameters = parsed.parameters
        if let slash = fullType.firstIndex(of: "/") {
            mainType = String(fullType[..<slash])
            subType = String(fullType[fullType.index(after: slash)...])
        } else {
            mainType = fullType
            subType = ""
        }
    }

    private static let memo = SnapshotCache<[UInt8], MediaType>(limit: 32)

    /// `MediaType(text)`, kept for the texts seen first (renderers' and parsers' types, which
    /// negotiation parses for every request).
    static func parsed(_ text: String) -> MediaType { memo.value(forText: text, make: MediaType.init) }

    public func parameter(_ name: String) -> String? { parameters.first { $0.name == name }?.value }

    /// DRF's precedence: 3 `type/sub; param=…`, 2 `type/sub` (a lone `q` does not count),
    /// 1 `type/*`, 0 `*/*`.
    public var precedence: Int {
        if mainType == "*" { return 0 }
        if subType == "*" { return 1 }
        if parameters.isEmpty || (parameters.count == 1 && parameters[0].name == "q") { return 2 }
        return 3
    }

    /// DRF's `_MediaType.match`: whether this type satisfies `other`. Every parameter of this
    /// type except `q` must be in `other` with the same value; wildcards on either side match.
    public func matches(_ other: MediaType) -> Bool {
        for parameter in parameters where parameter.name != "q" && other.parameter(parameter.name) != parameter.value {
            return false
        }
        if subType != "*" && other.subType != "*" && other.subType != subType { return false }
        if mainType != "*" && other.mainType != "*" && other.mainType != mainType { return false }
        return true
    }

    /// `type/sub; name=value`, as DRF's `__str__`.
    public var description: String {
        parameters.reduce("\(mainType)/\(subType)") { $0 + "; \($1.name)=\($1.value)" }
    }

    /// DRF's `select_parser`: the first parser whose media type matches the Content-Type
    /// (`media_type_matches(parser.media_type, request.content_type)`).
    static func select(parserFor contentType: String, from parsers: [any Parser]) -> (any Parser)? {
        let requested = MediaType.parsed(contentType)
        return parsers.first { MediaType.parsed($0.mediaType).matches(requested) }
    }
}
