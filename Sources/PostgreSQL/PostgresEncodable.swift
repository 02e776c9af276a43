/// A Swift value that can be bound to a `$n` parameter.
///
/// Parameters travel in PostgreSQL's text format together with their type OID, so the server
/// never has to guess (and no value ever becomes part of the SQL text).
///
///     try connection.execute("UPDATE users SET is_staff = $1 WHERE id = $2", true, Int64(7))
///     try connection.execute("UPDATE users SET last_login = $1 WHERE id = $2", PostgresTimestamp?.none, 7)
public protocol PostgresEncodable {
    /// The OID sent with the parameter.
    static var postgresDataType: PostgresDataType { get }
    /// Writes the value's text form (or NULL) into `writer`.
    func encode(into writer: PostgresParameterWriter) throws
}

extension Int64: PostgresEncodable {
    public static var postgresDataType: PostgresDataType { .int8 }
    public func encode(into writer: PostgresParameterWriter) { writer.write(self) }
}

extension Int: PostgresEncodable {
    public static var postgresDataType: PostgresDataType { .int8 }
    public func encode(into writer: PostgresParameterWriter) { writer.write(Int64(self)) }
}

extension Int32: PostgresEncodable {
    public static var postgresDataType: PostgresDataType { .int4 }
    public func encode(into writer: PostgresParameterWriter) { writer.write(Int64(self)) }
}

extension Int16: PostgresEncodable {
    public static var postgresDataType: PostgresDataType { .int2 }
    public func encode(into writer: PostgresParameterWriter) { writer.write(Int64(self)) }
}

extension String: PostgresEncodable {
    public static var postgresDataType: PostgresDataType { .text }
    public func encode(into writer: PostgresParameterWriter) throws { try writer.write(self) }
}

extension Substring: PostgresEncodable {
    public static var postgresDataType: PostgresDataType { .text }
    public func encode(into writer: PostgresParameterWriter) throws { try writer.write(String(self)) }
}

extension Bool: PostgresEncodable {
    public static var postgresDataType: PostgresDataType { .bool }
    public func encode(into writer: PostgresParameterWriter) { writer.writeASCII(self ? UInt8(ascii: "t") : UInt8(ascii: "f")) }
}

extension Double: PostgresEncodable {
    public static var postgresDataType: PostgresDataType { .float8 }
    public func encode(into writer: PostgresParameterWriter) throws {
        // Swift spells the specials "inf"/"nan"; these are PostgreSQL's own spellings.
        if isNaN {
            try writer.write("NaN")
        } else if self == .infinity {
            try writer.write("Infinity")
        } else if self == -.infinity {
            try writer.write("-Infinity")
        } else {
            try writer.write(description)
        }  // shortest text that reads back to the same Double
    }
}

extension Float: PostgresEncodable {
    public static var postgresDataType: PostgresDataType { .float4 }
    public func encode(into writer: PostgresParameterWriter) throws {
        if isNaN {
            try writer.write("NaN")
        } else if isInfinite {
            try writer.write(self < 0 ? "-Infinity" : "Infinity")
        } else {
            try writer.write(description)
        }  // shortest text that reads back to the same Float; "-0.0" keeps the sign
    }
}

/// A typed `nil` keeps its type's OID, so `$1` has the same type whether or not it is NULL
/// (and the statement prepared for the first call fits the next).
extension Optional: PostgresEncodable where Wrapped: PostgresEncodable {
    public static var postgresDataType: PostgresDataType { Wrapped.postgresDataType }
    public func encode(into writer: PostgresParameterWriter) throws {
        switch self {
        case .none: writer.writeNull()
        case .some(let value): try value.encode(into: writer)
        }
    }
}

/// An untyped SQL NULL (OID 0: the server infers the type from the statement).
///
///     try connection.execute("UPDATE notes SET body = COALESCE($1, body)", PostgresNull())
public struct PostgresNull: PostgresEncodable, Sendable {
    public init() {}
    public static var postgresDataType: PostgresDataType { .unspecified }
    public func encode(into writer: PostgresParameterWriter) { writer.writeNull() }
}
