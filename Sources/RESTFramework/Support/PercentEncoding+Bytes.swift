extension PercentEncoding {
    /// `quote(text, safe:, plus:)` appended to `bytes`: for URLs written as bytes into one
    /// buffer (pagination links, reversed URLs) rather than joined from strings.
    static func appendQuoted(_ text: String, safe: StaticString, plus: Bool = false, into bytes: inout [UInt8]) {
        var text = text
        text.withUTF8 { input in
            // Nearly always nothing needs quoting: then the piece is copied whole, not byte by byte.
            var clean = true
            for byte in input where !PercentEncoding.isUnreserved(byte) && !isSafe(byte, safe) {
                clean = false
                break
            }
            if clean {
                bytes.append(contentsOf: input)
                return
            }
            let hex: StaticString = "0123456789ABCDEF"
            for byte in input {
                if PercentEncoding.isUnreserved(byte) {
                    bytes.append(byte)
                } else if byte == 32 && plus {
                    bytes.append(UInt8(ascii: "+"))
                } else if isSafe(byte, safe) {
                    bytes.append(byte)
                } else {
                    bytes.append(UInt8(ascii: "%"))
                    bytes.append(hex.utf8Start[Int(byte >> 4)])
                    bytes.append(hex.utf8Start[Int(byte & 15)])
                }
            }
        }
    }

    private static func isSafe(_ byte: UInt8, _ safe: StaticString) -> Bool {
        let bytes = UnsafeBufferPointer(start: safe.utf8Start, count: safe.utf8CodeUnitCount)
        for s in bytes where s == byte { return true }
        return false
    }
}
