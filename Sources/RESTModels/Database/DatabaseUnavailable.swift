import PostgreSQL
import RESTFramework

/// The database cannot serve the request now: the connection is lost or cannot be opened, the
/// server is shutting down or refuses connections, or a statement hit `statement_timeout`.
/// A 503 `{"detail": ...}` (DRF would answer 500); `cause` keeps the original error for logs.
///
/// Querysets throw it themselves (see `DatabaseErrorMapping`), and a `PostgresError` of an
/// outage raised elsewhere answers as it (`APIExceptionConvertible`), so no setup is needed.
public struct DatabaseUnavailable: MessageAPIException, CustomStringConvertible {
    public static let defaultStatus = 503
    public static let defaultDetail = "Service temporarily unavailable, try again later."
    public static let defaultCode = "service_unavailable"
    public let message: String
    public let code: String
    /// What the client library reported.
    public let cause: PostgresError?

    public init(_ message: String? = nil, cause: PostgresError? = nil) {
        self.message = message ?? Self.defaultDetail
        code = Self.defaultCode
        self.cause = cause
    }

    public var description: String {
        "DatabaseUnavailable(\(message))" + (cause.map { ": \($0)" } ?? "")
    }
}

/// Which database errors mean "unavailable" rather than "a bug or bad data".
public enum DatabaseErrorMapping {
    /// SQLSTATEs of an unavailable server: admin shutdown, crash shutdown, cannot connect now,
    /// too many connections, and a statement cancelled by `statement_timeout`.
    public static let unavailableStates: Set<String> = ["57P01", "57P02", "57P03", "53300", "57014"]

    /// Whether `error` means the database is unavailable (503) rather than failed (500).
    public static func isUnavailable(_ error: PostgresError) -> Bool {
        error.isConnectionLost || error.sqlState.map(unavailableStates.contains) == true
    }

    /// `error` as the API should see it: `DatabaseUnavailable` for an outage, else unchanged.
    public static func translate(_ error: any Error) -> any Error {
        guard let postgres = error as? PostgresError, isUnavailable(postgres) else { return error }
        return DatabaseUnavailable(cause: postgres)
    }
}

/// A database error answers for itself (`APIExceptionConvertible`): an outage is a 503
/// `DatabaseUnavailable` wherever it is raised (a `Connection` used directly, an
/// authentication backend's token lookup), with the default exception handler or any handler
/// that calls it. Other database errors stay unhandled: a logged 500.
extension PostgresError: APIExceptionConvertible {
    public var apiException: (any APIException)? {
        DatabaseErrorMapping.isUnavailable(self) ? DatabaseUnavailable(cause: self) : nil
    }
}

/// Kept for compatibility: database errors now describe their own response, so no handler
/// needs installing. `wrapping` still hands the wrapped handler `DatabaseUnavailable` in place
/// of an outage's `PostgresError`, for a custom handler that matches on the type.
public enum ModelExceptionHandler {
    public static func wrapping(_ handler: @escaping @Sendable (any Error, APIView?) -> Response?)
        -> @Sendable (any Error, APIView?) -> Response?
    {
        { error, view in handler(DatabaseErrorMapping.translate(error), view) }
    }
}
