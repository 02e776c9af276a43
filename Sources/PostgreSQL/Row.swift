/// One row of a `QueryResult`, with typed access by column index or name.
///
/// A value that does not fit the type asked for (NULL into a non-Optional, `abc` into `Int64`)
/// throws a `PostgresError` of kind `.decoding` naming the column and both types.
///
///     let id: Int64 = try row[0]
///     let lastLogin = try row["last_login", as: PostgresTimestamp?.self]
public struct Row {
    public let result: QueryResult
    public let index: Int

    // The typed reads are `@inlinable` so that a caller decoding a concrete type (a model's
    // `init(row:)`) gets them compiled for that type: no generic metadata (`Optional<T>`'s among
    // it) and no witness calls per column, for every row decoded. The error paths stay out of
    // line.

    @inlinable
    public subscript<T: PostgresDecodable>(column: Int, as type: T.Type = T.self) -> T {
        get throws {
            guard column >= 0 && column < result.columnCount else { throw columnOutOfRange(column) }
            return try decode(column: column, as: type)
        }
    }

    public subscript<T: PostgresDecodable>(name: String, as type: T.Type = T.self) -> T {
        get throws {
            guard let column = result.columnIndex(named: name) else {
                throw PostgresError(
                    kind: .decoding, message: "no column named \"\(name)\"; the result has: \(result.columnNames.joined(separator: ", "))")
            }
            return try decode(column: column, as: type)
        }
    }

    public func isNull(_ column: Int) -> Bool {
        precondition(column >= 0 && column < result.columnCount, "column \(column) out of range (\(result.columnCount) columns)")
        return result.value(row: index, column: column).isNull
    }

    @inlinable
    func decode<T: PostgresDecodable>(column: Int, as type: T.Type) throws -> T {
        let value = result.value(row: index, column: column)
        if let decoded = T.decode(value) { return decoded }
        throw decodingError(column: column, value: value, as: type)
    }

    @usableFromInline
    func columnOutOfRange(_ column: Int) -> PostgresError {
        PostgresError(kind: .decoding, message: "column index \(column) is out of range: the result has \(result.columnCount) columns")
    }

    @usableFromInline
    func decodingError<T>(column: Int, value: PostgresValue, as type: T.Type) -> PostgresError {
        let name = result.columnName(column)
        let problem =
            value.isNull
            ? "is NULL; decode it as \(T.self)? to accept NULL"
            : "(\(value.dataType)) cannot be decoded as \(T.self)"
        return PostgresError(kind: .decoding, message: "column \"\(name)\" of row \(index) \(problem)", column: name)
    }
}
