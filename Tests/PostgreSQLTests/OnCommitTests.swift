import PostgreSQL
import TestSupport
import Testing

extension PostgreSQLIntegration {
    /// `onCommit`: Django's `transaction.on_commit` on the connection's transactions.
    @Suite struct OnCommit {
        struct Abort: Error {}

        @Test func runsOnceAfterTheOutermostCommitNeverAfterARollback() throws {
            try withDatabase { connection, database in
                try connection.executeScript("CREATE TABLE items (name text)")
                var ran: [String] = []
                try connection.transaction { connection in
                    try connection.execute("INSERT INTO items VALUES ($1)", "a")
                    connection.onCommit {
                        // After COMMIT: visible to others, and no transaction open.
                        ran.append("a: \((try? database.psql("SELECT count(*) FROM items")) ?? "?") \(connection.transactionStatus)")
                    }
                    try connection.transaction { connection in
                        connection.onCommit { ran.append("inner") }
                    }
                    #expect(ran.isEmpty)
                }
                #expect(ran == ["a: 1 idle", "inner"])
                #expect(throws: Abort.self) {
                    try connection.transaction { connection in
                        connection.onCommit { ran.append("rolled back") }
                        throw Abort()
                    }
                }
                // Outside a transaction: at once.
                connection.onCommit { ran.append("now") }
                #expect(ran == ["a: 1 idle", "inner", "now"])
                // A later transaction does not run old work again.
                try connection.transaction { _ in }
                #expect(ran.count == 3)
            }
        }

        @Test func aRolledBackSavepointDropsOnlyItsOwnWork() throws {
            try withDatabase { connection, _ in
                var ran: [String] = []
                try connection.transaction { connection in
                    connection.onCommit { ran.append("outer") }
                    try connection.transaction { connection in connection.onCommit { ran.append("released") } }
                    #expect(throws: Abort.self) {
                        try connection.transaction { connection in
                            connection.onCommit { ran.append("dropped") }
                            try connection.transaction { connection in connection.onCommit { ran.append("dropped too") } }
                            throw Abort()
                        }
                    }
                    connection.onCommit { ran.append("last") }
                }
                #expect(ran == ["outer", "released", "last"])
                // A failed COMMIT-time statement error: the work is dropped with the transaction.
                _ = try? connection.transaction { connection in
                    connection.onCommit { ran.append("never") }
                    _ = try? connection.execute("SELECT 1/0")
                }
                #expect(ran == ["outer", "released", "last"])
                #expect(connection.transactionStatus == .idle)
            }
        }
    }
}
