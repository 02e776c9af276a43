import PostgreSQL
import RESTFramework

/// Django's database session engine over the `sessions` table (migrations/0003_sessions.sql,
/// Django's `django_session` layout), through the request's connection.
///
///     let sessions = Sessions(secretKey: secret, store: DatabaseSessionStore(), users: SQLSessionUsers())
///
/// `session_data` is a JSON object with Django's keys (`_auth_user_id`, `_auth_user_backend`,
/// `_auth_user_hash`), read and written by PostgreSQL; every value is a bound parameter.
public struct DatabaseSessionStore: SessionStore {
    /// The table (Django's `db_table`).
    public let table: String

    public init(table: String = "sessions") {
        self.table = table
    }

    public func load(_ key: String, request: Request) throws -> StoredSession? {
        let result = try run(
            "SELECT session_data::jsonb ->> '_auth_user_id', session_data::jsonb ->> '_auth_user_hash' FROM \(table) "
                + "WHERE session_key = $1 AND expire_date > now()", [key], request)
        guard let row = result.first, !row.isNull(0), !row.isNull(1) else { return nil }
        return StoredSession(userID: try row[0, as: String.self], authHash: try row[1, as: String.self])
    }

    public func create(_ key: String, _ session: StoredSession, age: Int, request: Request) throws -> Bool {
        let result = try run(
            "INSERT INTO \(table) (session_key, session_data, expire_date) VALUES ($1, json_build_object("
                + "'_auth_user_id', $2::text, '_auth_user_backend', 'django.contrib.auth.backends.ModelBackend', "
                + "'_auth_user_hash', $3::text)::text, now() + $4::int * interval '1 second') ON CONFLICT (session_key) DO NOTHING",
            [key, session.userID, session.authHash, age], request)
        return result.rowsAffected == 1
    }

    public func delete(_ key: String, request: Request) throws {
        _ = try run("DELETE FROM \(table) WHERE session_key = $1", [key], request)
    }

    @discardableResult public func clearExpired(request: Request) throws -> Int {
        try run("DELETE FROM \(table) WHERE expire_date <= now()", [], request).rowsAffected
    }

    private func run(_ sql: String, _ parameters: [any PostgresEncodable], _ request: Request) throws -> QueryResult {
        try StatementRunner.query(SQLStatement(text: sql, parameters: parameters), on: request.database)
    }
}
