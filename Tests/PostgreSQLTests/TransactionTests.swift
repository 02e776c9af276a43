import PostgreSQL
import TestSupport
import Testing

extension PostgreSQLIntegration {
    @Suite struct Transactions {
        struct Abort: Error {}

        @Test func commitsWhenTheBodyReturns() throws {
            try withDatabase { connection, database in
                try connection.executeScript("CREATE TABLE items (name text)")
                let value = try connection.transaction { connection in
                    try connection.execute("INSERT INTO items VALUES ($1)", "kept")
                    #expect(connection.isInTransaction)
                    // Not visible to others before COMMIT.
                    #expect(try database.psql("SELECT count(*) FROM items") == "0")
                    return 7
                }
                #expect(value == 7)
                #expect(!connection.isInTransaction)
                #expect(try database.psql("SELECT name FROM items") == "kept")
            }
        }

        @Test func rollsBackWhenTheBodyThrows() throws {
            try withDatabase { connection, database in
                try connection.executeScript("CREATE TABLE items (name text)")
                #expect(throws: Abort.self) {
                    try connection.transaction { connection in
                        try connection.execute("INSERT INTO items VALUES ($1)", "gone")
                        throw Abort()
                    }
                }
                #expect(try database.psql("SELECT count(*) FROM items") == "0")
                // The session is out of the transaction and usable.
                try connection.execute("INSERT INTO items VALUES ($1)", "after")
                #expect(try database.psql("SELECT name FROM items") == "after")
            }
        }

        @Test func nestedCallsAreSavepoints() throws {
            try withDatabase { connection, database in
                try connection.executeScript("CREATE TABLE items (name text UNIQUE)")
                try connection.transaction { connection in
                    try connection.execute("INSERT INTO items VALUES ($1)", "outer-before")
                    // A failing statement inside the savepoint: only the inner work is undone.
                    let error = postgresError {
                        try connection.transaction { connection in
                            try connection.execute("INSERT INTO items VALUES ($1)", "inner")
                            try connection.execute("INSERT INTO items VALUES ($1)", "outer-before")
                        }
                    }
                    #expect(error?.isUniqueViolation == true)
                    #expect(throws: Abort.self) {
                        try connection.transaction { connection in
                            try connection.execute("INSERT INTO items VALUES ($1)", "inner-2")
                            throw Abort()
                        }
                    }
                    try connection.transaction { connection in
                        try connection.execute("INSERT INTO items VALUES ($1)", "inner-kept")
                    }
                    try connection.execute("INSERT INTO items VALUES ($1)", "outer-after")
                }
                #expect(try database.psql("SELECT string_agg(name, ',' ORDER BY name) FROM items") == "inner-kept,outer-after,outer-before")
            }
        }

        @Test func aSwallowedStatementErrorStillRollsBack() throws {
            try withDatabase { connection, database in
                try connection.executeScript("CREATE TABLE items (name text UNIQUE)")
                let error = postgresError {
                    try connection.transaction { connection in
                        try connection.execute("INSERT INTO items VALUES ($1)", "a")
                        _ = try? connection.execute("INSERT INTO items VALUES ($1)", "a")
                    }
                }
                #expect(error?.sqlState == "25P02")
                #expect(try database.psql("SELECT count(*) FROM items") == "0")
                #expect(try connection.query("SELECT 1")[0][0, as: Int.self] == 1)
            }
        }

        @Test func transactionControlInsideTheBodyIsReported() throws {
            try withDatabase { connection, database in
                try connection.executeScript("CREATE TABLE items (name text)")
                #expect(connection.transactionStatus == .idle)
                let error = postgresError {
                    try connection.transaction { connection in
                        #expect(connection.transactionStatus == .inTransaction)
                        try connection.executeScript("INSERT INTO items VALUES ('before'); COMMIT")
                    }
                }
                #expect(error?.kind == .client)
                #expect(error?.message.contains("COMMIT or ROLLBACK") == true)
                #expect(connection.transactionStatus == .idle)
                #expect(try database.psql("SELECT name FROM items") == "before")
            }
        }

        @Test func isolationLevel() throws {
            try withDatabase { connection, _ in
                let level = try connection.transaction(isolation: .serializable) { connection in
                    try connection.query("SHOW transaction_isolation")[0][0, as: String.self]
                }
                #expect(level == "serializable")
                let nested = postgresError {
                    try connection.transaction { connection in
                        try connection.transaction(isolation: .repeatableRead) { _ in }
                    }
                }
                #expect(nested?.kind == .client)
            }
        }
    }
}
