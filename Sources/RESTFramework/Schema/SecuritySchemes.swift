/// An authentication class as an OpenAPI security scheme (drf-spectacular's
/// `OpenApiAuthenticationExtension`): the name operations refer to and the scheme object in
/// `components.securitySchemes`. Token, Basic and Session adopt it here (the session as
/// drf-spectacular's `cookieAuth`: `{"type":"apiKey","in":"cookie","name":"sessionid"}`), and
/// any other class of an application may. A class that does not is left out of `security`.
///
///     extension APIKeyAuthentication: OpenAPISecurityScheme {
///         var openAPISecuritySchemeName: String { "apiKeyAuth" }
///         var openAPISecurityScheme: JSON { ["type": "apiKey", "in": "header", "name": "X-API-Key"] }
///     }
public protocol OpenAPISecurityScheme: Authentication {
    var openAPISecuritySchemeName: String { get }
    var openAPISecurityScheme: JSON { get }
}

extension TokenAuthentication: OpenAPISecurityScheme {
    /// drf-spectacular's name for DRF's `TokenAuthentication`.
    public var openAPISecuritySchemeName: String { keyword.lowercased() == "bearer" ? "bearerAuth" : "tokenAuth" }

    /// `Authorization: Token <key>` is not an HTTP scheme OpenAPI knows (only `Bearer` is), so
    /// it is an API key in the `Authorization` header, its prefix said in the description.
    public var openAPISecurityScheme: JSON {
        if keyword.lowercased() == "bearer" { return ["type": "http", "scheme": "bearer"] }
        return [
            "type": "apiKey", "in": "header", "name": "Authorization",
            "description": .string("Token-based authentication with required prefix \"\(keyword)\""),
        ]
    }
}

extension BasicAuthentication: OpenAPISecurityScheme {
    public var openAPISecuritySchemeName: String { "basicAuth" }
    public var openAPISecurityScheme: JSON { ["type": "http", "scheme": "basic"] }
}

extension SessionAuthentication: OpenAPISecurityScheme {
    /// drf-spectacular's name for DRF's `SessionAuthentication`: the session cookie.
    public var openAPISecuritySchemeName: String { "cookieAuth" }
    public var openAPISecurityScheme: JSON { ["type": "apiKey", "in": "cookie", "name": .string(sessions.cookieName)] }
}
