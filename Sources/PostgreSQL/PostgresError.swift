/// Everything that can go wrong talking to PostgreSQL, with the server's own diagnostics.
///
/// `kind` says whose fault it is; for server errors `sqlState` says what happened, and the
/// common cases have names so that callers need not remember codes:
///
///     do {
///         try connection.execute("INSERT INTO users (username) VALUES ($1)", name)
///     } catch let error as PostgresError where error.isUniqueViolation {
///         // "A user with that username already exists."
///     } catch let error as PostgresError where error.isConnectionLost {
///         // answer 503; the connection reconnects on its next use
///     }
public struct PostgresError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The server refused the statement; `sqlState` and the other fields say why.
        case server
        /// No connection could be opened, or it was lost (server restart, outage, network).
        /// Nothing more happens on the session; the next call tries to reconnect.
        case connection
        /// Refused by the client before anything was sent: a NUL in a parameter, a malformed
        /// URL, a misuse of the API.
        case client
        /// A column value does not fit the Swift type asked for.
        case decoding
    }

    public var kind: Kind
    /// The five-character SQLSTATE, when the server sent one.
    public var sqlState: String?
    /// The primary message (the server's, when it sent one).
    public var message: String
    public var detail: String?
    public var hint: String?
    /// 1-based character position in the statement text the error refers to.
    public var position: Int?
    public var constraint: String?
    public var table: String?
    public var column: String?
    /// `ERROR`, `FATAL`, ... as the server reported it.
    public var severity: String?

    public init(
        kind: Kind, sqlState: String? = nil, message: String, detail: String? = nil,
        hint: String? = nil, position: Int? = nil, constraint: String? = nil,
        table: String? = nil, column: String? = nil, severity: String? = nil
    ) {
        self.kind = kind
        self.sqlState = sqlState
        self.message = message
        self.detail = detail
        self.hint = hint
        self.position = position
        self.constraint = constraint
        self.table = table
        self.column = column
        self.severity = severity
    }

    /// 23505: a UNIQUE or PRIMARY KEY constraint refused the row (see `constraint`).
    public var isUniqueViolation: Bool { sqlState == "23505" }
    /// 23503: a row refers to a missing one, or is still referred to.
    public var isForeignKeyViolation: Bool { sqlState == "23503" }
    /// 23502: NULL in a NOT NULL column.
    public var isNotNullViolation: Bool { sqlState == "23502" }
    /// 40001: a SERIALIZABLE or REPEATABLE READ transaction lost a race; retry it whole.
    public var isSerializationFailure: Bool { sqlState == "40001" }
    /// 40P01: chosen as a deadlock victim; retry the transaction.
    public var isDeadlock: Bool { sqlState == "40P01" }
    /// 57014: cancelled, in practice by `statement_timeout`.
    public var isQueryCanceled: Bool { sqlState == "57014" }
    /// 42601: the SQL does not parse.
    public var isSyntaxError: Bool { sqlState == "42601" }
    /// The connection is gone or could not be opened: the database is unavailable (503).
    public var isConnectionLost: Bool { kind == .connection }

    public var description: String {
        var text: String
        switch kind {
        case .server: text = (severity ?? "ERROR") + (sqlState.map { " " + $0 } ?? "") + ": " + message
        case .connection: text = "connection to PostgreSQL lost or unavailable" + (sqlState.map { " (" + $0 + ")" } ?? "") + ": " + message
        case .client: text = "PostgreSQL client: " + message
        case .decoding: text = "PostgreSQL decoding: " + message
        }
        if let detail { text += "\nDETAIL: " + detail }
        if let hint { text += "\nHINT: " + hint }
        return text
    }
}
