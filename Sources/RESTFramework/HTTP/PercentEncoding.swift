/// Python's `urllib.parse.quote` family, which Django and DRF build every URL with: letters,
/// digits and `_.-~` stay, so do the characters in `safe`, every other UTF-8 byte becomes `%XX`.
///
///     PercentEncoding.quote("/api/ü sers/", safe: "/")        // "/api/%C3%BC%20sers/"
///     PercentEncoding.quote("a b,c", safe: "", plus: true)    // "a+b%2Cc"  (quote_plus)
enum PercentEncoding {
    static func quote(_ text: String, safe: String, plus: Bool = false) -> String {
        // Usually nothing needs quoting (reversed URLs are ASCII paths): then the text is the answer.
        if needsNoQuoting(text, safe: safe) { return text }
        let safeBytes = Array(safe.utf8)
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "."),
                 UInt8(ascii: "-"), UInt8(ascii: "~"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            case 32 where plus:
                result += "+"
            case _ where safeBytes.contains(byte):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                result += "%" + String(byte >> 4, radix: 16, uppercase: true) + String(byte & 15, radix: 16, uppercase: true)
            }
        }
        return result
    }

    /// Whether `quote` would return `text` unchanged (no allocation, no closure).
    static func needsNoQuoting(_ text: String, safe: String) -> Bool {
        var text = text, safe = safe
        return text.withUTF8 { bytes in
            safe.withUTF8 { safeBytes in
                for byte in bytes where !isUnreserved(byte) {
                    var found = false
                    for s in safeBytes where s == byte { found = true; break }
                    if !found { return false }
                }
                return true
            }
        }
    }

    /// The value of one hex digit, for decoding `%XX`.
    /// Letters, digits and `_.-~`: never quoted.
    static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "."),
             UInt8(ascii: "-"), UInt8(ascii: "~"): return true
        default: return false
        }
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
