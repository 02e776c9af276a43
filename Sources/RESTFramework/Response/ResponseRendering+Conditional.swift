extension ResponseRendering {
    /// A 200 to GET or HEAD that a view tagged (`Response.etag`, `Response.lastModified`): sends
    /// the `ETag` and `Last-Modified`, then evaluates the preconditions against them (304 without
    /// a body, or 412). Runs on the rendered bytes, before HEAD drops them, so HEAD carries GET's
    /// tag; an HTML rendering gets the tag of its own bytes.
    static func applyConditionalGet(
        _ source: ResponseETag?, lastModified: HTTPDate?, request: Request, status: inout Int, headers: inout Headers,
        body: inout [UInt8]
    ) {
        guard status == 200, request.method == .get || request.method == .head else { return }
        var tag: EntityTag?
        switch source {
        case .ofRepresentation?: tag = .ofRepresentation(body)
        case .tag(let given)?: tag = given
        case nil: tag = nil
        }
        if let tag { headers["ETag"] = tag.headerValue }
        if let lastModified { headers["Last-Modified"] = lastModified.headerValue }
        let preconditions = Preconditions(request.headers)
        if preconditions.isEmpty { return }
        switch preconditions.evaluate(method: request.method, current: tag, lastModified: lastModified) {
        case .proceed:
            return
        case .notModified:
            // RFC 9110 §15.4.5: no content, and no representation metadata; ETag, Vary and the
            // rest stay, as a 200 would have sent them.
            status = 304
            body = []
            for name in ["Content-Type", "Content-Length", "Content-Language", "Content-Encoding"] { headers.remove(name) }
        case .failed:
            status = 412
            headers.remove("ETag")
            headers.remove("Last-Modified")
            let renderer = request.acceptedRenderer ?? JSONRenderer()
            body = renderer.render(PreconditionFailed().responseData, acceptedMediaType: request.acceptedMediaType, request: request)
        }
    }
}
