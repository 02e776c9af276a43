import CLibPQ
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One column value of one row, in PostgreSQL's text format, as handed to a decoder.
///
/// `bytes` points into the query result and is valid only during `decode(_:)`; it is followed
/// by a NUL byte (libpq guarantees it), which lets C parsers read it in place.
public struct PostgresValue {
    /// The text form, or nil for SQL NULL.
    public let bytes: UnsafeRawBufferPointer?
    /// The column's type as the server reported it; asked of libpq only when read (decoders
    /// rarely do; the error messages do).
    public var dataType: PostgresDataType {
        guard let result else { return .unspecified }
        return PostgresDataType(rawValue: PQftype(result, column))
    }
    /// The libpq result and column `dataType` comes from (nil: unknown).
    private let result: OpaquePointer?
    private let column: Int32

    init(bytes: UnsafeRawBufferPointer?, result: OpaquePointer?, column: Int32) {
        self.bytes = bytes
        self.result = result
        self.column = column
    }

    public var isNull: Bool { bytes == nil }
    /// The text form as a String (a copy), or nil for NULL.
    public var string: String? { bytes.map { String(decoding: $0, as: UTF8.self) } }
}

/// A Swift type a column can be decoded into.
///
/// Return nil when the value does not fit; the row turns that into a `PostgresError` that names
/// the column, its type and the Swift type asked for.
///
///     extension UserID: PostgresDecodable {
///         static func decode(_ value: PostgresValue) -> UserID? { Int64.decode(value).map(UserID.init) }
///     }
public protocol PostgresDecodable {
    static func decode(_ value: PostgresValue) -> Self?
}

extension Int64: PostgresDecodable {
    public static func decode(_ value: PostgresValue) -> Int64? {
        guard let bytes = value.bytes else { return nil }
        return parseInteger(bytes)
    }
}

extension Int: PostgresDecodable {
    public static func decode(_ value: PostgresValue) -> Int? {
        Int64.decode(value).flatMap { Int(exactly: $0) }
    }
}

extension Int32: PostgresDecodable {
    public static func decode(_ value: PostgresValue) -> Int32? {
        Int64.decode(value).flatMap { Int32(exactly: $0) }
    }
}

extension Int16: PostgresDecodable {
    public static func decode(_ value: PostgresValue) -> Int16? {
        Int64.decode(value).flatMap { Int16(exactly: $0) }
    }
}

extension String: PostgresDecodable {
    /// Any column decodes as its text form.
    public static func decode(_ value: PostgresValue) -> String? { value.string }
}

extension Bool: PostgresDecodable {
    public static func decode(_ value: PostgresValue) -> Bool? {
        guard let bytes = value.bytes, bytes.count == 1 else { return nil }
        switch bytes[0] {
        case UInt8(ascii: "t"): return true
        case UInt8(ascii: "f"): return false
        default: return nil
        }
    }
}

extension Double: PostgresDecodable {
    public static func decode(_ value: PostgresValue) -> Double? {
        guard let bytes = value.bytes, let start = bytes.baseAddress, !bytes.isEmpty else { return nil }
        // strtod reads the NUL-terminated text in place (no String); it also knows
        // PostgreSQL's "Infinity"/"-Infinity"/"NaN". The program never calls setlocale, so
        // the decimal point is ".".
        let text = start.assumingMemoryBound(to: CChar.self)
        var end: UnsafeMutablePointer<CChar>?
        let result = strtod(text, &end)
        guard let end, UnsafeRawPointer(end) == start + bytes.count else { return nil }
        return result
    }
}

extension Float: PostgresDecodable {
    /// `real`: the server prints the shortest text that reads back to the same Float (and
    /// `-0`, `NaN`, `±Infinity`); strtof reads it straight to a Float (through a Double, a
    /// second rounding could land on a neighbour).
    public static func decode(_ value: PostgresValue) -> Float? {
        guard let bytes = value.bytes, let start = bytes.baseAddress, !bytes.isEmpty else { return nil }
        let text = start.assumingMemoryBound(to: CChar.self)
        var end: UnsafeMutablePointer<CChar>?
        let result = strtof(text, &end)
        guard let end, UnsafeRawPointer(end) == start + bytes.count else { return nil }
        return result
    }
}

extension Optional: PostgresDecodable where Wrapped: PostgresDecodable {
    /// NULL decodes as `nil`; anything else must decode as `Wrapped`.
    public static func decode(_ value: PostgresValue) -> Wrapped?? {
        if value.isNull { return .some(.none) }
        return Wrapped.decode(value).map { .some($0) }
    }
}

/// Decimal integer text to Int64, with overflow detection and no allocation.
func parseInteger(_ bytes: UnsafeRawBufferPointer) -> Int64? {
    var index = 0
    var negative = false
    if let first = bytes.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
        negative = first == UInt8(ascii: "-")
        index = 1
    }
    guard index < bytes.count else { return nil }
    var magnitude: UInt64 = 0
    while index < bytes.count {
        let digit = bytes[index] &- UInt8(ascii: "0")
        guard digit < 10 else { return nil }
        let (times10, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
        let (sum, overflow2) = times10.addingReportingOverflow(UInt64(digit))
        guard !overflow1, !overflow2 else { return nil }
        magnitude = sum
        index += 1
    }
    if negative {
        guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
        return magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
    }
    guard magnitude <= UInt64(Int64.max) else { return nil }
    return Int64(magnitude)
}
