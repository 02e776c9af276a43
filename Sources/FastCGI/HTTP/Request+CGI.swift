// Turning CGI/FastCGI params back into an HTTP request. Pure: no libfcgi, so it is tested
// without a socket.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
        // One pass picks out the params the fields derive from (the last of a repeated name
        // wins, as in `params`) and the headers; `params` itself is built only when read.
        var collected = CollectedParams()
        for (name, value) in list {
            collected.add(value, as: ParamRole(name: name))
        }
        self.init(collected, params: .list(list), body: body)
    }

    /// The fields, derived from what one pass over the params collected.
    init(_ collected: consuming CollectedParams, params: ParamStorage, body: [UInt8]) {
        let known = collected.known
        func nonEmpty(_ value: String?) -> String? {
            guard let value, !value.isEmpty else { return nil }
            return value
        }

        let cgiPath = Optional((known.scriptName ?? "") + (known.pathInfo ?? "")).flatMap { $0.isEmpty ? nil : $0 }
        let requestURI = nonEmpty(known.requestURI)
        let https = nonEmpty(known.https).map { $0.lowercased() != "off" } ?? false
        let scheme = https ? "https" : (nonEmpty(known.requestScheme)?.lowercased() ?? "http")

        self.init(
            method: nonEmpty(known.method) ?? "GET",
            path: cgiPath ?? nonEmpty(known.documentURI) ?? requestURI.map { uri in String(uri.prefix { $0 != "?" }) } ?? "/",
            queryString: known.queryString
                ?? requestURI.flatMap { uri in uri.firstIndex(of: "?").map { String(uri[uri.index(after: $0)...]) } } ?? "",
            headers: collected.headers,
            contentType: nonEmpty(known.contentType),
            contentLength: nonEmpty(known.contentLength).flatMap { Int($0) },
            remoteAddress: nonEmpty(known.remoteAddress),
            scheme: scheme,
            host: nonEmpty(known.host)
                ?? Self.serverHost(name: nonEmpty(known.serverName), port: nonEmpty(known.serverPort), scheme: scheme),
            paramStorage: params,
            body: body,
            // Passed in, not set after: a mutation after `self.init` copied the whole request.
            requestID: RequestID.validated(known.requestID) ?? RequestID.validated(known.uniqueID))
    }

    /// What `init(params:)` does with a param of this name: the field it may set and the header
    /// it becomes. Worked out per param, or once per known name (`ParamNames`).
    struct ParamRole {
        let slot: KnownParams.Slot?
        let header: String?
        /// An `HTTP_*` param: a header even when empty (CGI's own CONTENT_TYPE/CONTENT_LENGTH
        /// are not: nginx always sends them, empty when the request has none).
        let keepsEmptyHeader: Bool
        /// One bit per known name (`ParamNames`), so a repeat is noticed without a lookup; 0
        /// for any other name.
        let seenBit: UInt64

        init(name: String, seenBit: UInt64 = 0) {
            slot = KnownParams.slot(for: name)
            header = Request.headerName(forParam: name)
            keepsEmptyHeader = header != nil && name.hasPrefix("HTTP_")
            self.seenBit = seenBit
        }
    }

    /// The params' contribution to the fields, collected in order.
    ///
    /// A name sent twice counts with its last value, as PHP-FPM and Python's FastCGI servers
    /// read params: `include fastcgi_params; fastcgi_param SCRIPT_NAME "";` is nginx's usual way
    /// to override one, and nginx then sends both. For a header param the earlier field goes,
    /// so `headers` agrees with the field derived from it (`host`). A repeat is noticed with a
    /// bit per known name; other `HTTP_*` names replace any field of their header (a search).
    /// nginx sends every POST's Content-Type and Content-Length twice, as CGI's CONTENT_TYPE
    /// and as HTTP_CONTENT_TYPE: the header keeps HTTP_CONTENT_TYPE's value, moved last.
    struct CollectedParams {
        var known = KnownParams()
        var headers = Headers()
        private var seen: UInt64 = 0

        init() {
            // A browser sends ~10 headers: growing the array from empty cost three reallocations.
            headers.reserveCapacity(16)
        }

        // Inlined: called per param, and a call passing the role (two strings) costs more than its body.
        @inline(__always)
        mutating func add(_ value: String, as role: ParamRole) {
            var repeated = seen & role.seenBit != 0
            seen |= role.seenBit
            if let slot = role.slot, known.keep(slot, value) { repeated = true }
            guard let header = role.header else { return }
            let kept = !value.isEmpty || role.keepsEmptyHeader
            // A header param no bit or field tells about: `replace` removes an earlier field of
            // its name if there is one (a search either way, so no `contains` first).
            if !repeated && role.seenBit == 0 && role.slot == nil { repeated = true }
            if repeated {
                headers.replace(header, kept ? value : nil)
            } else if kept {
                headers.add(header, value)
            }
        }
    }

    /// The params `init(params:)` derives fields from, each the last of its name.
    struct KnownParams {
        var method, scriptName, pathInfo, documentURI, requestURI, queryString: String?
        var https, requestScheme, contentType, contentLength, remoteAddress, host, serverName, serverPort: String?
        var requestID, uniqueID: String?

        enum Slot {
            case method, scriptName, pathInfo, documentURI, requestURI, queryString
            case https, requestScheme, contentType, contentLength, remoteAddress, host, serverName, serverPort
            case requestID, uniqueID
        }

        /// Sets the field; true when it was set already (the name is repeated).
        @inline(__always)
        mutating func keep(_ slot: Slot, _ value: String) -> Bool {
            func keep(_ field: inout String?) -> Bool {
                defer { field = value }
                return field != nil
            }
            switch slot {
            case .method: return keep(&method)
            case .scriptName: return keep(&scriptName)
            case .pathInfo: return keep(&pathInfo)
            case .documentURI: return keep(&documentURI)
            case .requestURI: return keep(&requestURI)
            case .queryString: return keep(&queryString)
            case .https: return keep(&https)
            case .requestScheme: return keep(&requestScheme)
            case .contentType: return keep(&contentType)
            case .contentLength: return keep(&contentLength)
            case .remoteAddress: return keep(&remoteAddress)
            case .host: return keep(&host)
            case .serverName: return keep(&serverName)
            case .serverPort: return keep(&serverPort)
            case .requestID: return keep(&requestID)
            case .uniqueID: return keep(&uniqueID)
            }
        }

        static func slot(for name: String) -> Slot? {
            // By length first: most of the ~25 params a web server sends match no length here,
            // and a long name compared against every literal was a measurable cost per request.
            switch name.utf8.count {
            case 5: return name == "HTTPS" ? .https : nil
            case 9: return name == "PATH_INFO" ? .pathInfo : name == "HTTP_HOST" ? .host : name == "UNIQUE_ID" ? .uniqueID : nil
            case 10: return name == "REQUEST_ID" ? .requestID : nil
            case 11:
                switch name {
                case "SCRIPT_NAME": return .scriptName
                case "REQUEST_URI": return .requestURI
                case "REMOTE_ADDR": return .remoteAddress
                case "SERVER_NAME": return .serverName
                case "SERVER_PORT": return .serverPort
                default: return nil
                }
            case 12:
                switch name {
                case "DOCUMENT_URI": return .documentURI
                case "QUERY_STRING": return .queryString
                case "CONTENT_TYPE": return .contentType
                default: return nil
                }
            case 14:
                switch name {
                case "REQUEST_METHOD": return .method
                case "REQUEST_SCHEME": return .requestScheme
                case "CONTENT_LENGTH": return .contentLength
                default: return nil
                }
            default: return nil
            }
        }
    }

    /// `HTTP_X_FORWARDED_FOR` → `x-forwarded-for`; `CONTENT_TYPE`/`CONTENT_LENGTH` (which CGI
    /// passes without the prefix) → `content-type`/`content-length`; anything else → nil.
    public static func headerName(forParam name: String) -> String? {
        // Decided on the bytes: most of the ~25 params are not headers, and a `String` switch
        // plus `hasPrefix` cost much more per param (docs/profile.md).
        if let fast = name.utf8.withContiguousStorageIfAvailable({ Self.headerName(forParamBytes: $0) }), let decided = fast {
            return decided
        }
        switch name {
        case "CONTENT_TYPE": return "content-type"
        case "CONTENT_LENGTH": return "content-length"
        default:
            let utf8 = name.utf8
            guard utf8.count > 5, name.hasPrefix("HTTP_") else { return nil }
            let bytes = utf8.dropFirst(5)
            return String(
                decoding: bytes.map { $0 == UInt8(ascii: "_") ? UInt8(ascii: "-") : Headers.asciiLower($0) },
                as: UTF8.self)
        }
    }

    /// `headerName(forParam:)` on the name's bytes; `.none` when undecided (a name not ASCII).
    private static func headerName(forParamBytes bytes: UnsafeBufferPointer<UInt8>) -> String?? {
        if bytes.count > 5, bytes[0] == UInt8(ascii: "H"), bytes[1] == UInt8(ascii: "T"), bytes[2] == UInt8(ascii: "T"),
            bytes[3] == UInt8(ascii: "P"), bytes[4] == UInt8(ascii: "_")
        {
            guard let converted = asciiHeaderName(bytes[5...]) else { return .none }
            return .some(converted)
        }
        if bytes.count == 12, equal(bytes, "CONTENT_TYPE") { return .some("content-type") }
        if bytes.count == 14, equal(bytes, "CONTENT_LENGTH") { return .some("content-length") }
        return .some(nil)
    }

    /// A `memcmp` with a literal of the same length (`elementsEqual` went element by element).
    private static func equal(_ bytes: UnsafeBufferPointer<UInt8>, _ literal: StaticString) -> Bool {
        guard let base = bytes.baseAddress, bytes.count == literal.utf8CodeUnitCount else { return false }
        return memcmp(base, literal.utf8Start, bytes.count) == 0
    }

    /// `X_FORWARDED_FOR` → `x-forwarded-for` for ASCII names (header names are tokens), written
    /// straight into the new string; nil when a byte is not ASCII.
    private static func asciiHeaderName(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> String? {
        for byte in bytes where byte >= 0x80 { return nil }
        return String(unsafeUninitializedCapacity: bytes.count) { buffer in
            var i = 0
            for byte in bytes {
                buffer[i] = byte == UInt8(ascii: "_") ? UInt8(ascii: "-") : Headers.asciiLower(byte)
                i += 1
            }
            return i
        }
    }

    static func serverHost(name: String?, port: String?, scheme: String) -> String {
        let host = name ?? "localhost"
        guard let port else { return host }
        let isDefault = (scheme == "http" && port == "80") || (scheme == "https" && port == "443")
        return isDefault ? host : host + ":" + port
    }
}
