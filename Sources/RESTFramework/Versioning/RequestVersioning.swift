/// The three schemes that read the version from elsewhere in the request: DRF's
/// `AcceptHeaderVersioning`, `HostNameVersioning` and `QueryParameterVersioning`.
///
///     settings.versioningClass = AcceptHeaderVersioning()          // Accept: application/json; version=1.0
///     settings.versioningClass = HostNameVersioning()              // Host: v1.example.com
///     settings.versioningClass = QueryParameterVersioning()        // GET /books/?version=1.0
public struct AcceptHeaderVersioning: Versioning {
    public static let invalidVersionMessage = "Invalid version in \"Accept\" header."
    public var options: VersioningOptions

    public init(defaultVersion: String? = nil, allowedVersions: [String]? = nil, versionParam: String? = nil) {
        options = VersioningOptions(defaultVersion: defaultVersion, allowedVersions: allowedVersions, versionParam: versionParam)
    }

    /// The `version` parameter of the media type content negotiation accepted (so it is read
    /// from the Accept entry that chose the renderer); one not allowed is a 406.
    public func determineVersion(_ request: Request, view: APIView) throws -> String? {
        let accepted = MediaType(request.acceptedMediaType ?? "")
        let version = accepted.parameter(versionParam) ?? defaultVersion
        guard isAllowedVersion(version) else { throw NotAcceptable(Self.invalidVersionMessage) }
        return version
    }
}

/// DRF's `HostNameVersioning`: the first label of a three-label host name of ASCII letters and
/// digits (`v1.example.com`, port ignored); any other host is the default version.
public struct HostNameVersioning: Versioning {
    public static let invalidVersionMessage = "Invalid version in hostname."
    public var options: VersioningOptions

    public init(defaultVersion: String? = nil, allowedVersions: [String]? = nil, versionParam: String? = nil) {
        options = VersioningOptions(defaultVersion: defaultVersion, allowedVersions: allowedVersions, versionParam: versionParam)
    }

    public func determineVersion(_ request: Request, view: APIView) throws -> String? {
        guard let version = Self.versionLabel(of: request.host) else { return defaultVersion }
        guard isAllowedVersion(version) else { throw NotFound(Self.invalidVersionMessage) }
        return version
    }

    /// DRF's `^([a-zA-Z0-9]+)\.[a-zA-Z0-9]+\.[a-zA-Z0-9]+$` on the host before its first `:`.
    static func versionLabel(of host: String) -> String? {
        let name = host.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        let labels = name.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count == 3 else { return nil }
        for label in labels {
            guard !label.isEmpty, label.utf8.allSatisfy(Self.isASCIIAlphanumeric) else { return nil }
        }
        return String(labels[0])
    }

    private static func isASCIIAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }
}

/// DRF's `QueryParameterVersioning`: `?version=1.0` (the last value, as Django's `QueryDict`);
/// links reversed for the request carry the same parameter.
public struct QueryParameterVersioning: Versioning {
    public static let invalidVersionMessage = "Invalid version in query parameter."
    public var options: VersioningOptions

    public init(defaultVersion: String? = nil, allowedVersions: [String]? = nil, versionParam: String? = nil) {
        options = VersioningOptions(defaultVersion: defaultVersion, allowedVersions: allowedVersions, versionParam: versionParam)
    }

    public func determineVersion(_ request: Request, view: APIView) throws -> String? {
        let version = request.query[versionParam] ?? defaultVersion
        guard isAllowedVersion(version) else { throw NotFound(Self.invalidVersionMessage) }
        return version
    }

    /// The plain URL with `?version=` set (DRF's `replace_query_param`: parameters sorted by name).
    public func reverse(
        _ name: String, args: [String], kwargs: [String: String], request: Request, format: String?, urls: URLConf
    ) throws -> String {
        let url = try urls.reverseWithoutVersion(name, args: args, kwargs: kwargs, request: request, format: format)
        guard let version = request.version else { return url }
        return ReversedURL.replacingQueryParameter(versionParam, with: version, in: url)
    }
}
