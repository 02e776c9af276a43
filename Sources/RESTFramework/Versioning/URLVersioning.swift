/// The two schemes that read the version from the URL path: DRF's `URLPathVersioning` (a URL
/// kwarg) and `NamespaceVersioning` (the namespace of the `include` that matched). To a client
/// they look the same: `GET /v1/books/`.
///
///     var router = DefaultRouter()
///     try router.register("users", UserViewSet.self)
///     let byKwarg = try URLConf([.include("<version>/", router)])            // URLPathVersioning
///     let byNamespace = try URLConf([.include("v1/", router, namespace: "v1"),
///                                    .include("v2/", router, namespace: "v2")])   // NamespaceVersioning
public struct URLPathVersioning: Versioning {
    public static let invalidVersionMessage = "Invalid version in URL path."
    public var options: VersioningOptions

    public init(defaultVersion: String? = nil, allowedVersions: [String]? = nil, versionParam: String? = nil) {
        options = VersioningOptions(defaultVersion: defaultVersion, allowedVersions: allowedVersions, versionParam: versionParam)
    }

    /// The `version` kwarg of the URL (else the default); one not allowed is a 404.
    public func determineVersion(_ request: Request, view: APIView) throws -> String? {
        let version = view.kwargs[versionParam] ?? defaultVersion
        guard isAllowedVersion(version) else { throw NotFound(Self.invalidVersionMessage) }
        return version
    }

    /// The request's version goes into the kwargs (DRF adds it to `kwargs` even with `args`,
    /// which Django refuses).
    public func reverse(
        _ name: String, args: [String], kwargs: [String: String], request: Request, format: String?, urls: URLConf
    ) throws -> String {
        var kwargs = kwargs
        if let version = request.version { kwargs[versionParam] = version }
        return try urls.reverseWithoutVersion(name, args: args, kwargs: kwargs, request: request, format: format)
    }
}

/// DRF's `NamespaceVersioning`: the version is the namespace of the `include` the request came
/// through (`.include("v1/", router, namespace: "v1")`); for nested namespaces (`api:v1`) the
/// first allowed one. No namespace is the default version; none allowed is a 404.
public struct NamespaceVersioning: Versioning {
    public static let invalidVersionMessage = "Invalid version in URL path. Does not match any version namespace."
    public var options: VersioningOptions

    public init(defaultVersion: String? = nil, allowedVersions: [String]? = nil, versionParam: String? = nil) {
        options = VersioningOptions(defaultVersion: defaultVersion, allowedVersions: allowedVersions, versionParam: versionParam)
    }

    public func determineVersion(_ request: Request, view: APIView) throws -> String? {
        guard let namespace = view.urlNamespace, !namespace.isEmpty else { return defaultVersion }
        for part in namespace.split(separator: ":", omittingEmptySubsequences: false) where isAllowedVersion(String(part)) {
            return String(part)
        }
        throw NotFound(Self.invalidVersionMessage)
    }

    /// `book-list` becomes `<version>:book-list` (DRF's `get_versioned_viewname`).
    public func reverse(
        _ name: String, args: [String], kwargs: [String: String], request: Request, format: String?, urls: URLConf
    ) throws -> String {
        try urls.reverseWithoutVersion(
            versionedViewName(name, request: request), args: args, kwargs: kwargs, request: request, format: format)
    }

    /// DRF's `get_versioned_viewname`: `<version>:<name>` (the name as it is without a version).
    /// Hyperlinked input must match it too.
    public func versionedViewName(_ name: String, request: Request) -> String {
        request.version.map { $0 + ":" + name } ?? name
    }
}
