/// DRF's `JSONParser`: strict JSON (`NaN`, `Infinity`, trailing commas, invalid UTF-8 refused)
/// with Python's messages, `JSON parse error - Expecting value: line 1 column 1 (char 0)`.
/// The body is decoded with the Content-Type's charset (UTF-8 by default) as Django would.
///
///     let data = try JSONParser().parse(Array(#"{"a":1}"#.utf8), mediaType: "application/json", request: request)
public struct JSONParser: Parser {
    public init() {}
    public var mediaType: String { "application/json" }

    public func parse(_ body: [UInt8], mediaType: String, request: Request) throws -> JSON {
        do {
            return try JSON.parse(BodyCharset(contentType: mediaType).utf8Bytes(body))
        } catch let error as JSONParseError {
            throw ParseError("JSON parse error - \(error)")
        }
    }
}
