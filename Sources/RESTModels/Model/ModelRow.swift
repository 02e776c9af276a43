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

    public init(_ row: Row) { self.row = row }

    public subscript<T: ColumnValue>(name: String) -> T {
        get throws {
            guard let column = row.result.columnIndex(named: name) else {
                throw PostgresError(kind: .decoding, message: "no column named \"\(name)\" in the row; it has: "
                                    + row.result.columnNames.joined(separator: ", "))
            }
            return try T.decode(row, column: column)
        }
    }
}
