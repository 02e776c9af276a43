/// DRF's `SchemaView` (drf-spectacular's `SpectacularAPIView`): `GET` answers the OpenAPI 3.1
/// document of the URL conf that routed the request, as `application/vnd.oai.openapi+json`
/// (DRF's media type for OpenAPI in JSON), open to anyone by default. Mount it with a plain
/// path, so that a DefaultRouter's root does not list it (as in DRF):
///
///     let urls = try URLConf([
///         .include("api/", router),
///         .path("api/schema/", SchemaView.asView(), name: "schema"),
///     ])
///
/// Subclass it to name the API or change who may read the document:
///
///     final class APISchema: SchemaView {
///         override class var generator: SchemaGenerator { SchemaGenerator(title: "Todo API", version: "2.0.0") }
///         override class var permissionClasses: [any Permission]? { [IsAuthenticated()] }
///     }
open class SchemaView: APIView, GetHandler, SchemaExcludedView {
    override open class var permissionClasses: [any Permission]? { [AllowAny()] }
    override open class var rendererClasses: [any Renderer]? {
        [OpenAPIJSONRenderer(), OpenAPIJSONRenderer(mediaType: "application/json", format: "json")]
    }
    /// The generator, with the document's title and version.
    open class var generator: SchemaGenerator { SchemaGenerator() }

    public func get(_ request: Request) throws -> Response {
        let document = Self.generator.document(urls: urls ?? URLConf(), settings: settings)
        return Response(document)
    }
}

/// DRF's `JSONOpenAPIRenderer`: the document as `SchemaGenerator.render` writes it, under
/// `application/vnd.oai.openapi+json` (`?format=openapi-json`), or under `application/json`
/// (`?format=json`) for clients that ask for plain JSON, as drf-spectacular's second renderer.
public struct OpenAPIJSONRenderer: Renderer {
    public let mediaType: String
    public let format: String

    public init(mediaType: String = "application/vnd.oai.openapi+json", format: String = "openapi-json") {
        self.mediaType = mediaType
        self.format = format
    }

    public func render(_ data: JSON?, acceptedMediaType: String?, request: Request?) -> [UInt8] {
        data.map(SchemaGenerator.render) ?? []
    }
}

extension SchemaView {
    /// The generator of the first `SchemaView` a URL conf mounts, nil when none: what the
    /// `schema` command writes with, so that it gives the view's bytes.
    public static func generator(mountedIn urls: URLConf) -> SchemaGenerator? {
        for pattern in urls.patterns {
            if let view = pattern.endpoint.viewType as? SchemaView.Type { return view.generator }
        }
        return nil
    }
}
