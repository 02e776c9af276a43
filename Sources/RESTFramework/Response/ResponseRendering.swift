/// Turns a finalized `Response` into bytes with the negotiated renderer (DRF's
/// `Response.rendered_content`): no body means no Content-Type; HEAD drops the body.
public enum ResponseRendering {
    public static func render(_ response: Response, request: Request?) -> RenderedResponse {
        var headers = response.headers
        var body: [UInt8]
        var contentType: String?
        if let raw = response.rawBody {
            body = raw
            contentType = response.contentType
        } else {
            let renderer = request?.acceptedRenderer ?? JSONRenderer()
            body = renderer.render(response.data, acceptedMediaType: request?.acceptedMediaType, request: request)
            contentType = renderer.charset.map { "\(renderer.mediaType); charset=\($0)" } ?? renderer.mediaType
        }
        if !body.isEmpty, let contentType, !headers.contains("Content-Type") {
            headers["Content-Type"] = contentType
        }
        var status = response.status
        if let etag = response.etag, let request {
            applyConditionalGet(etag, request: request, status: &status, headers: &headers, body: &body)
        }
        if request?.method == .head { body = [] }
        return RenderedResponse(status: status, headers: headers, body: body)
    }
}
