import PostgreSQL
import RESTFramework

/// A Swift type a column can hold: `Int64`, `Int`, `String`, `Bool`, `Double`, `DateTime`, the
/// types of `ColumnValue+Types.swift` (`DecimalNumber`, `UUID`, `CalendarDate`, `TimeOfDay`,
/// `CalendarDuration`, `JSON`, `[UInt8]`, `Int16`, `Int32`, `Float`, arrays), a `ColumnEnum`, and
/// any of them optional (a nullable column).
///
///     Column("last_login", \User.lastLogin)   // DateTime? → timestamptz NULL
public protocol ColumnValue: StoredValue {
    static var columnType: ColumnType { get }
    static var isNullable: Bool { get }
    var fieldValue: FieldValue { get }
    /// Decodes the value at `column` of `row` (throws a `PostgresError` naming the column).
    static func decode(_ row: Row, column: Int) throws -> Self
    /// The allowed values and their labels, for a `ColumnEnum`; nil for a column without choices.
    static var choices: [Choice]? { get }
}

extension ColumnValue {
    public static var isNullable: Bool { false }
    public static var choices: [Choice]? { nil }
}

extension Int64: ColumnValue {
    public static var columnType: ColumnType { .int }
    @inlinable public var fieldValue: FieldValue { .int(self) }
    @inlinable public static func decode(_ row: Row, column: Int) throws -> Int64 { try row[column] }
}

extension Int: ColumnValue {
    public static var columnType: ColumnType { .int }
    @inlinable public var fieldValue: FieldValue { .int(Int64(self)) }
    @inlinable public static func decode(_ row: Row, column: Int) throws -> Int { try row[column] }
}

extension String: ColumnValue {
    public static var columnType: ColumnType { .text }
    @inlinable public var fieldValue: FieldValue { .string(self) }
    @inlinable public static func decode(_ row: Row, column: Int) throws -> String { try row[column] }
}

extension Bool: ColumnValue {
    public static var columnType: ColumnType { .bool }
    @inlinable public var fieldValue: FieldValue { .bool(self) }
    @inlinable public static func decode(_ row: Row, column: Int) throws -> Bool { try row[column] }
}

extension Double: ColumnValue {
    public static var columnType: ColumnType { .double }
    @inlinable public var fieldValue: FieldValue { .double(self) }
    @inlinable public static func decode(_ row: Row, column: Int) throws -> Double { try row[column] }
}

extension DateTime: ColumnValue {
    public static var columnType: ColumnType { .timestamptz }
    @inlinable public var fieldValue: FieldValue { .dateTime(self) }
    @inlinable public static func decode(_ row: Row, column: Int) throws -> DateTime {
        let timestamp: PostgresTimestamp = try row[column]
        return DateTime(microsecondsSinceEpoch: timestamp.microsecondsSinceEpoch)
    }
}

/// (A conditional conformance does not imply the protocols `ColumnValue` refines: stated here.)
extension Optional: StoredValue where Wrapped: ColumnValue {
    /// `decode`, named here rather than taken from `ColumnValue`'s default: the default reaches
    /// `Optional<Wrapped>.decode` through the conditional conformance's witness table, which the
    /// runtime looks up on every call (~100 instructions per nullable column per row, since
    /// `Fields.decode` calls this witness directly; docs/profile.md, "after issue 13").
    @inlinable public static func decodeStored(_ row: Row, column: Int) throws -> Wrapped? {
        row.isNull(column) ? nil : try Wrapped.decode(row, column: column)
    }
}

extension Optional: ColumnValue where Wrapped: ColumnValue {
    public static var columnType: ColumnType { Wrapped.columnType }
    public static var isNullable: Bool { true }
    public static var choices: [Choice]? { Wrapped.choices }
    @inlinable public var fieldValue: FieldValue { self?.fieldValue ?? .null }
    @inlinable public static func decode(_ row: Row, column: Int) throws -> Wrapped? {
        row.isNull(column) ? nil : try Wrapped.decode(row, column: column)
    }
}
