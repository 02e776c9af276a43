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
        // Straight into the tuple: a [UInt8] here was a heap allocation per value.
        var uuid: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        let valid = withUnsafeMutableBytes(of: &uuid) { raw -> Bool in
            var index = 0
            for position in 0..<16 {
                if index == 8 || index == 13 || index == 18 || index == 23 {
                    guard bytes[index] == UInt8(ascii: "-") else { return false }
                    index += 1
                }
                guard let high = hexValue(bytes[index]), let low = hexValue(bytes[index + 1]) else { return false }
                raw[position] = high << 4 | low
                index += 2
            }
            return true
        }
        return valid ? UUID(uuid: uuid) : nil
    }
}

extension UUID: PostgresEncodable {
    public static var postgresDataType: PostgresDataType { .uuid }
    public func encode(into writer: PostgresParameterWriter) throws { try writer.write(uuidString) }
}
