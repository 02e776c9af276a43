import PostgreSQL

/// The one path every queryset statement takes: recorded for `QueryCapture`, run on the
/// connection (prepared once per SQL text by its cache), outages turned into `DatabaseUnavailable`.
enum StatementRunner {
    static func query(_ statement: SQLStatement, on connection: Connection) throws -> QueryResult {
        QueryCapture.current?.record(statement.text)
        // A read replica's connection may hand the read to the primary (`ReplicaFailover`).
        let connection = connection.replicaLink == nil ? connection : ReplicaFailover.readable(connection)
        do {
            return try connection.query(statement.text, parameters: statement.parameters)
        } catch {
            if let primary = ReplicaFailover.retryTarget(after: error, on: connection) {
                return try query(statement, on: primary)
            }
            throw DatabaseErrorMapping.translate(error)
        }
    }

    /// Independent statements in one round trip (`Connection.pipelined`), results in order.
    static func pipelined(_ statements: [SQLStatement], on connection: Connection) throws -> [QueryResult] {
        if let capture = QueryCapture.current {
            for statement in statements { capture.record(statement.text) }
        }
        let connection = connection.replicaLink == nil ? connection : ReplicaFailover.readable(connection)
        do {
            return try connection.pipelined(statements.map { ($0.text, $0.parameters) })
        } catch {
            if let primary = ReplicaFailover.retryTarget(after: error, on: connection) {
                return try pipelined(statements, on: primary)
            }
            throw DatabaseErrorMapping.translate(error)
        }
    }
}
