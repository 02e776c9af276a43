import CLibPQ

extension Connection {
    /// Runs independent statements in one round trip (libpq's pipeline mode) and returns their
    /// results in order: what a paginated list needs (the count and the page).
    ///
    ///     let results = try connection.pipelined([
    ///         ("SELECT count(*) FROM accounts", []),
    ///         ("SELECT id, name FROM accounts ORDER BY id LIMIT $1 OFFSET $2", [Int64(10), Int64(990)]),
    ///     ])
    ///
    /// Why: each round trip costs both sides a send, a wait and a wake-up (docs/profile.md has
    /// the pgbench figures for the public-accounts pair).
    ///
    /// Outside `transaction` the batch is one implicit transaction (one Sync ends it, as
    /// pgbench's `\startpipeline`…`\endpipeline`): it takes effect whole or not at all. The
    /// first failure is thrown (PostgreSQL skips the statements after it). A statement not
    /// prepared yet is prepared within the same round trip. Outside a transaction, a prepared
    /// statement that someone deallocated makes the batch run again one statement at a time
    /// (as `query` would retry), which is safe because the failed attempt changed nothing.
    public func pipelined(_ batch: [(sql: String, parameters: [any PostgresEncodable])]) throws -> [QueryResult] {
        guard batch.count > 1 else {
            return try batch.map { try query($0.sql, parameters: $0.parameters) }
        }
        // Before anything is sent (a later failure would still commit the earlier statements
        // at the Sync). A prepared statement's text was checked when it entered the cache.
        let names = batch.map { statements.name(for: $0.sql) }
        for (statement, name) in zip(batch, names) where name == nil {
            try rejectNUL(inSQL: statement.sql)
        }
        do {
            // One observation for the batch: one round trip. The session check inside it, as in
            // `query`: a batch that fails because the session is lost counts as a failed statement.
            return try observed {
                try ensureUsable()
                // A reconnect in ensureUsable forgot every prepared statement: none of the names holds.
                let prepared = statements.count == 0 ? names.map { _ in nil } : names
                return try runPipeline(batch, names: prepared)
            }
        } catch let error as PostgresError where transactionDepth == 0 && error.isStalePreparedStatement {
            for statement in batch { statements.remove(statement.sql) }
            return try batch.map { try query($0.sql, parameters: $0.parameters) }
        }
    }

    /// What was sent for one statement, to read its results back in order.
    private struct Sent {
        var preparedAs: String?  // a Parse sent in this pipeline, under this name
        let sql: String
    }

    /// `names`: each statement's prepared name on this session, looked up once by `pipelined`
    /// (nil: not prepared yet).
    private func runPipeline(_ batch: [(sql: String, parameters: [any PostgresEncodable])], names: [String?]) throws -> [QueryResult] {
        guard PQenterPipelineMode(handle) == 1 else {
            throw PostgresError(result: nil, connection: handle)
        }
        var sent: [Sent] = []
        sent.reserveCapacity(batch.count)
        var preparing: [String: String] = [:]  // prepared within this pipeline: SQL → name
        var sendError: PostgresError?
        for (statement, cachedName) in zip(batch, names) {
            do {
                try parameterBuffer.encode(statement.parameters)
            } catch let error as PostgresError {
                sendError = error
                break
            }
            var entry = Sent(preparedAs: nil, sql: statement.sql)
            let ok: Int32
            if let name = cachedName ?? preparing[statement.sql] {
                ok = name.withCString { cName in  // see `executePrepared`
                    parameterBuffer.withCParameters { count, _, values in
                        PQsendQueryPrepared(handle, cName, count, values, nil, nil, 0)
                    }
                }
            } else if statements.count + preparing.count < statements.capacity {
                let name = statements.makeName()
                entry.preparedAs = name
                preparing[statement.sql] = name
                ok = parameterBuffer.withCParameters { count, types, values in
                    guard PQsendPrepare(handle, name, statement.sql, count, types) == 1 else { return 0 }
                    return PQsendQueryPrepared(handle, name, count, values, nil, nil, 0)
                }
            } else {
                ok = parameterBuffer.withCParameters { count, types, values in
                    PQsendQueryParams(handle, statement.sql, count, types, values, nil, nil, 0)
                }
            }
            guard ok == 1 else {
                sendError = PostgresError(result: nil, connection: handle)
                break
            }
            sent.append(entry)
        }
        // Sync even after a failed send: it ends the pipeline's implicit transaction, and the
        // results of what was sent are read (and freed) below either way.
        if PQpipelineSync(handle) != 1, sendError == nil {
            sendError = PostgresError(result: nil, connection: handle)
        }

        var results: [QueryResult] = []
        var firstError: PostgresError? = sendError
        for entry in sent {
            if let name = entry.preparedAs {
                // The Parse's own result, then the end of that command.
                if let prepared = try nextResult() {
                    if PQresultStatus(prepared) == PGRES_COMMAND_OK {
                        statements.insert(name, for: entry.sql)
                    } else if firstError == nil, PQresultStatus(prepared) != PGRES_PIPELINE_ABORTED {
                        firstError = PostgresError(result: prepared, connection: handle)
                    }
                    PQclear(prepared)
                    _ = try nextResult()
                }
            }
            guard let result = try nextResult() else { continue }
            let status = PQresultStatus(result)
            if status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK {
                results.append(QueryResult(handle: result, noticeLog: noticeLog))
            } else {
                if firstError == nil, status != PGRES_PIPELINE_ABORTED {
                    firstError = PostgresError(result: result, connection: handle)
                }
                PQclear(result)
            }
            _ = try nextResult()  // NULL: the end of this statement's results
        }
        // Up to and including the sync's own result; then leave pipeline mode. (Each wait is
        // bounded by the deadline, see `nextResult`; past it the session is closed, which
        // ends pipeline mode too.)
        while let result = try nextResult() {
            let done = PQresultStatus(result) == PGRES_PIPELINE_SYNC
            PQclear(result)
            if done { break }
        }
        _ = PQexitPipelineMode(handle)
        if let firstError { throw firstError }
        noteAnswer()
        return results
    }
}
