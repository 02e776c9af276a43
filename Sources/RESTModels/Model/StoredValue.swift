import PostgreSQL

/// A type a model's stored property can have in its `Fields`: a column's value (`ColumnValue`)
/// or a value that is not a column (`NonColumnValue`, decoded as `notLoaded`).
///
/// One protocol over both so that `Fields`' pack of property types has one constraint, and
/// decoding a row calls each type's decoder directly (no cast per row).
public protocol StoredValue: Sendable {
    /// The value for `column` of `row` (a column's position; ignored by a non-column value).
    static func decodeStored(_ row: Row, column: Int) throws -> Self
}

extension ColumnValue {
    @inlinable public static func decodeStored(_ row: Row, column: Int) throws -> Self { try decode(row, column: column) }
}

extension NonColumnValue {
    @inlinable public static func decodeStored(_ row: Row, column: Int) throws -> Self { notLoaded }
}
