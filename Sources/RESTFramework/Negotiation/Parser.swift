/// Turns a request body of one media type into data: DRF's parser classes.
public protocol Parser: Sendable {
    /// The media type this parser handles, e.g. `application/json`.
    var mediaType: String { get }
    /// Parses a non-empty body; throws `ParseError` with DRF's message on malformed input.
    func parse(_ body: [UInt8], mediaType: String, request: Request) throws -> JSON
}

/// Picks the parser for a request's Content-Type and runs it (DRF's `Request._parse`).
enum BodyParsing {
    static func parse(_ request: Request) throws -> JSON {
        // An empty body is empty data whatever its Content-Type: never a 415 or a parse error.
        // For a form type DRF's empty data is an (empty) QueryDict: serializers then apply
        // their HTML-form rules, so record it as form data.
        if request.body.isEmpty {
            if let contentType = request.contentType, Self.isFormMediaType(contentType) {
                request.extensions[FormDataKey.self] = QueryDict()
            }
            return .object(JSONObject())
        }
        let contentType = request.contentType ?? ""
        guard let parser = MediaType.select(parserFor: contentType, from: request.parsers) else {
            throw UnsupportedMediaType(contentType)
        }
        return try parser.parse(request.body, mediaType: contentType, request: request)
    }

    /// DRF's `is_form_media_type`.
    static func isFormMediaType(_ contentType: String) -> Bool {
        let type = MediaType.parsed(contentType).fullType
        return type == "application/x-www-form-urlencoded" || type == "multipart/form-data"
    }
}
