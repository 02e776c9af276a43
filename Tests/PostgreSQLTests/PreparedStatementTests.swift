import PostgreSQL
import TestSupport
import Testing

extension PostgreSQLIntegration {
    @Suite struct PreparedStatements {
        /// Statements this session has prepared, as the server sees them.
        func serverSideCount(_ connection: Connection) throws -> Int {
            try connection.query("SELECT count(*) FROM pg_prepared_statements WHERE name LIKE 'srf\\_%'")[0][0]
        }

        @Test func preparedOncePerSQLText() throws {
            try withDatabase { connection, _ in
                for i in 0..<5 {
                    #expect(try connection.query("SELECT $1::int8 * 2", Int64(i))[0][0, as: Int64.self] == Int64(i * 2))
                }
                #expect(connection.preparedStatementCount == 1)
                try connection.query("SELECT $1::text", "other")
                #expect(connection.preparedStatementCount == 2)
                // + the pg_prepared_statements query itself.
                #expect(try serverSideCount(connection) == 3)
                #expect(try serverSideCount(connection) == 3)
            }
        }

        @Test func recoversWhenStatementsVanishOnTheServer() throws {
            try withDatabase { connection, _ in
                try connection.executeScript("CREATE TABLE items (a int)")
                try connection.execute("INSERT INTO items VALUES (1)")
                #expect(try connection.value("SELECT * FROM items", as: Int.self) == 1)
                try connection.executeScript("DEALLOCATE ALL")
                #expect(try connection.value("SELECT * FROM items", as: Int.self) == 1)
                // A table changed under a prepared `SELECT *`.
                try connection.executeScript("ALTER TABLE items ADD COLUMN b text DEFAULT 'x'")
                let row = try connection.query("SELECT * FROM items")[0]
                #expect(try row["b", as: String.self] == "x")
            }
        }

        @Test func statementsBeyondTheCapacityRunUnprepared() throws {
            try withDatabase(configure: { $0.preparedStatementCapacity = 2 }) { connection, _ throws in
                for i in 0..<4 {
                    #expect(try connection.value("SELECT $1::int + \(i)", Int32(1), as: Int.self) == 1 + i)
                }
                #expect(connection.preparedStatementCount == 2)
                #expect(try connection.value("SELECT $1::int + 3", Int32(2), as: Int.self) == 5)
            }
        }
    }
}
