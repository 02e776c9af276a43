import PostgreSQL
import RESTFramework
import RESTModels
import TestSupport
import Testing

/// A row with a `timestamptz` that PostgreSQL lets hold `infinity` and `-infinity` (a task's
/// deadline that never comes, a plan valid since forever).
struct Deadline: Model, Equatable {
    var id: Int64
    var due: DateTime
    var dueOrNil: DateTime?

    static let tableName = "deadlines"
    static let columns: [Column<Deadline>] = [Column("id", \.id), Column("due", \.due), Column("due_or_nil", \.dueOrNil)]
    static let schema = "CREATE TABLE deadlines (id bigint PRIMARY KEY, due timestamptz NOT NULL, due_or_nil timestamptz NULL)"

    init(row: ModelRow) throws {
        id = try row["id"]
        due = try row["due"]
        dueOrNil = try row["due_or_nil"]
    }

    init(_ id: Int64, _ due: DateTime, _ dueOrNil: DateTime?) {
        self.id = id
        self.due = due
        self.dueOrNil = dueOrNil
    }

    static func at(_ text: String) -> DateTime { DateTime(iso8601: text)! }

    static let rows = [
        Deadline(1, .infinity, .negativeInfinity),
        Deadline(2, .negativeInfinity, nil),
        Deadline(3, at("2024-02-29T12:00:00.000001Z"), .infinity),
        Deadline(4, at("0001-01-01T00:00:00Z"), at("9999-12-31T23:59:59.999999Z")),
        Deadline(5, at("2026-12-06T00:00:00Z"), nil),
    ]
}

/// The infinities through a model on PostgreSQL: stored, read back, filtered and ordered alike
/// in SQL and in `InMemoryQuerySet`.
@Suite(.needsTestsRun) struct TimestampInfinityModelTests {
    private func insertAll(_ connection: Connection) throws -> QuerySet<Deadline> {
        let objects = Deadline.objects(on: connection)
        for row in Deadline.rows {
            let values = Deadline.columns.map { ($0.name, row.fieldValue($0.name)!) }
            #expect(try objects.insert(ValidatedData(values)) == row, "row \(row.id) as INSERT ... RETURNING gave it back")
        }
        return objects
    }

    @Test func infinitiesRoundTripThroughTheModel() throws {
        try withModelsDatabase(schema: Deadline.schema) { connection, _ in
            let objects = try insertAll(connection)
            #expect(try objects.orderBy("id").all() == Deadline.rows)
            let text = try connection.query("SELECT due::text, isfinite(due) FROM deadlines ORDER BY id")
            #expect(try text.map { try $0[0, as: String.self] }.prefix(2) == ["infinity", "-infinity"])
            #expect(try text.map { try $0[1, as: Bool.self] } == [false, false, true, true, true])
            // The query-text spellings read as the server reads them.
            for text in ["infinity", "Infinity", " INFINITY\t", "-infinity", "-Infinity"] {
                let server = try connection.query("SELECT $1::timestamptz", text)[0][0, as: PostgresTimestamp.self]
                #expect(DateTime(infinityText: text)?.microsecondsSinceEpoch == server.microsecondsSinceEpoch, "\(text)")
            }
            // PostgreSQL refuses `+infinity` (invalid input syntax); so does the query value.
            #expect(throws: PostgresError.self) { try connection.query("SELECT $1::timestamptz", "+infinity") }
            #expect(DateTime(infinityText: "+infinity") == nil)
            // Written back after a read.
            _ = try objects.update(Deadline.rows[4], with: ValidatedData([("due", .dateTime(.negativeInfinity))]))
            #expect(try objects.get(pk: 5).due == .negativeInfinity)
        }
    }

    static let predicates: [(String, RESTFramework.Predicate)] = {
        var list: [(String, RESTFramework.Predicate)] = [
            ("exact infinity text", .field("due", .exact(.string("infinity")))),
            ("exact -infinity value", .field("due", .exact(.dateTime(.negativeInfinity)))),
            ("exact Infinity text", .field("due_or_nil", .exact(.string(" Infinity ")))),
            ("gt an instant", .field("due", .gt(.string("2025-01-01T00:00:00Z")))),
            ("lt an instant", .field("due_or_nil", .lt(.string("0002-01-01T00:00:00Z")))),
            ("gte infinity", .field("due", .gte(.string("infinity")))),
            ("lte -infinity", .field("due_or_nil", .lte(.string("-infinity")))),
            ("range to infinity", .field("due", .range(.string("2024-01-01T00:00:00Z"), .string("infinity")))),
            ("range from -infinity", .field("due_or_nil", .range(.string("-infinity"), .string("2000-01-01 00:00")))),
            ("in", .field("due", .in([.string("infinity"), .string("2026-12-06T00:00:00Z")]))),
            ("year", .field("due", .year(2024))),
            ("date", .field("due", .date(.string("2026-12-06")))),
            ("isnull", .field("due_or_nil", .isNull(true))),
        ]
        for (name, predicate) in list { list.append(("not " + name, !predicate)) }
        return list
    }()

    @Test func sqlAndMemoryFilterAlike() throws {
        try withModelsDatabase(schema: Deadline.schema) { connection, _ in
            let stored = try insertAll(connection).orderBy("id")
            let memory = InMemoryQuerySet(Deadline.rows).orderBy("id")
            for (name, predicate) in Self.predicates {
                let expected = try memory.filter(predicate).all().map(\.id)
                #expect(try stored.filter(predicate).all().map(\.id) == expected, "\(name)")
            }
            #expect(try stored.filter(.field("due", .gt(.string("9999-12-31T23:59:59Z")))).all().map(\.id) == [1])
            #expect(try stored.filter(.field("due", .exact(.string("-infinity")))).all().map(\.id) == [2])
        }
    }

    @Test func orderingsAgree() throws {
        try withModelsDatabase(schema: Deadline.schema) { connection, _ in
            let stored = try insertAll(connection)
            let memory = InMemoryQuerySet(Deadline.rows)
            for field in ["due", "due_or_nil"] {
                for terms in [[OrderTerm(field), OrderTerm("id")], [OrderTerm("-" + field), OrderTerm("-id")]] {
                    #expect(try stored.orderBy(terms).all().map(\.id) == memory.orderBy(terms).all().map(\.id), "\(terms)")
                }
            }
            #expect(try stored.orderBy("due").all().map(\.id) == [2, 4, 3, 5, 1])
        }
    }
}
