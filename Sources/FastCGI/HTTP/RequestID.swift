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

    private static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count <= maxLength else { return false }
        let (low, high) = allowed
        var outside: UInt64 = 0
        // No early exit: a branch-free test per byte, and a valid id (the usual case) is read
        // whole anyway.
        for byte in bytes {
            let word = byte & 64 == 0 ? low : high
            outside |= UInt64(byte >> 7) | (~word &>> UInt64(byte & 63)) & 1
        }
        return outside == 0
    }

    /// The allowed ASCII bytes, one bit each (bytes 0-63, 64-127): a test per byte, for an id
    /// checked on every request.
    private static let allowed: (UInt64, UInt64) = {
        var words: [UInt64] = [0, 0]
        for byte in Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:@+=/".utf8) {
            words[Int(byte >> 6)] |= 1 << (byte & 63)
        }
        return (words[0], words[1])
    }()
}
