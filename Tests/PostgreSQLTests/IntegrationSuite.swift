import PostgreSQL
import TestSupport
import Testing

/// The integration tests of this target, one at a time: the outage tests stop and restart the
/// shared cluster, and a test running beside them would fail for that reason alone.
@Suite(.needsTestsRun, .serialized) struct PostgreSQLIntegration {}

/// Runs `body` with a connection to a database of its own, dropped afterwards.
func withDatabase<T>(
    configure: (inout PostgresConfiguration) -> Void = { _ in },
    _ body: (Connection, TemporaryDatabase) throws -> T
) throws -> T {
    let database = try TemporaryDatabase()
    defer { database.drop() }
    var configuration = PostgresConfiguration(url: database.url)
    configure(&configuration)
    let connection = try Connection(configuration: configuration)
    return try body(connection, database)
}

/// The error `body` throws, as a PostgresError (a test failure when it throws none or another).
func postgresError(_ body: () throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) -> PostgresError? {
    do {
        try body()
        Issue.record("expected a PostgresError, nothing was thrown", sourceLocation: sourceLocation)
        return nil
    } catch let error as PostgresError {
        return error
    } catch {
        Issue.record("expected a PostgresError, got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

/// Seconds `body` takes.
func measure(_ body: () -> Void) -> Double {
    let clock = ContinuousClock()
    let elapsed = clock.measure(body)
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}

extension Connection {
    /// The first column of the first row.
    func value<T: PostgresDecodable>(_ sql: String, _ parameters: any PostgresEncodable..., as type: T.Type = T.self) throws -> T {
        try query(sql, parameters: parameters)[0][0, as: type]
    }
}
