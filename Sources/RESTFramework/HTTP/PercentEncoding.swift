/// Python's `urllib.parse` quoting, which Django and DRF build and read every URL with: the one
/// percent-encoder and decoder of the framework (reversed URLs, pagination links, form and query
/// encoding, RFC 2231 header parameters).
///
/// Quoting keeps letters, digits, `_.-~` and the characters in `safe`; every other UTF-8 byte
/// becomes `%XX` (upper-case hex), `%` itself included. With `plus` (Python's `quote_plus`, how
/// Django form-encodes query strings) a space is `+`; without it (`quote`, paths) `%20`.
///
///     PercentEncoding.quote("/api/ü sers/", safe: "/")        // "/api/%C3%BC%20sers/"
///     PercentEncoding.quote("a b,c", safe: "", plus: true)    // "a+b%2Cc"  (quote_plus)
///     PercentEncoding.unquote("a+b%2Cc", plus: true)          // "a b,c"    (unquote_plus)
enum PercentEncoding {
    // MARK: - Quoting

    /// `quote(text, safe=safe)`, or `quote_plus` with `plus`.
    static func quote(_ text: String, safe: StaticString, plus: Bool = false) -> String {
        var text = text
        // Usually nothing needs quoting: then the text is the answer, with no new string.
        if text.withUTF8({ isClean($0, safe: safe, plus: plus) }) { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count * 3)
        appendQuoted(text, safe: safe, plus: plus, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `quote(text, safe:, plus:)` appended to `bytes`: for URLs written as bytes into one
    /// buffer (pagination links, reversed URLs) rather than joined from strings.
    static func appendQuoted(_ text: String, safe: StaticString, plus: Bool = false, into bytes: inout [UInt8]) {
        var text = text
        text.withUTF8 { input in
            // Nearly always nothing needs quoting: then the piece is copied whole, not byte by byte.
            if isClean(input, safe: safe, plus: plus) {
                bytes.append(contentsOf: input)
                return
            }
            let hex: StaticString = "0123456789ABCDEF"
            for byte in input {
                if byte == 32 && plus {
                    bytes.append(UInt8(ascii: "+"))
                } else if isUnreserved(byte) || isSafe(byte, safe) {
                    bytes.append(byte)
                } else {
                    bytes.append(UInt8(ascii: "%"))
                    bytes.append(hex.utf8Start[Int(byte >> 4)])
                    bytes.append(hex.utf8Start[Int(byte & 15)])
                }
            }
        }
    }

    /// Whether quoting leaves these bytes as they are (a space with `plus` does not stay, even
    /// when `safe` names it: `quote_plus` turns it into `+` regardless).
    private static func isClean(_ input: UnsafeBufferPointer<UInt8>, safe: StaticString, plus: Bool) -> Bool {
        for byte in input where !isUnreserved(byte) && (!isSafe(byte, safe) || (byte == 32 && plus)) { return false }
        return true
    }

    /// Letters, digits and `_.-~`: never quoted.
    static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "."),
            UInt8(ascii: "-"), UInt8(ascii: "~"):
            return true
        default: return false
        }
    }

    private static func isSafe(_ byte: UInt8, _ safe: StaticString) -> Bool {
        let bytes = UnsafeBufferPointer(start: safe.utf8Start, count: safe.utf8CodeUnitCount)
        for s in bytes where s == byte { return true }
        return false
    }

    // MARK: - Unquoting

    /// `unquote(text)`, or `unquote_plus` with `plus` (`+` is a space). A `%` not followed by
    /// two hex digits stays as it is; the bytes read as UTF-8, an invalid sequence as U+FFFD
    /// (Python's `errors="replace"`).
    static func unquote(_ text: some StringProtocol, plus: Bool) -> String {
        var text = String(text)
        return text.withUTF8 { unquote($0, plus: plus) }
    }

    /// `unquote` of UTF-8 bytes.
    static func unquote(_ input: UnsafeBufferPointer<UInt8>, plus: Bool) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(input.count)
        var i = 0
        while i < input.count {
            let byte = input[i]
            if byte == UInt8(ascii: "+") && plus {
                bytes.append(32)
            } else if byte == UInt8(ascii: "%"), input.count - i > 2,
                let high = hexValue(input[i + 1]), let low = hexValue(input[i + 2])
            {
                bytes.append(high << 4 | low)
                i += 2
            } else {
                bytes.append(byte)
            }
            i += 1
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The value of one hex digit, for decoding `%XX`.
    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
