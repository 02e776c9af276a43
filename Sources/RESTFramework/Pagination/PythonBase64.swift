/// Standard base64 as Python's `base64` module writes and reads it: `b64encode` pads with `=`;
/// `b64decode` (no `validate`) skips characters outside the alphabet, stops at a complete
/// padding, and fails on a leftover partial quantum ("Incorrect padding").
///
///     PythonBase64.encode(Array("p=42".utf8))     // "cD00Mg=="
///     PythonBase64.decode("cD0 0Mg==!")           // bytes of "p=42"
enum PythonBase64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index < bytes.count {
            let b0 = bytes[index]
            let b1 = index + 1 < bytes.count ? bytes[index + 1] : 0
            let b2 = index + 2 < bytes.count ? bytes[index + 2] : 0
            out.append(alphabet[Int(b0 >> 2)])
            out.append(alphabet[Int((b0 & 0x03) << 4 | b1 >> 4)])
            out.append(index + 1 < bytes.count ? alphabet[Int((b1 & 0x0F) << 2 | b2 >> 6)] : UInt8(ascii: "="))
            out.append(index + 2 < bytes.count ? alphabet[Int(b2 & 0x3F)] : UInt8(ascii: "="))
            index += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `binascii.a2b_base64(data, strict_mode=False)` on ASCII input; nil where it raises.
    static func decode(_ text: String) -> [UInt8]? {
        var out: [UInt8] = []
        var quadPosition = 0, pads = 0
        var left: UInt8 = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: "=") {
                // Padding only counts after two data characters of a quantum; enough of it ends
                // the input, whatever follows.
                if quadPosition >= 2 {
                    pads += 1
                    if quadPosition + pads >= 4 { return out }
                }
                continue
            }
            guard let value = sextet(byte) else { continue }
            pads = 0
            switch quadPosition {
            case 0:
                left = value
            case 1:
                out.append(left << 2 | value >> 4)
                left = value & 0x0F
            case 2:
                out.append(left << 4 | value >> 2)
                left = value & 0x03
            default:
                out.append(left << 6 | value)
                left = 0
            }
            quadPosition = (quadPosition + 1) % 4
        }
        return quadPosition == 0 ? out : nil
    }

    private static func sextet(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return byte - UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): return byte - UInt8(ascii: "a") + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0") + 52
        case UInt8(ascii: "+"): return 62
        case UInt8(ascii: "/"): return 63
        default: return nil
        }
    }
}
