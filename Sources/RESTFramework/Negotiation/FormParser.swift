/// DRF's `FormParser`: `application/x-www-form-urlencoded` into a `QueryDict`. `data` shows each
/// key once with its last value (what `QueryDict.__getitem__` and serializers read);
/// `request.formData` keeps every value. Blank values are kept (`a=` and `a`), as Django keeps them.
/// More fields than `request.dataUploadMaxNumberFields` (Django's 1,000) is `TooManyFieldsSent`.
///
///     let body = Array("tag=x&tag=y&name=".utf8)
///     try FormParser().parse(body, mediaType: "application/x-www-form-urlencoded", request: request)
///     // data ["tag": "y", "name": ""], and request.formData?.list("tag") == ["x", "y"]
public struct FormParser: Parser {
    public init() {}
    public var mediaType: String { "application/x-www-form-urlencoded" }

    public func parse(_ body: [UInt8], mediaType: String, request: Request) throws -> JSON {
        // Counted before anything is decoded: a body over the limit costs one pass.
        if let limit = request.dataUploadMaxNumberFields, QueryDict.fieldCount(body) > limit { throw TooManyFieldsSent() }
        let query = QueryDict(parsing: BodyCharset(contentType: mediaType).text(body))
        request.extensions[FormDataKey.self] = query
        return query.lastValueObject
    }
}
