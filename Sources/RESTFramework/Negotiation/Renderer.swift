/// Turns response data into bytes of one media type: DRF's renderer classes.
public protocol Renderer: Sendable {
    var mediaType: String { get }
    /// The `?format=` / `.suffix` name (`json`).
    var format: String { get }
    var charset: String? { get }
    /// Renders `data`; `acceptedMediaType` carries parameters such as `indent=4`.
    func render(_ data: JSON?, acceptedMediaType: String?, request: Request?) -> [UInt8]
    /// Renders a view's finalized response: DRF's `render(data, accepted_media_type,
    /// renderer_context)`, whose context holds the view and the response. The default renders
    /// `response.data` alone; the browsable API renders a page around it (and, as DRF's, shows a
    /// 204 as 200, so the page has a body). `view` is nil for answers no view gave (a 404 of the
    /// URL conf, a refused host).
    func render(_ response: inout Response, view: APIView?, request: Request?) -> [UInt8]
}

extension Renderer {
    public var charset: String? { nil }

    public func render(_ response: inout Response, view: APIView?, request: Request?) -> [UInt8] {
        render(response.data, acceptedMediaType: request?.acceptedMediaType, request: request)
    }
}
