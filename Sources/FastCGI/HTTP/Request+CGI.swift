// Turning CGI/FastCGI params back into an HTTP request. Pure: no libfcgi, so it is tested
// without a socket.

extension Request {
    /// Builds a request from FastCGI params in the order received.
    ///
    ///     let request = Request(params: [("REQUEST_METHOD", "GET"), ("PATH_INFO", "/users/"),
    ///                                    ("HTTP_HOST", "api.example.com")])
    ///     request.host // "api.example.com"
    ///
    /// - path: the decoded request path, as nginx's `$uri`: `SCRIPT_NAME` + `PATH_INFO`, the
    ///   path as CGI splits it (nginx with deploy/nginx/fastcgi_params: `""` + `$uri`; Apache's
    ///   mod_proxy_fcgi: the whole path in `SCRIPT_NAME`, or in `PATH_INFO` with
    ///   `proxy-fcgi-pathinfo`; mod_fcgid: the first segment in `SCRIPT_NAME`, the rest in
    ///   `PATH_INFO`). When both are empty, `DOCUMENT_URI`; else the part of `REQUEST_URI`
    ///   before `?` (still percent-encoded: the last resort); else `/`.
    /// - scheme: `https` when `HTTPS` is set and not `off` (nginx sends `on`, Apache `on`/`1`),
    ///   else `REQUEST_SCHEME`, else `http`. Forwarded headers are *not* trusted here: whether to
    ///   believe `X-Forwarded-Proto` is an application setting.
    /// - host: the `Host` header; else `SERVER_NAME`, with `:SERVER_PORT` unless it is the
    ///   scheme's default port.
    public init(params list: [(String, String)], body: [UInt8] = []) {
        var params: [String: String] = [:]
        params.reserveCapacity(list.count)
        var headers = HTTPHeaders()
        for (name, value) in list {
            if params[name] == nil { params[name] = value }
            if let header = Self.headerName(forParam: name) {
                // nginx always sends CONTENT_TYPE/CONTENT_LENGTH, empty when the request has none.
                let absent = value.isEmpty && !name.hasPrefix("HTTP_")
                if !absent { headers.add(header, value) }
            }
        }
        func nonEmpty(_ name: String) -> String? {
            guard let value = params[name], !value.isEmpty else { return nil }
            return value
        }

        let cgiPath = Optional((params["SCRIPT_NAME"] ?? "") + (params["PATH_INFO"] ?? "")).flatMap { $0.isEmpty ? nil : $0 }
        let requestURI = nonEmpty("REQUEST_URI")
        let uriPath = requestURI.map { uri in String(uri.prefix { $0 != "?" }) }
        let uriQuery = requestURI.flatMap { uri in uri.firstIndex(of: "?").map { String(uri[uri.index(after: $0)...]) } }

        let https = nonEmpty("HTTPS").map { $0.lowercased() != "off" } ?? false
        let scheme = https ? "https" : (nonEmpty("REQUEST_SCHEME")?.lowercased() ?? "http")

        self.init(
            method: nonEmpty("REQUEST_METHOD") ?? "GET",
            path: cgiPath ?? nonEmpty("DOCUMENT_URI") ?? uriPath ?? "/",
            queryString: params["QUERY_STRING"] ?? uriQuery ?? "",
            headers: headers,
            contentType: nonEmpty("CONTENT_TYPE"),
            contentLength: nonEmpty("CONTENT_LENGTH").flatMap { Int($0) },
            remoteAddress: nonEmpty("REMOTE_ADDR"),
            scheme: scheme,
            host: nonEmpty("HTTP_HOST") ?? Self.serverHost(name: nonEmpty("SERVER_NAME"), port: nonEmpty("SERVER_PORT"), scheme: scheme),
            params: params,
            body: body)
    }

    /// `HTTP_X_FORWARDED_FOR` → `x-forwarded-for`; `CONTENT_TYPE`/`CONTENT_LENGTH` (which CGI
    /// passes without the prefix) → `content-type`/`content-length`; anything else → nil.
    public static func headerName(forParam name: String) -> String? {
        switch name {
        case "CONTENT_TYPE": return "content-type"
        case "CONTENT_LENGTH": return "content-length"
        default:
            guard name.hasPrefix("HTTP_"), name.utf8.count > 5 else { return nil }
            let bytes = name.utf8.dropFirst(5).map { byte -> UInt8 in
                byte == UInt8(ascii: "_") ? UInt8(ascii: "-") : HTTPHeaders.asciiLower(byte)
            }
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    static func serverHost(name: String?, port: String?, scheme: String) -> String {
        let host = name ?? "localhost"
        guard let port else { return host }
        let isDefault = (scheme == "http" && port == "80") || (scheme == "https" && port == "443")
        return isDefault ? host : host + ":" + port
    }
}
