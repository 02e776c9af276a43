#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PostgreSQL
import RESTFramework

/// The seam between aggregates and column types: what each aggregate gives for each column
/// type, and how a result column becomes a `FieldValue`. A new column type (a decimal) adds a
/// case to each switch here: `Sum` and `Avg` of a decimal stay exact decimals (no cast), as
/// Django's `DecimalField` output.
extension ColumnType {
    /// The type of `function` over a column of this type, and the cast that makes PostgreSQL's
    /// result that type; nil when PostgreSQL has no such aggregate.
    ///
    /// `sum(bigint)` and `avg(bigint)` are `numeric` in PostgreSQL: Sum is cast back to `int8`
    /// (beyond 64 bits that is PostgreSQL's `bigint out of range`), Avg to `float8` (Django's
    /// `Avg` of an integer field is a float).
    func aggregateResult(_ function: Aggregate.Function) -> (type: ColumnType, cast: StaticString?)? {
        switch (function, self) {
        case (.count, _): return (.int, nil)
        case (.sum, .int): return (.int, "::int8")
        case (.sum, .double), (.avg, .double): return (.double, nil)
        case (.avg, .int): return (.double, "::float8")
        // `sum(smallint)` is bigint (Django's Sum of a SmallIntegerField is an int); `avg` of
        // it numeric, a float in Django. `sum(real)` stays real; `avg(real)` is double.
        case (.sum, .smallint): return (.int, "::int8")
        case (.avg, .smallint): return (.double, "::float8")
        case (.sum, .real): return (.real, nil)
        case (.avg, .real): return (.double, nil)
        // numeric and interval: exact in, exact out (Django's Decimal and timedelta).
        case (.sum, .numeric), (.avg, .numeric): return (.numeric, nil)
        case (.sum, .interval), (.avg, .interval): return (.interval, nil)
        case (.sum, _), (.avg, _): return nil
        // PostgreSQL 15 has no min/max over bool, uuid, json, jsonb or bytea.
        case (.min, .bool), (.max, .bool), (.min, .uuid), (.max, .uuid), (.min, .json), (.max, .json),
            (.min, .jsonb), (.max, .jsonb), (.min, .bytea), (.max, .bytea):
            return nil
        case (.min, _), (.max, _): return (self, nil)
        }
    }

    /// The value at `column` of `row`, a column of this type.
    func fieldValue(_ row: Row, column: Int) throws -> FieldValue {
        if row.isNull(column) { return .null }
        switch self {
        case .int: return .int(try row[column, as: Int64.self])
        case .double: return .double(try row[column, as: Double.self])
        case .text: return .string(try row[column, as: String.self])
        case .bool: return .bool(try row[column, as: Bool.self])
        case .timestamptz:
            return .dateTime(DateTime(microsecondsSinceEpoch: try row[column, as: PostgresTimestamp.self].microsecondsSinceEpoch))
        case .smallint: return try Int16.decode(row, column: column).fieldValue
        case .real: return try Float.decode(row, column: column).fieldValue
        case .numeric: return try DecimalNumber.decode(row, column: column).fieldValue
        case .uuid: return try UUID.decode(row, column: column).fieldValue
        case .date: return try CalendarDate.decode(row, column: column).fieldValue
        case .time: return try TimeOfDay.decode(row, column: column).fieldValue
        case .interval: return try CalendarDuration.decode(row, column: column).fieldValue
        case .json, .jsonb: return try JSON.decode(row, column: column).fieldValue
        case .bytea: return try [UInt8].decode(row, column: column).fieldValue
        case .textArray: return try [String?].decode(row, column: column).fieldValue
        case .smallintArray: return try [Int16?].decode(row, column: column).fieldValue
        case .integerArray: return try [Int32?].decode(row, column: column).fieldValue
        case .bigintArray: return try [Int64?].decode(row, column: column).fieldValue
        }
    }
}
