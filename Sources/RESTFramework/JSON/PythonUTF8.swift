/// UTF-8 validation that fails exactly as CPython's decoder does, for the messages DRF passes on
/// (`'utf-8' codec can't decode byte 0xff in position 0: invalid start byte`).
///
/// DRF reads a JSON body through `codecs.getreader("utf-8")`, whose single `read()` decodes with
/// `final=False`: an incomplete but so-far valid sequence at the very end is not an error, it is
/// left unread. `decodableLength` reproduces that by returning the length to parse.
///
///     let bytes: [UInt8] = [0x7B, 0x7D, 0xE2, 0x82]   // "{}" + half a euro sign
///     try bytes.withUnsafeBufferPointer { try PythonUTF8.decodableLength($0) }   // 2
enum PythonUTF8 {
    @inline(__always) private static func isContinuation(_ byte: UInt8) -> Bool { byte & 0xC0 == 0x80 }

    /// The number of leading bytes that decode; throws the decoder's message on an invalid sequence.
    static func decodableLength(_ bytes: UnsafeBufferPointer<UInt8>) throws(JSONParseError) -> Int {
        let count = bytes.count
        var index = 0
        while index < count {
            let lead = bytes[index]
            if lead < 0x80 { index += 1; continue }
            let remaining = count - index
            // The checks follow CPython's stringlib utf8_decode: which byte is blamed, and how many
            // bytes the error covers, depend on where the sequence first goes wrong.
            switch lead {
            case 0xC2..<0xE0:
                if remaining < 2 { return index }
                guard isContinuation(bytes[index + 1]) else { throw error(at: index, length: 1, lead, "invalid continuation byte") }
                index += 2
            case 0xE0..<0xF0:
                if remaining < 2 { return index }
                let second = bytes[index + 1]
                let secondBad = !isContinuation(second) || (lead == 0xE0 && second < 0xA0) || (lead == 0xED && second >= 0xA0)
                if secondBad { throw error(at: index, length: 1, lead, "invalid continuation byte") }
                if remaining < 3 { return index }
                guard isContinuation(bytes[index + 2]) else { throw error(at: index, length: 2, lead, "invalid continuation byte") }
                index += 3
            case 0xF0..<0xF5:
                if remaining < 2 { return index }
                let second = bytes[index + 1]
                let secondBad = !isContinuation(second) || (lead == 0xF0 && second < 0x90) || (lead == 0xF4 && second >= 0x90)
                if secondBad { throw error(at: index, length: 1, lead, "invalid continuation byte") }
                if remaining < 3 { return index }
                guard isContinuation(bytes[index + 2]) else { throw error(at: index, length: 2, lead, "invalid continuation byte") }
                if remaining < 4 { return index }
                guard isContinuation(bytes[index + 3]) else { throw error(at: index, length: 3, lead, "invalid continuation byte") }
                index += 4
            default:
                throw error(at: index, length: 1, lead, "invalid start byte")
            }
        }
        return count
    }

    /// `UnicodeDecodeError.__str__` for the utf-8 codec.
    private static func error(at start: Int, length: Int, _ byte: UInt8, _ reason: String) -> JSONParseError {
        if length == 1 {
            return JSONParseError("'utf-8' codec can't decode byte 0x\(hex(byte)) in position \(start): \(reason)")
        }
        return JSONParseError("'utf-8' codec can't decode bytes in position \(start)-\(start + length - 1): \(reason)")
    }

    static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789abcdef")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 15)]])
    }
}
