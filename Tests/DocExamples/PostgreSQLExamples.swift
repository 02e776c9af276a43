// The `///` examples of Sources/PostgreSQL, compiled (DocCommentExampleTests finds them here).
import Foundation
import PostgreSQL
import Testing

/// The type the encoding and decoding examples extend.
struct UserID {
    var rawValue: Int64
    init(_ rawValue: Int64) { self.rawValue = rawValue }
}

// PostgresParameterWriter
extension UserID: PostgresEncodable {
    static var postgresDataType: PostgresDataType { .int8 }
    func encode(into writer: PostgresParameterWriter) throws { writer.write(rawValue) }
}

// PostgresDecodable
extension UserID: PostgresDecodable {
    static func decode(_ value: PostgresValue) -> UserID? { Int64.decode(value).map(UserID.init) }
}

/// Stands in for a server log in `DatabaseAvailability`'s example.
private struct Log: Sendable {
    func error(_ message: String) {}
    func info(_ message: String) {}
}

enum PostgreSQLExamples {
    // Connection.pipelined
    static func pipelined(_ connection: Connection) throws {
        let results = try connection.pipelined([
            ("SELECT count(*) FROM accounts", []),
            ("SELECT id, name FROM accounts ORDER BY id LIMIT $1 OFFSET $2", [Int64(10), Int64(990)]),
        ])
        _ = results
    }

    // Connection.query, Connection.execute
    static func query(_ connection: Connection) throws {
        let result = try connection.query("SELECT username FROM users WHERE id = $1", Int64(3))
        let deleted = try connection.execute("DELETE FROM auth_tokens WHERE user_id = $1", Int64(3))
        _ = (result, deleted)
    }

    // Connection.transaction
    static func transaction(_ connection: Connection, name: String, owner: Int64) throws {
        try connection.transaction { connection in
            let id: Int64 = try connection.query("INSERT INTO accounts (name, owner_id) VALUES ($1, $2) RETURNING id", name, owner)[0][0]
            try connection.execute("INSERT INTO account_members (account_id, user_id, is_admin) VALUES ($1, $2, true)", id, owner)
        }
    }

    // Connection
    static func connection() throws {
        let connection = try Connection(configuration: .fromEnvironment())
        let rows = try connection.query("SELECT id, username FROM users WHERE id = $1", Int64(7))
        try connection.transaction { connection in
            try connection.execute("INSERT INTO notes (title, author_id) VALUES ($1, $2)", "Hi", Int64(7))
        }
        _ = rows
    }

    // DatabaseAvailability
    static func availability(url: String) {
        let log = Log()
        let availability = DatabaseAvailability { event in
            switch event {
            case .unavailable(let cause): log.error("database unavailable: \(cause)")
            case .restored(let after, _): log.info("database available again after \(after)")
            }
        }
        let configuration = PostgresConfiguration(url: url, availability: availability)
        _ = configuration
    }

    // PostgresConfiguration
    static func configuration() throws {
        var configuration = PostgresConfiguration(url: "postgres://app:secret@db:5432/app")
        configuration.statementTimeout = .seconds(5)
        let connection = try Connection(configuration: configuration)
        _ = connection
    }

    // PoolMode
    static func poolMode() {
        var configuration = PostgresConfiguration(url: "postgres://api@127.0.0.1:6432/api")
        configuration.poolMode = .transaction
        configuration.preparedStatementCapacity = 0  // PgBouncer before 1.21
        _ = configuration
    }

    // PostgresDataType
    static func dataType(_ result: QueryResult) {
        #expect(result.columnType(0) == .timestamptz)
    }

    // PostgresEncodable, PostgresNull
    static func encodable(_ connection: Connection) throws {
        try connection.execute("UPDATE users SET is_staff = $1 WHERE id = $2", true, Int64(7))
        try connection.execute("UPDATE users SET last_login = $1 WHERE id = $2", PostgresTimestamp?.none, 7)
        try connection.execute("UPDATE notes SET body = COALESCE($1, body)", PostgresNull())
    }

    // PostgresError
    static func error(_ connection: Connection, name: String) throws {
        do {
            try connection.execute("INSERT INTO users (username) VALUES ($1)", name)
        } catch let error as PostgresError where error.isUniqueViolation {
            // "A user with that username already exists."
        } catch let error as PostgresError where error.isConnectionLost {
            // answer 503; the connection reconnects on its next use
        }
    }

    // PostgresTimestamp
    static func timestamp(_ row: Row) throws {
        PostgresTimestamp("2026-11-29T00:22:38.5Z")?.microsecondsSinceEpoch  // 1795911758500000
        let created = try row["created", as: PostgresTimestamp.self]
        created.iso8601                                  // "2026-11-29T00:22:38.123456Z"
        PostgresTimestamp(microsecondsSinceEpoch: 0).iso8601   // "1970-01-01T00:00:00Z"
        PostgresTimestamp.infinity.iso8601                 // "infinity"
    }

    // QueryResult
    static func result(_ connection: Connection) throws {
        let result = try connection.query("SELECT id, username FROM users ORDER BY id")
        for row in result {
            let id = try row[0, as: Int64.self]
            let name = try row["username", as: String.self]
        }
        result.rowsAffected   // for INSERT/UPDATE/DELETE
    }

    // Row
    static func row(_ row: Row) throws {
        let id: Int64 = try row[0]
        let lastLogin = try row["last_login", as: PostgresTimestamp?.self]
        _ = (id, lastLogin)
    }
}

/// The column types' examples (Sources/PostgreSQL/Postgres*.swift).
enum PostgreSQLColumnTypeExamples {
    // DecimalNumber
    static func numeric(_ connection: Connection) throws {
        let price = DecimalNumber("12345678901234567890.123456789012345678")
        price?.description                                   // "12345678901234567890.123456789012345678"
        DecimalNumber("-0.00")?.description                // "0.00"
        try connection.execute("UPDATE invoices SET total = $1 WHERE id = $2", price, Int64(7))
    }

    // DecimalNumber arithmetic and quantize
    static func decimalArithmetic() throws {
        let total = try DecimalNumber("19.99")! * DecimalNumber(3) + DecimalNumber("0.03")!   // 60.00
        let price = DecimalNumber("2.675")!
        try price.quantized(places: 2).description                       // "2.68" (ROUND_HALF_EVEN)
        try DecimalNumber("2.665")!.quantized(places: 2).description     // "2.66"
        try DecimalNumber("2.665")!.quantized(places: 2, rounding: .halfUp).description   // "2.67"
        DecimalNumber("0.00123")!.digitCount                              // (5, 0, 5)
        _ = total
    }

    // CalendarDate
    static func date(_ connection: Connection) throws {
        let birthday = CalendarDate(year: 2024, month: 2, day: 29)   // a leap day
        birthday?.description                                          // "2024-02-29"
        try connection.execute("UPDATE users SET birthday = $1 WHERE id = $2", birthday, Int64(7))
    }

    // TimeOfDay
    static func time(_ connection: Connection) throws {
        let opens = TimeOfDay(hour: 9, minute: 30)
        opens?.description                                   // "09:30:00"
        try connection.execute("UPDATE shops SET opens = $1 WHERE id = $2", opens, Int64(7))
    }

    // CalendarDuration
    static func interval(_ connection: Connection) throws {
        let grace = CalendarDuration(months: 1, days: -2, microseconds: 3 * 3_600_000_000)
        grace.description                                    // "1 mon -2 days +03:00:00"
        try connection.execute("UPDATE plans SET grace = $1 WHERE id = $2", grace, Int64(7))
    }

    // PostgresJSON
    static func json(_ connection: Connection, row: Row) throws {
        let settings = try row["settings", as: PostgresJSON.self].text   // {"theme": "dark"}
        try connection.execute("UPDATE users SET settings = $1 WHERE id = $2", PostgresJSON(#"{"theme":"dark"}"#), Int64(7))
        _ = settings
    }

    // PostgresArrayElement
    static func arrays(_ connection: Connection, row: Row) throws {
        let tags = try row["tags", as: [String].self]        // text[]; a NULL element is refused
        let scores = try row["scores", as: [Int64?].self]    // bigint[] with NULL elements
        try connection.execute("UPDATE posts SET tags = $1 WHERE id = $2", ["a,b", "{c}"], Int64(7))
        _ = (tags, scores)
    }

    // [UInt8] as bytea
    static func bytea(_ connection: Connection, row: Row) throws {
        let digest = try row["digest", as: [UInt8].self]
        try connection.execute("UPDATE files SET digest = $1 WHERE id = $2", [UInt8]([0x0a, 0xff]), Int64(7))
        _ = digest
    }

    // UUID
    static func uuid(_ connection: Connection, row: Row) throws {
        let id = try row["id", as: UUID.self]
        try connection.execute("DELETE FROM sessions WHERE id = $1", UUID())
        _ = id
    }
}
