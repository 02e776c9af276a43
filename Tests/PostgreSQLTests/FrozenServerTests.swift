import Dispatch
import PostgreSQL
import Synchronization
import TestSupport
import Testing

extension PostgreSQLIntegration {
    /// A server that freezes (SIGSTOP) while a session is open, over a unix socket: no keepalive
    /// and no `statement_timeout` can end the wait, only the client's own deadline.
    @Suite struct FrozenServer {
        /// Each way a statement reaches the server: prepared (its first use prepares it), the
        /// simple protocol, a pipeline, and inside a transaction.
        enum Path: String, CaseIterable, Sendable {
            case query, script, pipeline, transaction
        }

        /// statement_timeout 1 s and a grace of 300 ms, both from the URL.
        static let options = "&options=-c%20statement_timeout%3D1s%20-c%20srf.statement_grace%3D300ms"

        @Test(arguments: Path.allCases)
        func aStatementFailsAsLostAtTheDeadlineAndTheNextCallsFailFastUntilTheServerIsBack(_ path: Path) throws {
            let cluster = try PrivateCluster.shared()
            let availability = DatabaseAvailability()
            let configuration = PostgresConfiguration(url: cluster.url + Self.options, availability: availability)
            let connection = try Connection(configuration: configuration)
            #expect(connection.statementDeadline == .milliseconds(1300))
            #expect(try connection.value("SELECT 1", as: Int.self) == 1)
            let pid = connection.backendPID

            // Without the deadline the statement below waits for ever: thaw after 8 s so that
            // the test fails instead of hanging.
            let finished = Atomic(false)
            defer { finished.store(true, ordering: .sequentiallyConsistent) }
            DispatchQueue.global().asyncAfter(deadline: .now() + 8) {
                if !finished.load(ordering: .sequentiallyConsistent) { try? cluster.thaw() }
            }
            var frozen = false
            defer { if frozen { try? cluster.thaw() } }
            // The wait is timed from the moment the server is frozen: freezing runs `pgrep` (a
            // subprocess), which on a loaded machine took long enough to push the whole call past
            // the bound below although the deadline itself fired on time.
            let clock = ContinuousClock()
            var frozenAt = clock.now
            let freeze = {
                try cluster.freeze()
                frozen = true
                frozenAt = clock.now
            }

            var took = Duration.zero
            let error = postgresError {
                defer { took = clock.now - frozenAt }
                switch path {
                case .query:
                    try freeze()
                    try connection.query("SELECT $1::int8 + 1", Int64(1))
                case .script:
                    try freeze()
                    try connection.executeScript("SELECT 1; SELECT 2")
                case .pipeline:
                    try freeze()
                    _ = try connection.pipelined([("SELECT count(*) FROM pg_class", []), ("SELECT $1::int8", [Int64(2)])])
                case .transaction:
                    try connection.transaction { connection in
                        try connection.execute("SELECT 1")
                        try freeze()
                        try connection.execute("SELECT 2")
                    }
                }
            }
            #expect(error?.isConnectionLost == true, "\(String(describing: error))")
            #expect(error?.message.contains("did not answer within 1.3 s") == true, "\(String(describing: error))")
            #expect(took >= .milliseconds(1200) && took < .milliseconds(2500), "\(took)")

            // The next statement reconnects, which a frozen postmaster lets time out (2 s):
            // the database is marked down, and from then on calls fail at once.
            let reconnect = clock.measure {
                #expect(postgresError { try connection.query("SELECT 3") }?.isConnectionLost == true)
            }
            #expect(reconnect < .milliseconds(3500), "\(reconnect)")
            #expect(!availability.isAvailable)
            let atOnce = clock.measure {
                #expect(postgresError { try connection.query("SELECT 4") }?.isConnectionLost == true)
            }
            #expect(atOnce < .milliseconds(100), "\(atOnce)")

            try cluster.thaw()
            frozen = false
            #expect(waitUntil(timeout: 5) { availability.isAvailable })
            #expect(try connection.value("SELECT 5", as: Int.self) == 5)
            #expect(connection.backendPID != pid)
            #expect(connection.transactionStatus == .idle)
        }

        @Test func aNearlyDueStatementThatAnswersIsNotCutOff() throws {
            // pg_sleep inside the deadline (statement_timeout 1 s + 300 ms): the session stays.
            let cluster = try PrivateCluster.shared()
            let connection = try Connection(url: cluster.url + Self.options)
            let pid = connection.backendPID
            try connection.query("SELECT pg_sleep(0.9)")
            // Past statement_timeout: the server's own cancel (57014), not a lost session.
            #expect(postgresError { try connection.query("SELECT pg_sleep(1.2)") }?.isQueryCanceled == true)
            #expect(connection.backendPID == pid)
            #expect(try connection.value("SELECT 6", as: Int.self) == 6)
        }
    }
}
