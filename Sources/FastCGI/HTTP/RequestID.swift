/// The id a web server gives each request, logged with every line of it and echoed in the
/// response's `X-Request-ID`: nginx's `$request_id` (32 hex digits), passed as the `REQUEST_ID`
/// param by `deploy/nginx/fastcgi_params`, or Apache's `UNIQUE_ID` (mod_unique_id, which
/// mod_proxy_fcgi and mod_fcgid pass on as a param).
///
///     RequestID.validated("2c9f5e0b8a1d4e7f9b3c6d2a1e0f4b5c")   // the same
///     RequestID.validated("abc\r\nX-Admin: 1")                  // nil
///
/// A client's own `X-Request-ID` header is not taken: the web server's id wins (a client could
/// reuse another request's id). Behind a proxy that sets a trusted one, pass that as REQUEST_ID
/// (see the note in deploy/nginx/fastcgi_params). Whatever arrives is checked, since it goes
/// into log lines and a response header as it is: 1 to 128 characters, letters, digits and
/// `-_.:@+=/` (UUIDs, mod_unique_id's ids, trace ids); anything else counts as no id.
public enum RequestID {
    public static let maxLength = 128

    /// `value` when it is a usable request id, else nil.
    public static func validated(_ value: String?) -> String? {
        guard let value, !value.isEmpty else { return nil }
        let valid = value.utf8.withContiguousStorageIfAvailable { isValid($0) } ?? isValid(Array(value.utf8))
        return valid ? value : nil
    }

    private static func isValid(_ bytes: [UInt8]) -> Bool { bytes.withUnsafeBufferPointer { isValid($0) } }

    /// Two range tests take letters and digits (all of nginx's hex ids); the eight marks are
    /// looked at only when those fail. Measured (callgrind, a 32-digit id): about a third of
    /// the instructions of a bitmask test per byte behind a lazily made global.
    private static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count <= maxLength else { return false }
        for byte in bytes {
            // `| 0x20` folds A-Z onto a-z; no other byte lands in a-z that way.
            if byte &- UInt8(ascii: "0") < 10 || (byte | 0x20) &- UInt8(ascii: "a") < 26 { continue }
            switch byte {
            case UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: ":"), UInt8(ascii: "@"),
                UInt8(ascii: "+"), UInt8(ascii: "="), UInt8(ascii: "/"):
                continue
            default:
                return false
            }
        }
        return true
    }
}
