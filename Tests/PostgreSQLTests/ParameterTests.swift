import PostgreSQL
import TestSupport
import Testing

extension PostgreSQLIntegration {
    @Suite struct Parameters {
        static let hostileStrings = [
            "'", "''", "\\", "\\'", "'; DROP TABLE items; --", "Robert'); DROP TABLE items;--",
            "$1", "$$", "\"quoted\"", "%_*", "E'\\x41'", "line\nbreak\ttab\r\n", "😀👨‍👩‍👧‍👦",
            "\u{202E}right-to-left", "ünïcödé", "\u{7F}\u{1}control", String(repeating: "x'", count: 5000),
        ]

        @Test func hostileStringsRoundTripExactly() throws {
            try withDatabase { connection, database in
                try connection.executeScript("CREATE TABLE items (id serial PRIMARY KEY, value text NOT NULL)")
                for value in Self.hostileStrings {
                    let id = try connection.query("INSERT INTO items (value) VALUES ($1) RETURNING id", value)[0][0, as: Int64.self]
                    let back = try connection.query("SELECT value, value = $2 FROM items WHERE id = $1", id, value)[0]
                    #expect(try back[0, as: String.self] == value)
                    #expect(try back[1, as: Bool.self])
                }
                // The table survived, and holds exactly what was sent (checked through psql).
                #expect(try database.psql("SELECT count(*) FROM items") == String(Self.hostileStrings.count))
                #expect(try database.psql("SELECT value FROM items WHERE id = 5") == "'; DROP TABLE items; --")
            }
        }

        @Test func nulIsRejectedBeforeAnythingIsSent() throws {
            try withDatabase { connection, _ in
                try connection.executeScript("CREATE TABLE items (value text)")
                let before = connection.preparedStatementCount
                let error = postgresError {
                    try connection.execute("INSERT INTO items (value) VALUES ($1), ($2)", "fine", "a\u{0}b")
                }
                #expect(error?.kind == .client)
                #expect(error?.message.contains("$2") == true)
                #expect(error?.message.contains("NUL") == true)
                // Not even prepared, and the connection is still fine.
                #expect(connection.preparedStatementCount == before)
                #expect(try connection.query("SELECT count(*) FROM items")[0][0, as: Int.self] == 0)

                let inSQL = postgresError { try connection.execute("SELECT 1\u{0}; DROP TABLE items") }
                #expect(inSQL?.kind == .client)
                let inScript = postgresError { try connection.executeScript("SELECT 1;\u{0}DROP TABLE items") }
                #expect(inScript?.kind == .client)
                #expect(try connection.query("SELECT count(*) FROM items")[0][0, as: Int.self] == 0)
            }
        }

        @Test func typedAndUntypedNulls() throws {
            try withDatabase { connection, _ in
                try connection.executeScript("CREATE TABLE items (name text, stamp timestamptz, n int8)")
                try connection.execute("INSERT INTO items VALUES ($1, $2, $3)", String?.none, PostgresTimestamp?.none, Int64?.none)
                try connection.execute(
                    "INSERT INTO items VALUES ($1, $2, $3)", "x", PostgresTimestamp?.some(.init(microsecondsSinceEpoch: 0)), Int64?.some(5))
                try connection.execute("INSERT INTO items VALUES ($1, NULL, NULL)", PostgresNull())
                let rows = try connection.query("SELECT name, stamp, n FROM items ORDER BY name NULLS FIRST")
                #expect(try rows.map { try $0[0, as: String?.self] } == [nil, nil, "x"])
                #expect(try rows[2][1, as: PostgresTimestamp?.self]?.iso8601 == "1970-01-01T00:00:00Z")
                #expect(try rows[0][2, as: Int64?.self] == nil)
            }
        }

        @Test func rowsAffectedAndArrayParameters() throws {
            try withDatabase { connection, _ in
                try connection.executeScript("CREATE TABLE items (id int PRIMARY KEY, flag bool NOT NULL DEFAULT false)")
                let values: [any PostgresEncodable] = [Int32(1), Int32(2), Int32(3)]
                #expect(try connection.execute("INSERT INTO items (id) VALUES ($1), ($2), ($3)", parameters: values) == 3)
                #expect(try connection.execute("UPDATE items SET flag = true WHERE id >= $1", 2) == 2)
                #expect(try connection.execute("DELETE FROM items WHERE id = $1", Int64(9)) == 0)
                #expect(try connection.execute("DELETE FROM items WHERE flag") == 2)
                let result = try connection.query("SELECT id FROM items")
                #expect(result.rowsAffected == 1)
                #expect(result.commandTag == "SELECT 1")
                #expect(try connection.execute("CREATE INDEX ON items (flag)") == 0)
            }
        }
    }
}
