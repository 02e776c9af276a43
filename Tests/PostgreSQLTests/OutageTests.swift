import PostgreSQL
import TestSupport
import Testing

extension PostgreSQLIntegration {
    /// A real server restart and a real outage, on a private cluster so that tests running in
    /// parallel on the shared one never see them. Each test leaves the cluster running.
    @Suite struct Outages {
        @Test func reconnectsAfterARestartAndPreparesAgain() throws {
            let cluster = try PrivateCluster.shared()
            do {
                let connection = try Connection(url: cluster.url)
                let sql = "SELECT $1::int8 + 1"
                #expect(try connection.query(sql, Int64(1))[0][0, as: Int64.self] == 2)
                let pid = connection.backendPID

                try cluster.restart()
                // The very next call goes to a new session, with the statement prepared again.
                #expect(try connection.query(sql, Int64(2))[0][0, as: Int64.self] == 3)
                #expect(connection.backendPID != pid)
                #expect(connection.preparedStatementCount == 1)
                #expect(
                    try connection.query("SELECT count(*) FROM pg_prepared_statements WHERE statement = $1", sql)[0][0, as: Int.self] == 1)

                // A pipeline of statements prepared on the old session: the same.
                let batch: [(sql: String, parameters: [any PostgresEncodable])] = [(sql, [Int64(3)]), ("SELECT $1::int8 * 2", [Int64(3)])]
                #expect(try connection.pipelined(batch).map { try $0[0][0, as: Int64.self] } == [4, 6])
                let beforeRestart = connection.backendPID
                try cluster.restart()
                #expect(try connection.pipelined(batch).map { try $0[0][0, as: Int64.self] } == [4, 6])
                #expect(connection.backendPID != beforeRestart)
                #expect(connection.preparedStatementCount == 2)

                // Lost inside a transaction: the transaction fails as lost, it is not silently
                // continued on a new session, and the call after it reconnects.
                try connection.executeScript("CREATE TABLE items (name text)")
                let error = postgresError {
                    try connection.transaction { connection in
                        try connection.execute("INSERT INTO items VALUES ($1)", "lost")
                        try cluster.restart()
                        try connection.execute("INSERT INTO items VALUES ($1)", "never")
                    }
                }
                #expect(error?.isConnectionLost == true)
                #expect(try connection.query("SELECT count(*) FROM items")[0][0, as: Int.self] == 0)
            }
        }

        @Test func failsFastWhileTheServerIsDownThenRecovers() throws {
            let cluster = try PrivateCluster.shared()
            do {
                let connection = try Connection(url: cluster.url)
                #expect(try connection.query("SELECT 1")[0][0, as: Int.self] == 1)
                try cluster.stop()
                var restarted = false
                defer { if !restarted { try? cluster.start() } }

                for _ in 0..<2 {
                    var error: PostgresError?
                    let seconds = measure { error = postgresError { try connection.query("SELECT 1") } }
                    #expect(error?.isConnectionLost == true)
                    #expect(seconds < 3)
                }

                try cluster.start()
                restarted = true
                #expect(try connection.query("SELECT 2")[0][0, as: Int.self] == 2)
            }
        }
    }
}
