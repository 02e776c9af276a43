import CLibPQ

extension PostgresError {
    /// The error a failed `PGresult` describes. Whether the connection is still usable decides
    /// the kind: a restart shows up as an error result (57P01 or none) on a dead connection,
    /// and callers need that to look like an outage, not like a bad statement.
    init(result: OpaquePointer?, connection: OpaquePointer) {
        let lost = PQstatus(connection) == CONNECTION_BAD
        guard let result else {
            self.init(
                kind: lost ? .connection : .client,
                message: String(cString: PQerrorMessage(connection)).trimmingTrailingWhitespace())
            return
        }
        func field(_ code: Int32) -> String? {
            PQresultErrorField(result, code).map { String(cString: $0) }
        }
        let primary =
            field(CLIBPQ_DIAG_MESSAGE_PRIMARY)
            ?? String(cString: PQresultErrorMessage(result)).trimmingTrailingWhitespace()
        self.init(
            kind: lost ? .connection : .server,
            sqlState: field(CLIBPQ_DIAG_SQLSTATE),
            message: primary.isEmpty ? String(cString: PQerrorMessage(connection)).trimmingTrailingWhitespace() : primary,
            detail: field(CLIBPQ_DIAG_MESSAGE_DETAIL),
            hint: field(CLIBPQ_DIAG_MESSAGE_HINT),
            position: field(CLIBPQ_DIAG_STATEMENT_POSITION).flatMap { Int($0) },
            constraint: field(CLIBPQ_DIAG_CONSTRAINT_NAME),
            table: field(CLIBPQ_DIAG_TABLE_NAME),
            column: field(CLIBPQ_DIAG_COLUMN_NAME),
            severity: field(CLIBPQ_DIAG_SEVERITY))
    }

    static func connectionLost(_ message: String) -> PostgresError {
        PostgresError(kind: .connection, message: message)
    }
}
