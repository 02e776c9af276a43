import PostgreSQL

/// The one path every queryset statement takes: recorded for `QueryCapture`, run on the
/// connection (prepared once per SQL text by its cache), outages turned into `DatabaseUnavailable`.
enum StatementRunner {
    static func query(_ statement: SQLStatement, on connection: Connection) throws -> QueryResult {
        QueryCapture.current?.record(statement.text)
        do {
            return try connection.query(statement.text, parameters: statement.parameters)
        } catch {
            throw DatabaseErrorMapping.translate(error)
        }
    }
}
