/// DRF's `BaseVersioning`: how a request says which version of the API it wants. A view (or the
/// settings) names one scheme; `APIView.initial` asks it for the version after content
/// negotiation and before authentication, as DRF's `initial()` does, and keeps both on the
/// request (`request.version`, `request.versioningScheme`). A URL reversed for that request
/// (`reverse`, `reverseAction`, hyperlinked fields, the API root) asks the scheme too, so links
/// stay in the version the client asked for.
///
///     final class UserViewSet: ModelViewSet<QuerySet<User>> {
///         override class var queryset: QuerySet<User>? { User.objects.orderBy("id") }
///         override class var versioningClass: (any Versioning)? { URLPathVersioning(allowedVersions: ["v1", "v2"]) }
///         override func getSerializerClass() throws -> Serializer.Type {
///             request.version == "v1" ? BriefUserSerializer.self : UserSerializer.self
///         }
///     }
///
/// A scheme of one's own implements `determineVersion` (and `reverse` when the version lives in
/// the URL); `isAllowedVersion` and the options work as in DRF's base class.
public protocol Versioning: Sendable {
    /// DRF's `default_version`, `allowed_versions` and `version_param`; what is nil here is
    /// taken from the settings (`defaultVersion`, `allowedVersions`, `versionParam`) before
    /// `determineVersion` runs.
    var options: VersioningOptions { get set }

    /// DRF's `determine_version(request, *args, **kwargs)`: the version `request` asks for (the
    /// URL kwargs and namespace are the view's), or DRF's error for a version not allowed.
    func determineVersion(_ request: Request, view: APIView) throws -> String?

    /// DRF's `reverse`: `name` reversed for a request of this scheme's version. The default is
    /// the URL conf's own reverse (`reverseWithoutVersion`): the version is not in the URL.
    func reverse(
        _ name: String, args: [String], kwargs: [String: String], request: Request, format: String?, urls: URLConf
    ) throws -> String
}

/// DRF's three class attributes of `BaseVersioning`, each nil until a scheme or the settings set it.
///
///     var scheme = QueryParameterVersioning(defaultVersion: "1.0", allowedVersions: ["1.0", "2.0"])
///     scheme.options.versionParam = "v"   // ?v=2.0
public struct VersioningOptions: Sendable {
    /// DRF's `default_version`: the version of a request that names none.
    public var defaultVersion: String?
    /// DRF's `allowed_versions`: nil or empty allows any version.
    public var allowedVersions: [String]?
    /// DRF's `version_param`: the URL kwarg, query parameter or media type parameter.
    public var versionParam: String?

    public init(defaultVersion: String? = nil, allowedVersions: [String]? = nil, versionParam: String? = nil) {
        self.defaultVersion = defaultVersion
        self.allowedVersions = allowedVersions
        self.versionParam = versionParam
    }

    /// These options, what is nil taken from the settings (DRF's `DEFAULT_VERSION`,
    /// `ALLOWED_VERSIONS`, `VERSION_PARAM`).
    public func filled(from settings: APISettings) -> VersioningOptions {
        VersioningOptions(
            defaultVersion: defaultVersion ?? settings.defaultVersion,
            allowedVersions: allowedVersions ?? settings.allowedVersions,
            versionParam: versionParam ?? settings.versionParam)
    }
}

extension Versioning {
    public var defaultVersion: String? { options.defaultVersion }
    public var allowedVersions: [String]? { options.allowedVersions }
    /// `version` unless set otherwise (DRF's `VERSION_PARAM` default).
    public var versionParam: String { options.versionParam ?? "version" }

    /// DRF's `is_allowed_version`: any version (nil too) when none are listed; else the default
    /// version or a listed one, and no version at all is refused.
    public func isAllowedVersion(_ version: String?) -> Bool {
        guard let allowed = allowedVersions, !allowed.isEmpty else { return true }
        guard let version else { return false }
        return version == defaultVersion || allowed.contains(version)
    }

    public func reverse(
        _ name: String, args: [String], kwargs: [String: String], request: Request, format: String?, urls: URLConf
    ) throws -> String {
        try urls.reverseWithoutVersion(name, args: args, kwargs: kwargs, request: request, format: format)
    }
}
