import PostgreSQL
import TestSupport
import Testing

extension PostgreSQLIntegration {
    /// `Connection.pipelined`: independent statements in one round trip.
    @Suite struct Pipelines {
        @Test func resultsComeBackInOrderAndStatementsArePreparedOnce() throws {
            try withDatabase { connection, _ in
                try connection.executeScript(
                    "CREATE TABLE items (id int8 PRIMARY KEY, name text); INSERT INTO items SELECT i, 'item ' || i FROM generate_series(1, 25) i"
                )
                for offset in [0, 10, 20] {
                    let results = try connection.pipelined([
                        ("SELECT count(*) FROM items", []),
                        ("SELECT id, name FROM items ORDER BY id LIMIT $1 OFFSET $2", [Int64(10), Int64(offset)]),
                    ])
                    #expect(results.count == 2)
                    #expect(try results[0][0][0, as: Int64.self] == 25)
                    #expect(try results[1].map { try $0[0, as: Int64.self] } == Array(Int64(offset + 1)...Int64(min(offset + 10, 25))))
                    #expect(try results[1][0][1, as: String.self] == "item \(offset + 1)")
                }
                #expect(connection.preparedStatementCount == 2)
                // The session is back out of pipeline mode: plain statements work.
                #expect(try connection.value("SELECT $1::int8 + 1", Int64(1), as: Int64.self) == 2)
            }
        }

        /// A NUL in a statement's text is refused before anything is sent (the Sync would commit
        /// the statements before it); a text already prepared is not scanned again.
        @Test func nulInTheSQLIsRefusedBeforeAnythingIsSent() throws {
            try withDatabase { connection, _ in
                try connection.executeScript("CREATE TABLE items (id int8 PRIMARY KEY)")
                let insert = "INSERT INTO items VALUES ($1)"
                let error = postgresError {
                    _ = try connection.pipelined([(insert, [Int64(1)]), ("SELECT 1\u{0}", [])])
                }
                #expect(error?.kind == .client)
                #expect(error?.message.contains("NUL") == true)
                #expect(try connection.value("SELECT count(*) FROM items", as: Int64.self) == 0)
                _ = try connection.pipelined([(insert, [Int64(2)]), ("SELECT count(*) FROM items", [])])
                #expect(try connection.value("SELECT count(*) FROM items", as: Int64.self) == 1)
                #expect(connection.preparedStatementCount == 2)  // the insert and the count
            }
        }

        @Test func theSameTextTwiceIsPreparedOnce() throws {
            try withDatabase { connection, _ in
                let results = try connection.pipelined([("SELECT $1::int8 * 2", [Int64(3)]), ("SELECT $1::int8 * 2", [Int64(5)])])
                #expect(try results.map { try $0[0][0, as: Int64.self] } == [6, 10])
                #expect(connection.preparedStatementCount == 1)
            }
        }

        @Test func theFirstFailureIsThrownAndTheSessionStaysUsable() throws {
            try withDatabase { connection, _ in
                try connection.executeScript("CREATE TABLE items (id int8 PRIMARY KEY)")
                let error = postgresError {
                    _ = try connection.pipelined([
                        ("INSERT INTO items VALUES ($1)", [Int64(1)]),
                        ("SELECT 1 / $1::int8", [Int64(0)]),
                        ("INSERT INTO items VALUES ($1)", [Int64(2)]),
                    ])
                }
                #expect(error?.sqlState == "22012")
                // One implicit transaction: the failure undid the statement before it.
                #expect(try connection.value("SELECT count(*) FROM items", as: Int64.self) == 0)
                // Without a failure, every statement took effect.
                _ = try connection.pipelined([
                    ("INSERT INTO items VALUES ($1)", [Int64(1)]),
                    ("INSERT INTO items VALUES ($1)", [Int64(2)]),
                ])
                #expect(try connection.value("SELECT count(*) FROM items", as: Int64.self) == 2)

                let syntax = postgresError { _ = try connection.pipelined([("SELEC 1", []), ("SELECT 2", [])]) }
                #expect(syntax?.sqlState == "42601")
                #expect(try connection.pipelined([("SELECT 1", []), ("SELECT 2", [])]).map { try $0[0][0, as: Int.self] } == [1, 2])
            }
        }

        @Test func recoversWhenStatementsVanishOnTheServer() throws {
            try withDatabase { connection, _ in
                let batch: [(sql: String, parameters: [any PostgresEncodable])] = [
                    ("SELECT $1::int8", [Int64(1)]), ("SELECT $1::int8 + 1", [Int64(1)]),
                ]
                #expect(try connection.pipelined(batch).map { try $0[0][0, as: Int64.self] } == [1, 2])
                try connection.executeScript("DEALLOCATE ALL")
                #expect(try connection.pipelined(batch).map { try $0[0][0, as: Int64.self] } == [1, 2])
            }
        }

        @Test func insideATransactionTheBatchBelongsToIt() throws {
            try withDatabase { connection, _ in
                try connection.executeScript("CREATE TABLE items (id int8 PRIMARY KEY)")
                struct Rollback: Error {}
                _ = try? connection.transaction { connection in
                    _ = try connection.pipelined([("INSERT INTO items VALUES (1)", []), ("INSERT INTO items VALUES (2)", [])])
                    #expect(try connection.value("SELECT count(*) FROM items", as: Int64.self) == 2)
                    throw Rollback()
                }
                #expect(try connection.value("SELECT count(*) FROM items", as: Int64.self) == 0)
            }
        }
    }
}
