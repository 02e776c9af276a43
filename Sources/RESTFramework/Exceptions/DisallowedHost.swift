/// Django's `DisallowedHost`: the request's `Host` is not in `ALLOWED_HOSTS` (`AllowedHosts`).
/// Django answers it with its HTML "Bad Request (400)" page; here it is a 400 with Django's own
/// message as the JSON `detail`, which names the fix (not compiled: response bodies):
///
///     {"detail": "Invalid HTTP_HOST header: 'evil.com'. You may need to add 'evil.com' to ALLOWED_HOSTS."}
///     {"detail": "Invalid HTTP_HOST header: 'a b'. The domain name provided is not valid according to RFC 1034/1035."}
public struct DisallowedHost: MessageAPIException {
    public static let defaultStatus = 400, defaultDetail = "Invalid HTTP_HOST header.", defaultCode = "disallowed_host"
    public let message: String, code: String
    /// The host as the request gave it.
    public let host: String

    public init(host: String) {
        self.host = host
        code = Self.defaultCode
        // Django's `get_host()` wording, `%r` included.
        var message = "Invalid HTTP_HOST header: \(PythonText.repr(host))."
        let domain = HostSyntax.split(host).domain
        if domain.isEmpty {
            message += " The domain name provided is not valid according to RFC 1034/1035."
        } else {
            message += " You may need to add \(PythonText.repr(domain)) to ALLOWED_HOSTS."
        }
        self.message = message
    }
}
