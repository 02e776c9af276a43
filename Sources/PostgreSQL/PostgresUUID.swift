#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `uuid` as Foundation's `UUID`, parsed from the server's form
/// (`a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11`) without going through a String.
///
///     let id = try row["id", as: UUID.self]
///     try connection.execute("DELETE FROM sessions WHERE id = $1", UUID())
extension UUID: PostgresDecodable {
    public static func decode(_ value: PostgresValue) -> UUID? {
        guard let bytes = value.bytes, bytes.count == 36 else { return nil }
        var raw = [UInt8](repeating: 0, count: 16)
        var index = 0
        for position in 0..<16 {
            if index == 8 || index == 13 || index == 18 || index == 23 {
                guard bytes[index] == UInt8(ascii: "-") else { return nil }
                index += 1
            }
            guard let high = hexValue(bytes[index]), let low = hexValue(bytes[index + 1]) else { return nil }
            raw[position] = high << 4 | low
            index += 2
        }
        return UUID(
            uuid: (
                raw[0], raw[1], raw[2], raw[3], raw[4], raw[5], raw[6], raw[7],
                raw[8], raw[9], raw[10], raw[11], raw[12], raw[13], raw[14], raw[15]
            ))
    }
}

extension UUID: PostgresEncodable {
    public static var postgresDataType: PostgresDataType { .uuid }
    public func encode(into writer: PostgresParameterWriter) throws { try writer.write(uuidString) }
}
