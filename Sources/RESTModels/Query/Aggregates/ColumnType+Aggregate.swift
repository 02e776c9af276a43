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
        case (.sum, .text), (.sum, .bool), (.sum, .timestamptz), (.avg, .text), (.avg, .bool), (.avg, .timestamptz): return nil
        case (.min, .bool), (.max, .bool): return nil
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
        }
    }
}
