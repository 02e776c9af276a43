import Foundation
import PostgreSQL
import RESTFramework
import RESTModels
import TestSupport
import Testing

/// A plan shaped like the part-2 spec's projects: a numeric budget, dates and durations.
struct Plan: Model, Equatable {
    var id: Int64
    var budget: DecimalNumber?
    var grace: CalendarDuration
    var due: CalendarDate
    var opens: TimeOfDay
    var starts: DateTime
    var seats: Int16
    var ratio: Float
    var token: UUID

    static let tableName = "plans"
    static let columns: [Column<Plan>] = [
        Column("id", \.id), Column("budget", \.budget), Column("grace", \.grace), Column("due", \.due),
        Column("opens", \.opens), Column("starts", \.starts), Column("seats", \.seats), Column("ratio", \.ratio),
        Column("token", \.token),
    ]
    static let schema = """
        CREATE TABLE plans (
            id bigint PRIMARY KEY, budget numeric(41, 2) NULL, grace interval NOT NULL, due date NOT NULL,
            opens time NOT NULL, starts timestamptz NOT NULL, seats smallint NOT NULL, ratio real NOT NULL,
            token uuid NOT NULL)
        """

    init(row: ModelRow) throws {
        id = try row["id"]; budget = try row["budget"]; grace = try row["grace"]; due = try row["due"]
        opens = try row["opens"]; starts = try row["starts"]; seats = try row["seats"]; ratio = try row["ratio"]
        token = try row["token"]
    }

    init(_ id: Int64, budget: String?, due: String, starts: DateTime) {
        self.id = id
        self.budget = budget.map { DecimalNumber($0)! }
        grace = CalendarDuration(days: 1)
        self.due = CalendarDate(due)!
        opens = TimeOfDay("23:30:00")!
        self.starts = starts
        seats = 10
        ratio = 1.5
        token = UUID(uuidString: "A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11")!
    }

    static let rows = [
        Plan(1, budget: "99999999999999999999999999999999999999.99", due: "2024-01-31", starts: DateTime(iso8601: "2024-01-31T12:00:00Z")!),
        Plan(2, budget: nil, due: "2024-02-29", starts: .infinity),
        Plan(3, budget: "-0.50", due: "infinity", starts: DateTime(iso8601: "2023-12-31T23:00:00Z")!),
    ]
}

/// `update(["budget": F("budget") + 10.50])` and the other column types PostgreSQL can add to:
/// numbers of each kind, intervals, and an interval added to a date, time or timestamp.
@Suite(.needsTestsRun) struct FieldUpdateColumnTypesTests {
    private func plans(_ connection: Connection) throws -> QuerySet<Plan> {
        let plans = Plan.objects(on: connection)
        for row in Plan.rows {
            _ = try plans.insert(ValidatedData(Plan.columns.map { ($0.name, row.fieldValue($0.name)!) }))
        }
        return plans.orderBy("id")
    }

    @Test func numbersOfEachKind() throws {
        try withModelsDatabase(schema: Plan.schema) { connection, _ in
            let plans = try plans(connection)
            #expect(try plans.update(["budget": F("budget") + 10.50, "seats": F("seats") - 3, "ratio": F("ratio") + 0.25]) == 3)
            let read = try plans.all()
            // Exact past Double's digits; a carry across all 40; NULL stays NULL.
            #expect(read.map { $0.budget?.description } == ["100000000000000000000000000000000000010.49", nil, "10.00"])
            #expect(read.map(\.seats) == [7, 7, 7])
            #expect(read.map(\.ratio) == [1.75, 1.75, 1.75])
            #expect(try plans.update(["budget": F("budget") - .string("0.004")]) == 3)  // numeric(41, 2) rounds it
            #expect(try plans.get(pk: 3).budget?.description == "10.00")
            #expect(throws: QueryValueError.self) { try plans.update(["budget": F("budget") + .string("ten")]) }
            #expect(throws: QueryValueError.self) { try plans.update(["seats": F("seats") + 0.5]) }
        }
    }

    @Test func intervalsDatesTimesAndTimestamps() throws {
        try withModelsDatabase(schema: Plan.schema) { connection, _ in
            let plans = try plans(connection)
            let month = FieldValue.duration(CalendarDuration(months: 1))
            #expect(
                try plans.update([
                    "grace": F("grace") + .string("2 03:00:00"), "due": F("due") + month,
                    "opens": F("opens") + .string("01:00:00"), "starts": F("starts") - .string("1 day"),
                ]) == 3)
            let read = try plans.all()
            #expect(read.map(\.grace) == Array(repeating: CalendarDuration(days: 3, microseconds: 3 * 3_600_000_000), count: 3))
            // PostgreSQL's month arithmetic (Jan 31 + 1 mon is Feb 29 in a leap year); infinity stays.
            #expect(read.map(\.due.description) == ["2024-02-29", "2024-03-29", "infinity"])
            #expect(read.map(\.opens.description) == Array(repeating: "00:30:00", count: 3))  // time wraps at midnight
            let starts = [DateTime(iso8601: "2024-01-30T12:00:00Z")!, .infinity, DateTime(iso8601: "2023-12-30T23:00:00Z")!]
            #expect(read.map(\.starts) == starts)
            // An interval from a number is refused, as is a date from a date.
            #expect(throws: QueryValueError.self) { try plans.update(["due": F("due") + .string("soon")]) }
            #expect(throws: QueryValueError.self) { try plans.update(["due": F("due") + .date(CalendarDate(daysSinceEpoch: 1))]) }
        }
    }

    @Test func typesWithoutArithmeticAreRefusedClearly() throws {
        try withModelsDatabase(schema: Plan.schema) { connection, _ in
            let plans = try plans(connection)
            do {
                _ = try plans.update(["token": F("token") + 1])
                Issue.record("uuid arithmetic was accepted")
            } catch let error as QueryValueError {
                #expect("\(error)".contains("arithmetic on 'token' from F(\"token\")"))
            }
            // One column type: a date from a timestamp is not an F() update.
            #expect(throws: QueryValueError.self) { try plans.update(["due": F("starts") + .string("1 day")]) }
            #expect(try plans.all() == Plan.rows)  // nothing was written
        }
    }
}
