#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PostgreSQL
import RESTFramework

// The column types beyond integers, text, booleans, doubles and timestamps: each Swift type, the
// column type it declares, and the `FieldValue` it reads as.
//
//     Column("budget", \Project.budget)      // DecimalNumber → numeric
//     Column("due", \Task.due)               // CalendarDate? → date NULL
//     Column("tags", \Task.tags)             // [String] → text[]

extension Int16: ColumnValue {
    public static var columnType: ColumnType { .smallint }
    @inlinable public var fieldValue: FieldValue { .int(Int64(self)) }
    @inlinable public static func decode(_ row: Row, column: Int) throws -> Int16 { try row[column] }
}

extension Int32: ColumnValue {
    public static var columnType: ColumnType { .int }
    @inlinable public var fieldValue: FieldValue { .int(Int64(self)) }
    @inlinable public static func decode(_ row: Row, column: Int) throws -> Int32 { try row[column] }
}

extension Float: ColumnValue {
    public static var columnType: ColumnType { .real }
    /// The shortest text's double (`1.1`, not `1.100000023841858`): what psycopg gives Django
    /// for a `real`, so the rendering matches DRF's.
    @inlinable public var fieldValue: FieldValue { .double(columnDouble) }
    @inlinable public static func decode(_ row: Row, column: Int) throws -> Float { try row[column] }
}

extension Float {
    @usableFromInline var columnDouble: Double { Double(String(self)) ?? Double(self) }
}

extension DecimalNumber: ColumnValue {
    public static var columnType: ColumnType { .numeric }
    @inlinable public var fieldValue: FieldValue { .decimal(self) }
    @inlinable public static func decode(_ row: Row, column: Int) throws -> DecimalNumber { try row[column] }
}

extension UUID: ColumnValue {
    public static var columnType: ColumnType { .uuid }
    @inlinable public var fieldValue: FieldValue { .uuid(self) }
    @inlinable public static func decode(_ row: Row, column: Int) throws -> UUID { try row[column] }
}

extension CalendarDate: ColumnValue {
    public static var columnType: ColumnType { .date }
    @inlinable public var fieldValue: FieldValue { .date(self) }
    @inlinable public static func decode(_ row: Row, column: Int) throws -> CalendarDate { try row[column] }
}

extension TimeOfDay: ColumnValue {
    public static var columnType: ColumnType { .time }
    @inlinable public var fieldValue: FieldValue { .time(self) }
    @inlinable public static func decode(_ row: Row, column: Int) throws -> TimeOfDay { try row[column] }
}

extension CalendarDuration: ColumnValue {
    public static var columnType: ColumnType { .interval }
    @inlinable public var fieldValue: FieldValue { .duration(self) }
    @inlinable public static func decode(_ row: Row, column: Int) throws -> CalendarDuration { try row[column] }
}

/// `jsonb` (a `json` column reads and writes the same way; lookups compare both as jsonb): the
/// framework's JSON value, parsed from the server's text.
extension JSON: ColumnValue {
    public static var columnType: ColumnType { .jsonb }
    public var fieldValue: FieldValue { .jsonValue(self) }
    public static func decode(_ row: Row, column: Int) throws -> JSON {
        let text: PostgresJSON = try row[column]
        do {
            return try JSON.parse(text.text)
        } catch {
            throw PostgresError(
                kind: .decoding, message: "column \"\(row.result.columnName(column))\" holds JSON that does not parse: \(error)")
        }
    }
}

// MARK: Arrays

/// An element of an array column, or `UInt8` (whose array is `bytea`): Swift allows one
/// conditional conformance of `Array` to `ColumnValue`, so the element says what its array is.
public protocol ColumnArrayElement: PostgresArrayElement, Sendable {
    static var arrayColumnType: ColumnType { get }
    static func arrayFieldValue(_ elements: [Self]) -> FieldValue
}

extension ColumnArrayElement where Self: ColumnValue {
    public static func arrayFieldValue(_ elements: [Self]) -> FieldValue { .list(elements.map(\.fieldValue)) }
}

extension Array: ColumnValue where Element: ColumnArrayElement {
    public static var columnType: ColumnType { Element.arrayColumnType }
    public var fieldValue: FieldValue { Element.arrayFieldValue(self) }
    public static func decode(_ row: Row, column: Int) throws -> [Element] { try row[column] }
}

extension UInt8: ColumnArrayElement {
    public static var arrayColumnType: ColumnType { .bytea }
    public static func arrayFieldValue(_ elements: [UInt8]) -> FieldValue { .bytes(elements) }
}

extension String: ColumnArrayElement { public static var arrayColumnType: ColumnType { .textArray } }
extension Int64: ColumnArrayElement { public static var arrayColumnType: ColumnType { .bigintArray } }
extension Int32: ColumnArrayElement { public static var arrayColumnType: ColumnType { .integerArray } }
extension Int16: ColumnArrayElement { public static var arrayColumnType: ColumnType { .smallintArray } }

/// `[String?]`, `[Int64?]`...: arrays with NULL elements.
extension Optional: ColumnArrayElement where Wrapped: ColumnArrayElement & PostgresTextArrayElement & ColumnValue {
    public static var arrayColumnType: ColumnType { Wrapped.arrayColumnType }
}
