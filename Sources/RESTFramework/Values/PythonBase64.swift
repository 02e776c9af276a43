/// Base64 as Python's `base64` module does it, for wire compatibility with DRF: Basic
/// credentials (and cursors, which DRF decodes the same way) must be accepted and refused
/// exactly where Python accepts and refuses them.
///
///     PythonBase64.decode(Array("dXNlcjpwYXNz".utf8))   // "user:pass" as bytes
///     PythonBase64.decode(Array("dXN!lcjp\nwYXNz".utf8)) // the same: junk is skipped
///     PythonBase64.decode(Array("dXNlcjpwYXN".utf8))    // nil: "Incorrect padding"
enum PythonBase64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    private static let values: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (index, byte) in alphabet.enumerated() { table[Int(byte)] = UInt8(index) }
        return table
    }()

    /// `base64.b64decode(data)` (non-validating, i.e. `binascii.a2b_base64(strict_mode=False)`
    /// of CPython 3.11+): bytes outside the alphabet are skipped, `=` before the third character
    /// of a group is ignored, a complete pad ends the input (the rest is ignored), and a final
    /// incomplete group is an error (nil), as `binascii.Error` is in Python.
    static func decode(_ text: String) -> [UInt8]? { decode(Array(text.utf8)) }

    static func decode(_ data: [UInt8]) -> [UInt8]? {
        var output: [UInt8] = []
        output.reserveCapacity(data.count / 4 * 3 + 3)
        var quadPosition = 0
        var leftover: UInt8 = 0
        var pads = 0
        for byte in data {
            if byte == UInt8(ascii: "=") {
                // Only counts once two characters of the group are in; consecutive pads (junk
                // between them does not reset the count) completing the group end the input.
                if quadPosition >= 2 {
                    pads += 1
                    if quadPosition + pads >= 4 { return output }
                }
                continue
            }
            let value = values[Int(byte)]
            if value == 0xFF { continue }
            pads = 0
            switch quadPosition {
            case 0:
                leftover = value
                quadPosition = 1
            case 1:
                output.append(leftover << 2 | value >> 4)
                leftover = value & 0x0F
                quadPosition = 2
            case 2:
                output.append(leftover << 4 | value >> 2)
                leftover = value & 0x03
                quadPosition = 3
            default:
                output.append(leftover << 6 | value)
                quadPosition = 0
            }
        }
        return quadPosition == 0 ? output : nil
    }

    /// `base64.b64encode(data)`: the standard alphabet with `=` padding.
    static func encode(_ data: [UInt8]) -> String {
        var output: [UInt8] = []
        output.reserveCapacity((data.count + 2) / 3 * 4)
        var index = 0
        while index < data.count {
            let b0 = data[index]
            let b1 = index + 1 < data.count ? data[index + 1] : 0
            let b2 = index + 2 < data.count ? data[index + 2] : 0
            output.append(alphabet[Int(b0 >> 2)])
            output.append(alphabet[Int((b0 & 0x03) << 4 | b1 >> 4)])
            output.append(index + 1 < data.count ? alphabet[Int((b1 & 0x0F) << 2 | b2 >> 6)] : UInt8(ascii: "="))
            output.append(index + 2 < data.count ? alphabet[Int(b2 & 0x3F)] : UInt8(ascii: "="))
            index += 3
        }
        return String(decoding: output, as: UTF8.self)
    }
}
