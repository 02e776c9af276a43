import PostgreSQL
import RESTFramework

/// One row of a model's `SELECT`, read by column name with the type the property has.
///
///     init(row: ModelRow) throws {
///         id = try row["id"]                  // Int64
///         lastLogin = try row["last_login"]   // DateTime?: NULL is nil
///     }
///
/// A missing column, a NULL read into a non-optional, or a value of another type throws a
/// `PostgresError` of kind `.decoding` that names the column.
public struct ModelRow {
    public let row: Row

    /// The result's column names in order, when the caller knows them (a `SELECT` of the
    /// model's select list): a name is then found by comparing Swift strings, not by a `strcmp`
    /// against each of libpq's field names (for a ten-column row read whole, 55 of them).
    @usableFromInline let columnNames: [String]?

    public init(_ row: Row) {
        self.row = row
        columnNames = nil
    }

    /// A row of a statement that selected `layout.selectList`: its columns are the model's, in order.
    init(_ row: Row, layout: ModelLayout) {
        self.row = row
        columnNames = layout.names.count == row.result.columnCount ? layout.names : nil
    }

    /// `@inlinable` so that a model's `init(row:)` reads each column with code for its concrete
    /// type (see `Row`'s typed reads).
    @inlinable
    public subscript<T: ColumnValue>(name: String) -> T {
        get throws { try T.decode(row, column: column(named: name)) }
    }

    /// The position of the column named `name`, or a decoding error naming the row's columns.
    @usableFromInline
    func column(named name: String) throws -> Int {
        if let column = columnNames.map({ $0.firstIndex(of: name) }) ?? row.result.columnIndex(named: name) {
            return column
        }
        throw PostgresError(kind: .decoding, message: "no column named \"\(name)\" in the row; it has: "
                            + row.result.columnNames.joined(separator: ", "))
    }
}
