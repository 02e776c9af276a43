import CLibPQ

/// The isolation level of a transaction (PostgreSQL's default is READ COMMITTED).
public enum IsolationLevel: String, Sendable {
    case readCommitted = "READ COMMITTED"
    case repeatableRead = "REPEATABLE READ"
    case serializable = "SERIALIZABLE"
}

/// Where the server's side of the session stands, as libpq reports it.
public enum TransactionStatus: Sendable, Equatable {
    /// Outside any transaction: a connection should be in this state between requests.
    case idle
    case inTransaction
    /// In a transaction that a failed statement aborted; only ROLLBACK helps.
    case failed
    /// A statement is in progress.
    case busy
    /// The connection is bad.
    case unknown
}

extension Connection {
    /// The server-side transaction state (e.g. to check that a request left none open).
    public var transactionStatus: TransactionStatus {
        switch PQtransactionStatus(handle) {
        case PQTRANS_IDLE: .idle
        case PQTRANS_INTRANS: .inTransaction
        case PQTRANS_INERROR: .failed
        case PQTRANS_ACTIVE: .busy
        default: .unknown
        }
    }

    /// Runs `body` in a transaction: committed when it returns, rolled back when it throws
    /// (the error is rethrown). A `transaction` call inside another becomes a savepoint, so an
    /// inner failure undoes only the inner work.
    ///
    ///     try connection.transaction { connection in
    ///         let id: Int64 = try connection.query("INSERT INTO accounts (name, owner_id) VALUES ($1, $2) RETURNING id", name, owner)[0][0]
    ///         try connection.execute("INSERT INTO account_members (account_id, user_id, is_admin) VALUES ($1, $2, true)", id, owner)
    ///     }
    ///
    /// If the body catches a statement's error and returns anyway, the transaction (or
    /// savepoint) cannot commit: it is rolled back and an error with SQLSTATE 25P02 is thrown.
    /// `isolation` applies to the outermost call only.
    @discardableResult
    public func transaction<T>(isolation: IsolationLevel? = nil, _ body: (Connection) throws -> T) throws -> T {
        let depth = transactionDepth
        if depth == 0 {
            try command(isolation.map { "BEGIN ISOLATION LEVEL " + $0.rawValue } ?? "BEGIN")
        } else {
            guard isolation == nil else {
                throw PostgresError(kind: .client, message: "an isolation level can only be set on the outermost transaction")
            }
            try command("SAVEPOINT " + Self.savepointName(depth))
        }
        // Counted until COMMIT/ROLLBACK is done, so that a lost connection is not silently
        // re-established in the middle of the transaction.
        transactionDepth = depth + 1
        defer { transactionDepth = depth }

        let value: T
        do {
            value = try body(self)
        } catch {
            try? rollback(depth: depth)
            discardCommitHooks(above: depth)
            throw error
        }
        if transactionStatus == .idle {
            discardCommitHooks(above: depth)
            // A COMMIT or ROLLBACK inside the body (in a script, say) already ended it: what
            // ran before it is committed or gone, and what ran after it was autocommitted.
            throw PostgresError(
                kind: .client,
                message:
                    "the transaction was ended inside its body by a COMMIT or ROLLBACK statement; leave transaction control to `transaction`"
            )
        }
        if transactionStatus == .failed {
            try? rollback(depth: depth)
            discardCommitHooks(above: depth)
            throw PostgresError(
                kind: .server, sqlState: "25P02",
                message: "a statement in the transaction failed and its error was caught inside the body; the transaction was rolled back")
        }
        do {
            try command(depth == 0 ? "COMMIT" : "RELEASE SAVEPOINT " + Self.savepointName(depth))
        } catch {
            discardCommitHooks(above: depth)
            throw error
        }
        if depth == 0 {
            // Out of the transaction before the work runs: it may use the connection.
            transactionDepth = 0
            runCommitHooks()
        } else {
            keepCommitHooks(at: depth)
        }
        return value
    }

    private func rollback(depth: Int) throws {
        if depth == 0 {
            try command("ROLLBACK")
        } else {
            let name = Self.savepointName(depth)
            try command("ROLLBACK TO SAVEPOINT \(name); RELEASE SAVEPOINT \(name)")
        }
    }

    private static func savepointName(_ depth: Int) -> String { "srf_savepoint_\(depth)" }
}
