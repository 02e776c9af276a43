/// What the client may keep on its session, as PgBouncer's `pool_mode` names it.
///
/// Through a pooler in transaction mode a client's "session" is lent a server connection for
/// one transaction at a time (a statement outside a transaction is one), so nothing may outlive
/// a transaction: no startup `options` (PgBouncer refuses the parameter), no named prepared
/// statements (unless the pooler keeps them: PgBouncer 1.21+ with `max_prepared_statements`),
/// no session `SET`, advisory lock, `LISTEN` or temporary table. See docs/framework.md,
/// "PgBouncer". Read from `DATABASE_POOL_MODE` by `PostgresConfiguration.fromEnvironment`:
///
///     var configuration = PostgresConfiguration(url: "postgres://api@127.0.0.1:6432/api")
///     configuration.poolMode = .transaction
///     configuration.preparedStatementCapacity = 0  // PgBouncer before 1.21
public enum PoolMode: String, Sendable, Equatable {
    /// Straight to PostgreSQL, or through a pooler in session mode: the session is the
    /// client's for its whole life. Session settings travel in the startup `options`.
    case session
    /// Through a pooler in transaction mode. The client sends no `options`; the session
    /// settings it depends on (`TimeZone` UTC, `DateStyle` ISO, `IntervalStyle` postgres) must
    /// be the server's or the pooler's own, and are checked when the connection opens. The
    /// `statement_timeout` belongs on the role (`ALTER ROLE ... SET statement_timeout`); the
    /// client's `statementTimeout` only bounds its own wait (see `StatementDeadline`).
    case transaction
}

extension PostgresConfiguration {
    /// `DATABASE_POOL_MODE` (`session`, `transaction`) and `DATABASE_PREPARED_STATEMENTS`
    /// (`on`, `off`; by default off in transaction mode, on otherwise) applied to `self`.
    /// A value that is neither is not guessed at: it is kept in `environmentProblem`, and every
    /// connection attempt fails with it (api-server's startup check prints it), since a pool
    /// mode quietly taken as `session` would fail later, at PgBouncer, with a vaguer message.
    mutating func applyPoolingEnvironment() {
        if let value = environmentValue("DATABASE_POOL_MODE") {
            if let mode = PoolMode(rawValue: value.lowercased()) {
                poolMode = mode
            } else {
                environmentProblem = "DATABASE_POOL_MODE is '\(value)': use session or transaction"
            }
        }
        let prepared = environmentValue("DATABASE_PREPARED_STATEMENTS")?.lowercased()
        if let prepared, prepared != "on", prepared != "off" {
            environmentProblem = "DATABASE_PREPARED_STATEMENTS is '\(prepared)': use on or off"
        }
        if prepared == "off" || (poolMode == .transaction && prepared != "on") {
            preparedStatementCapacity = 0
        }
    }
}
