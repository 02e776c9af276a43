import RESTFramework

/// What `APIClient` got back: the response as the wire would carry it.
///
///     let response = client.get("/api/users/99/")
///     response.status                  // 404
///     response.headers["content-type"] // "application/json" (names are case-insensitive)
///     response.json["detail"]          // "No User matches the given query."
public struct TestResponse: Sendable {
    public let status: Int
    public let headers: Headers
    /// The body bytes (empty for HEAD, as the server sends it).
    public let body: [UInt8]

    public init(_ rendered: RenderedResponse) {
        status = rendered.status
        headers = rendered.headers
        body = rendered.body
    }

    /// The body bytes; `body` under the name Starlette's and Hummingbird's clients use.
    public var bytes: [UInt8] { body }

    /// The body as UTF-8 text (invalid bytes become U+FFFD).
    public var text: String { String(decoding: body, as: UTF8.self) }

    /// The body parsed as JSON, for `response.json["detail"]`. An empty body, or one that is
    /// not JSON, is `null` here (so every member lookup is nil); `decodedJSON()` throws instead.
    public var json: JSON { (try? decodedJSON()) ?? .null }

    /// The body parsed as JSON; throws `JSONParseError` when it is not JSON.
    public func decodedJSON() throws -> JSON { try JSON.parse(body) }
}
