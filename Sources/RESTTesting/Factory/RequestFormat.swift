import RESTFramework

/// How a test request's `data` becomes its body: DRF's test `format` argument.
///
///     client.post("/api/notes/", data: ["title": "Hi"])                  // multipart, DRF's default
///     client.post("/api/notes/", data: ["title": "Hi"], format: .json)   // application/json
///
/// DRF's default is `multipart` (`TEST_REQUEST_DEFAULT_FORMAT`), for compatibility with
/// Django's test client; `APIClient(app, defaultFormat: .json)` changes it for one client.
public enum RequestFormat: Sendable, Equatable {
    /// `multipart/form-data; boundary=BoUnDaRyStRiNg`, as Django's `encode_multipart` writes it.
    case multipart
    /// `application/json`, compact, as DRF's `JSONRenderer` writes it.
    case json
    /// `application/x-www-form-urlencoded`, as Django's `urlencode(data, doseq=True)` writes it.
    case form

    /// The body and its `Content-Type` for `data`.
    func encode(_ data: JSON) -> (body: [UInt8], contentType: String) {
        switch self {
        case .json:
            return (JSONWriter.render(data), "application/json")
        case .form:
            return (Array(QueryDict(FormFields.pairs(of: data)).urlencoded().utf8), "application/x-www-form-urlencoded")
        case .multipart:
            return (
                MultipartBody.encode(FormFields.pairs(of: data)),
                "multipart/form-data; boundary=\(MultipartBody.boundary)"
            )
        }
    }
}
