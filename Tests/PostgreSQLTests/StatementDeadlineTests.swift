@testable import PostgreSQL
import Testing

/// The client-side deadline is read from the startup `options` the way the server reads
/// `statement_timeout` from them; no database needed.
@Suite struct StatementDeadlineTests {
    func deadline(_ options: String, grace: Duration? = .seconds(5)) throws -> Int32? {
        try StatementDeadline(options: options, grace: grace)?.milliseconds
    }

    @Test func isTheLastStatementTimeoutPlusTheGrace() throws {
        #expect(try deadline("-c statement_timeout=30000 ") == 35_000)
        #expect(try deadline("-c statement_timeout=30000 -c statement_timeout=5s") == 10_000)
        #expect(try deadline("-cstatement_timeout=1min", grace: .milliseconds(250)) == 60_250)
        #expect(try deadline("--statement-timeout=2s") == 7_000)
        #expect(try deadline("-c Statement_Timeout=1.5s", grace: .zero) == 1_500)
        #expect(try deadline("-c statement_timeout=5\\ s") == 10_000)
        #expect(try deadline("-c statement_timeout=500ms -c TimeZone=UTC") == 5_500)
    }

    @Test func theGraceInOptionsWinsOverTheConfiguration() throws {
        #expect(try deadline("-c statement_timeout=1s -c srf.statement_grace=300ms") == 1_300)
        #expect(try deadline("-c srf.statement_grace=2 -c statement_timeout=1s", grace: nil) == 1_002)
        #expect(throws: PostgresError.self) { try deadline("-c statement_timeout=1s -c srf.statement_grace=soon") }
        #expect(throws: PostgresError.self) { try deadline("-c statement_timeout=1s -c srf.statement_grace=-1s") }
    }

    @Test func noTimeoutNoLimitOrNoGraceMeansNoDeadline() throws {
        #expect(try deadline("") == nil)
        #expect(try deadline("-c lock_timeout=1s") == nil)
        #expect(try deadline("-c statement_timeout=0") == nil)
        #expect(try deadline("-c statement_timeout=30s -c statement_timeout=0") == nil)
        #expect(try deadline("-c statement_timeout=30s", grace: nil) == nil)
        // Left for the server to refuse.
        #expect(try deadline("-c statement_timeout=soon") == nil)
    }

    @Test func timeUnitsAreTheServers() {
        #expect(StatementDeadline.milliseconds(ofTimeSetting: "250") == 250)
        #expect(StatementDeadline.milliseconds(ofTimeSetting: "1500us") == 2)
        #expect(StatementDeadline.milliseconds(ofTimeSetting: " 2 h ") == 7_200_000)
        #expect(StatementDeadline.milliseconds(ofTimeSetting: "1d") == 86_400_000)
        #expect(StatementDeadline.milliseconds(ofTimeSetting: "5m") == nil)  // m is not a time unit
        #expect(StatementDeadline.milliseconds(ofTimeSetting: "s") == nil)
    }

    @Test func aHugeTimeoutIsClampedNotATrap() throws {
        #expect(try deadline("-c statement_timeout=100000d") == Int32.max)
    }
}
