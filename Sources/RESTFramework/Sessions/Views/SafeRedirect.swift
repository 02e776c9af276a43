/// Django's `url_has_allowed_host_and_scheme` and `iri_to_uri`, for the `next` of the sign-in
/// and sign-out views: only this host's URLs (or paths) are followed, so the views cannot be
/// used to send a user elsewhere.
///
///     SafeRedirect.isAllowed("/api/projects/", host: "api.example.com", requireHTTPS: false)    // true
///     SafeRedirect.isAllowed("//evil.example/", host: "api.example.com", requireHTTPS: false)   // false
enum SafeRedirect {
    static func isAllowed(_ url: String?, host: String, requireHTTPS: Bool) -> Bool {
        guard let url else { return false }
        let trimmed = String(Cookies.trimmed(Substring(url)))
        guard !trimmed.isEmpty else { return false }
        return check(trimmed, host: host, requireHTTPS: requireHTTPS)
            && check(String(trimmed.map { $0 == "\\" ? "/" : $0 }), host: host, requireHTTPS: requireHTTPS)
    }

    private static func check(_ url: String, host: String, requireHTTPS: Bool) -> Bool {
        // Browsers read three slashes as an absolute URL.
        if url.hasPrefix("///") { return false }
        let parts = URLParts(url)
        if parts.netloc.isEmpty && !parts.scheme.isEmpty { return false }
        // A leading control or format character (Unicode category C*) is refused.
        if let first = url.unicodeScalars.first {
            switch first.properties.generalCategory {
            case .control, .format, .surrogate, .privateUse, .unassigned: return false
            default: break
            }
        }
        var scheme = parts.scheme
        if scheme.isEmpty && !parts.netloc.isEmpty { scheme = "http" }
        let schemes = requireHTTPS ? ["https"] : ["http", "https"]
        return (parts.netloc.isEmpty || parts.netloc == host) && (scheme.isEmpty || schemes.contains(scheme))
    }

    /// Django's `iri_to_uri`: bytes outside its safe set percent-encoded.
    static func iriToURI(_ iri: String) -> String {
        let safe = Set("/#%[]=:;$&()+,!?*@'~-._".utf8)
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for byte in iri.utf8 {
            let alphanumeric =
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            if alphanumeric || safe.contains(byte) {
                out.append(byte)
            } else {
                out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
