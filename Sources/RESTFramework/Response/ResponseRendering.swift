/// Turns a finalized `Response` into bytes with the negotiated renderer (DRF's
/// `Response.rendered_content`): no body means no Content-Type; HEAD drops the body.
public enum ResponseRendering {
    /// `view` is the view that answered (the browsable API's page describes it), nil for
    /// answers no view gave.
    public static func render(_ response: Response, request: Request?, view: APIView? = nil) -> RenderedResponse {
        var response = response
        var body: [UInt8]
        var contentType: String?
        if let raw = response.rawBody {
            body = raw
            contentType = response.contentType
        } else {
            let renderer = request?.acceptedRenderer ?? JSONRenderer()
            body = renderer.render(&response, view: view, request: request)
            contentType = renderer.charset.map { "\(renderer.mediaType); charset=\($0)" } ?? renderer.mediaType
        }
        var headers = response.headers
        if !body.isEmpty, let contentType, !headers.contains("Content-Type") {
            headers["Content-Type"] = contentType
        }
        var status = response.status
        if response.etag != nil || response.lastModified != nil, let request {
            applyConditionalGet(
                response.etag, lastModified: response.lastModified, request: request, status: &status, headers: &headers,
                body: &body)
        }
        if request?.method == .head { body = [] }
        return RenderedResponse(status: status, headers: headers, body: body)
    }
}
