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

    /// The model's layout, when the caller knows the row's columns are its columns in order (a
    /// `SELECT` of the model's select list): a name is then found among its Swift strings, not
    /// by a `strcmp` against each of libpq's field names (for a ten-column row read whole, 55).
    @usableFromInline let layout: ModelLayout?
    /// Where the next read is expected: `init(row:)` reads the columns in declaration order.
    /// Non-nil exactly when `layout` is.
    @usableFromInline let cursor: Cursor?

    /// Where the model's columns start in the row: after the row's own columns for a related
    /// row `selectRelated` read in the same statement. Kept in the cursor, not as a fifth
    /// stored field: four words are what the witness calls per row pass without a copy to
    /// destroy (~90 instructions per decoded row; docs/profile.md).
    @inlinable var offset: Int { cursor?.offset ?? 0 }

    @usableFromInline final class Cursor {
        var next = 0
        @usableFromInline let offset: Int

        init(offset: Int = 0) { self.offset = offset }
    }

    public init(_ row: Row) {
        self.row = row
        layout = nil
        cursor = nil
    }

    /// A row of a statement that selected `layout.selectList`: its columns are the model's, in order.
    /// `cursor` may be shared by the rows of one result, decoded one after the other.
    init(_ row: Row, layout: ModelLayout, cursor: Cursor = Cursor()) {
        self.row = row
        if layout.names.count == row.result.columnCount {
            self.layout = layout
            cursor.next = 0
            self.cursor = cursor
        } else {
            self.layout = nil
            self.cursor = nil
        }
    }

    /// The model's columns at `offset ..< offset + layout.names.count` of a wider row (a row
    /// with its related rows, a prefetch's row with its owner's key after it).
    init(_ row: Row, layout: ModelLayout, offset: Int) {
        self.row = row
        if offset + layout.names.count <= row.result.columnCount {
            self.layout = layout
            cursor = Cursor(offset: offset)
        } else {
            self.layout = nil
            cursor = nil
        }
    }

    /// `@inlinable` so that a model's `init(row:)` reads each column with code for its concrete
    /// type (see `Row`'s typed reads).
    @inlinable
    public subscript<T: ColumnValue>(name: String) -> T {
        get throws { try T.decode(row, column: column(named: name)) }
    }

    /// The position of the column named `name`, or a decoding error naming the row's columns.
    /// With the model's column names, the column after the last one read is tried first (one
    /// comparison of equal strings, the fast case), then the others.
    @usableFromInline
    func column(named name: String) throws -> Int {
        if let layout, let cursor {
            let guess = cursor.next
            let names = layout.names
            if guess < names.count && names[guess] == name {
                cursor.next = guess + 1
                return guess + cursor.offset
            }
            if let found = layout.index(of: name) {
                cursor.next = found + 1
                return found + cursor.offset
            }
        } else if let column = row.result.columnIndex(named: name) {
            return column
        }
        throw PostgresError(
            kind: .decoding,
            message: "no column named \"\(name)\" in the row; it has: "
                + row.result.columnNames.joined(separator: ", "))
    }
}
