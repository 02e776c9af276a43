/// DRF's `JSONParser`. STUB: strict parsing to be completed.
public struct JSONParser: Parser {
    public init() {}
    public var mediaType: String { "application/json" }
    public func parse(_ body: [UInt8], mediaType: String, request: Request) throws -> JSON {
        throw ParseError("JSON parse error - not implemented")
    }
}

/// DRF's `FormParser`: `application/x-www-form-urlencoded` into an object of strings
/// (the last value of a repeated key, as `QueryDict.__getitem__`).
public struct FormParser: Parser {
    public init() {}
    public var mediaType: String { "application/x-www-form-urlencoded" }
    public func parse(_ body: [UInt8], mediaType: String, request: Request) throws -> JSON {
        let query = QueryDict(parsing: String(decoding: body, as: UTF8.self))
        var object = JSONObject()
        for key in query.keys { object[key] = .string(query[key] ?? "") }
        return .object(object)
    }
}
