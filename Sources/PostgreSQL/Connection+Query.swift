import CLibPQ

extension Connection {
    /// Runs one statement with bound parameters and returns its rows.
    ///
    ///     let result = try connection.query("SELECT username FROM users WHERE id = $1", Int64(3))
    @discardableResult
    public func query(_ sql: String, _ parameters: any PostgresEncodable...) throws -> QueryResult {
        try query(sql, parameters: parameters)
    }

    /// `query` with the parameters as an array, for statements built at run time.
    @discardableResult
    public func query(_ sql: String, parameters: [any PostgresEncodable]) throws -> QueryResult {
        // Encoding first: a NUL in a parameter is refused before anything reaches the server.
        try parameterBuffer.encode(parameters)
        return try observed {
            try ensureUsable()
            return QueryResult(handle: try runEncodedStatement(sql), noticeLog: noticeLog)
        }
    }

    /// Runs one statement and returns the number of rows it inserted, updated or deleted.
    ///
    ///     let deleted = try connection.execute("DELETE FROM auth_tokens WHERE user_id = $1", Int64(3))
    @discardableResult
    public func execute(_ sql: String, _ parameters: any PostgresEncodable...) throws -> Int {
        try query(sql, parameters: parameters).rowsAffected
    }

    /// `execute` with the parameters as an array.
    @discardableResult
    public func execute(_ sql: String, parameters: [any PostgresEncodable]) throws -> Int {
        try query(sql, parameters: parameters).rowsAffected
    }

    /// Runs a script of `;`-separated statements with the simple query protocol (no
    /// parameters), as migrations need. It stops at the first error, whose `position` counts
    /// characters from the start of the script. Outside a transaction the script runs as one
    /// implicit transaction unless it contains its own BEGIN/COMMIT.
    public func executeScript(_ sql: String) throws {
        try rejectNUL(inSQL: sql)
        try ensureUsable()
        PQclear(try checked(awaitResult(sent: PQsendQuery(handle, sql))))
    }

    // MARK: Internals

    /// Runs `sql` with the parameters already in `parameterBuffer`, prepared when possible.
    private func runEncodedStatement(_ sql: String) throws -> OpaquePointer {
        if let name = statements.name(for: sql) {
            do {
                return try executePrepared(name)
            } catch let error as PostgresError where transactionDepth == 0 && error.isStalePreparedStatement {
                // Someone ran DEALLOCATE/DISCARD, or a migration changed a table under a
                // `SELECT *`. The failed execution did nothing and no transaction is open, so
                // preparing again and retrying once is safe.
                statements.remove(sql)
            }
        }
        try rejectNUL(inSQL: sql)
        guard !statements.isFull else {
            let sent = parameterBuffer.withCParameters { count, types, values in
                PQsendQueryParams(handle, sql, count, types, values, nil, nil, 0)
            }
            return try checked(awaitResult(sent: sent))
        }
        let name = statements.makeName()
        let sent = parameterBuffer.withCParameters { count, types, _ in
            PQsendPrepare(handle, name, sql, count, types)
        }
        PQclear(try checked(awaitResult(sent: sent)))
        statements.insert(name, for: sql)
        return try executePrepared(name)
    }

    private func executePrepared(_ name: String) throws -> OpaquePointer {
        // withCString: a short name (`srf_12`) is a small string, which the implicit
        // conversion to a C string would copy into a fresh heap array on every call.
        let sent = name.withCString { cName in
            parameterBuffer.withCParameters { count, _, values in
                PQsendQueryPrepared(handle, cName, count, values, nil, nil, 0)
            }
        }
        return try checked(awaitResult(sent: sent))
    }

    /// Runs a statement without parameters (transaction control), simple protocol.
    @discardableResult
    func command(_ sql: String) throws -> QueryResult {
        try observed {
            try ensureUsable()
            return QueryResult(handle: try checked(awaitResult(sent: PQsendQuery(handle, sql))), noticeLog: noticeLog)
        }
    }

    /// The result if it reports success; otherwise it is freed and its error thrown.
    func checked(_ result: OpaquePointer?) throws -> OpaquePointer {
        if let result {
            let status = PQresultStatus(result)
            if status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY {
                noteAnswer()
                return result
            }
            if status == PGRES_COPY_IN || status == PGRES_COPY_OUT || status == PGRES_COPY_BOTH {
                PQclear(result)
                abandonCopy(status)
                throw PostgresError(kind: .client, message: "COPY to or from the client is not supported")
            }
        }
        let error = PostgresError(result: result, connection: handle)
        if let result { PQclear(result) }
        throw error
    }

    /// Brings the session out of COPY mode so that it stays usable.
    private func abandonCopy(_ status: ExecStatusType) {
        if status == PGRES_COPY_OUT {
            var buffer: UnsafeMutablePointer<CChar>?
            while PQgetCopyData(handle, &buffer, 0) > 0 { PQfreemem(buffer) }
        } else {
            PQputCopyEnd(handle, "COPY is not supported by this client")
        }
        while let result = PQgetResult(handle) { PQclear(result) }
    }

    func rejectNUL(inSQL sql: String) throws {
        // libpq takes C strings and would silently cut the statement at the NUL.
        if ParameterBuffer.containsNUL(sql) {
            throw PostgresError(kind: .client, message: "the SQL text contains a NUL character")
        }
    }
}

extension PostgresError {
    /// The prepared statement is gone (26000) or no longer matches its tables (0A000).
    var isStalePreparedStatement: Bool {
        kind == .server
            && (sqlState == "26000"
                || (sqlState == "0A000" && message.contains("cached plan must not change result type")))
    }
}
