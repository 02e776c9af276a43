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

    /// Independent statements in one round trip (`Connection.pipelined`), results in order.
    static func pipelined(_ statements: [SQLStatement], on connection: Connection) throws -> [QueryResult] {
        if let capture = QueryCapture.current {
            for statement in statements { capture.record(statement.text) }
        }
        do {
            return try connection.pipelined(statements.map { ($0.text, $0.parameters) })
        } catch {
            throw DatabaseErrorMapping.translate(error)
        }
    }
}
