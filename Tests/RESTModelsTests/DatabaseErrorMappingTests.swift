import PostgreSQL
import RESTFramework
import RESTModels
import TestSupport
import Testing

/// Which database failures are a 503, and the handler that maps them for direct connection use.
@Suite(.needsTestsRun) struct DatabaseErrorMappingTests {
    @Test func outagesAndTimeoutsAreUnavailable() {
        for state in ["57P01", "57P02", "57P03", "53300", "57014"] {
            #expect(DatabaseErrorMapping.isUnavailable(PostgresError(kind: .server, sqlState: state, message: "x")))
        }
        #expect(DatabaseErrorMapping.isUnavailable(PostgresError(kind: .connection, message: "lost")))
        #expect(!DatabaseErrorMapping.isUnavailable(PostgresError(kind: .server, sqlState: "23505", message: "dup")))
        #expect(!DatabaseErrorMapping.isUnavailable(PostgresError(kind: .server, sqlState: "42601", message: "syntax")))
    }

    @Test func theHandlerAnswers503AndLeavesTheRest() {
        let handler = ModelExceptionHandler.wrapping(defaultExceptionHandler)
        let lost = handler(PostgresError(kind: .connection, message: "server closed the connection"), nil)
        #expect(lost?.status == 503)
        #expect(lost?.data == ["detail": "Service temporarily unavailable, try again later."])
        #expect(handler(PostgresError(kind: .server, sqlState: "42601", message: "syntax"), nil) == nil)
        #expect(handler(NotFound(), nil)?.status == 404)
    }

    @Test func aStatementTimeoutIsUnavailable() throws {
        let database = try TemporaryDatabase(prefix: "models")
        defer { database.drop() }
        // The table is made on a connection without the short limit, and the limit is 1 s, not
        // less: with 50 ms on every statement, the setup itself once ran past it on a loaded
        // machine (load 11 on 2 cores) and the test failed before reaching the statement it is
        // about. Only the sleeping statement (5 s) can outlast 1 s.
        let setup = try Connection(url: database.url)
        try setup.executeScript(Widget.schema)
        _ = try Widget.objects(on: setup).insert(["name": "w"])
        let connection = try Connection(configuration: PostgresConfiguration(url: database.url, statementTimeout: .seconds(1)))
        let slow = Widget.objects(on: connection).filter(.inSubquery("id", SleepingSubquery.values))
        #expect(throws: DatabaseUnavailable.self) { try slow.count() }
        #expect(try Widget.objects(on: connection).count() == 1)
    }

    @Test func aConnectionToAClosedPortIsUnavailable() throws {
        let url = "postgres://postgres@127.0.0.1:1/nothing?connect_timeout=1"
        #expect(throws: PostgresError.self) { _ = try Connection(url: url) }
        do { _ = try Connection(url: url) } catch {
            #expect(DatabaseErrorMapping.translate(error) is DatabaseUnavailable)
        }
    }
}

/// A model over `pg_sleep`, to make a statement outlast `statement_timeout`.
struct SleepingSubquery: Model {
    var id: Int64
    static let tableName = "widgets"
    static let columns: [Column<SleepingSubquery>] = [
        .annotation("id", \.id, sql: "SELECT 1 FROM pg_sleep(5)")
    ]
    init(row: ModelRow) throws { id = try row["id"] }
    static var values: ModelSubquery { SleepingSubquery.objects.values("id") }
}
