/// `bytea` as `[UInt8]`, in the hex format (`\x0aff`) the connection asks the server for.
///
///     let digest = try row["digest", as: [UInt8].self]
///     try connection.execute("UPDATE files SET digest = $1 WHERE id = $2", [UInt8]([0x0a, 0xff]), Int64(7))
extension UInt8: PostgresArrayElement {
    public static var arrayDataType: PostgresDataType { .bytea }

    public static func decodeArray(_ bytes: UnsafeRawBufferPointer) -> [UInt8]? {
        guard bytes.count >= 2, bytes.count % 2 == 0, bytes[0] == UInt8(ascii: "\\"), bytes[1] == UInt8(ascii: "x") else { return nil }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count / 2 - 1)
        var index = 2
        while index < bytes.count {
            guard let high = hexValue(bytes[index]), let low = hexValue(bytes[index + 1]) else { return nil }
            result.append(high << 4 | low)
            index += 2
        }
        return result
    }

    public static func encodeArray(_ elements: [UInt8], into writer: PostgresParameterWriter) throws {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var text: [UInt8] = [UInt8(ascii: "\\"), UInt8(ascii: "x")]
        text.reserveCapacity(2 + elements.count * 2)
        for byte in elements {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        try writer.write(String(decoding: text, as: UTF8.self))
    }
}

/// 0...15 for an ASCII hex digit (either case), nil otherwise.
func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
    default: nil
    }
}
