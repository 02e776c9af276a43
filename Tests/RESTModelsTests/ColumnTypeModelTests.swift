import Foundation
import PostgreSQL
import RESTFramework
import RESTModels
import TestSupport
import Testing

/// A project's status as the part-2 spec stores it (text with choices).
enum Status: String, ColumnEnum {
    case planned, active, done, inProgress = "in_progress"
}

/// A task's priority (smallint with choices).
enum Priority: Int16, ColumnEnum {
    case high = 1, normal = 2, low = 3

    var displayName: String {
        switch self {
        case .high: "High"
        case .normal: "Normal"
        case .low: "Low"
        }
    }
}

/// A row with every column type of issue 13 §2, each also nullable.
struct AllTypes: Model, Equatable {
    var id: Int64
    var amount: DecimalNumber
    var amountOrNil: DecimalNumber?
    var token: UUID
    var tokenOrNil: UUID?
    var day: CalendarDate
    var dayOrNil: CalendarDate?
    var at: TimeOfDay
    var atOrNil: TimeOfDay?
    var span: CalendarDuration
    var spanOrNil: CalendarDuration?
    var data: JSON
    var dataOrNil: JSON?
    var blob: [UInt8]
    var blobOrNil: [UInt8]?
    var small: Int16
    var smallOrNil: Int16?
    var ratio: Float
    var ratioOrNil: Float?
    var tags: [String]
    var tagsOrNil: [String?]?
    var scores: [Int64]
    var scoresOrNil: [Int32?]?
    var status: Status
    var statusOrNil: Status?
    var priority: Priority
    var priorityOrNil: Priority?

    static let tableName = "all_types"
    static let columns: [Column<AllTypes>] = [
        Column("id", \.id),
        Column("amount", \.amount), Column("amount_or_nil", \.amountOrNil),
        Column("token", \.token), Column("token_or_nil", \.tokenOrNil),
        Column("day", \.day), Column("day_or_nil", \.dayOrNil),
        Column("at", \.at), Column("at_or_nil", \.atOrNil),
        Column("span", \.span), Column("span_or_nil", \.spanOrNil),
        Column("data", \.data), Column("data_or_nil", \.dataOrNil),
        Column("blob", \.blob), Column("blob_or_nil", \.blobOrNil),
        Column("small", \.small), Column("small_or_nil", \.smallOrNil),
        Column("ratio", \.ratio), Column("ratio_or_nil", \.ratioOrNil),
        Column("tags", \.tags), Column("tags_or_nil", \.tagsOrNil),
        Column("scores", \.scores), Column("scores_or_nil", \.scoresOrNil),
        Column("status", \.status), Column("status_or_nil", \.statusOrNil),
        Column("priority", \.priority), Column("priority_or_nil", \.priorityOrNil),
    ]
    static let schema = """
        CREATE TABLE all_types (
            id bigint PRIMARY KEY,
            amount numeric NOT NULL, amount_or_nil numeric NULL,
            token uuid NOT NULL, token_or_nil uuid NULL,
            day date NOT NULL, day_or_nil date NULL,
            at time NOT NULL, at_or_nil time NULL,
            span interval NOT NULL, span_or_nil interval NULL,
            data jsonb NOT NULL, data_or_nil json NULL,
            blob bytea NOT NULL, blob_or_nil bytea NULL,
            small smallint NOT NULL, small_or_nil smallint NULL,
            ratio real NOT NULL, ratio_or_nil real NULL,
            tags text[] NOT NULL, tags_or_nil text[] NULL,
            scores bigint[] NOT NULL, scores_or_nil integer[] NULL,
            status varchar(20) NOT NULL, status_or_nil varchar(20) NULL,
            priority smallint NOT NULL, priority_or_nil smallint NULL)
        """

    init(row: ModelRow) throws {
        id = try row["id"]
        amount = try row["amount"]; amountOrNil = try row["amount_or_nil"]
        token = try row["token"]; tokenOrNil = try row["token_or_nil"]
        day = try row["day"]; dayOrNil = try row["day_or_nil"]
        at = try row["at"]; atOrNil = try row["at_or_nil"]
        span = try row["span"]; spanOrNil = try row["span_or_nil"]
        data = try row["data"]; dataOrNil = try row["data_or_nil"]
        blob = try row["blob"]; blobOrNil = try row["blob_or_nil"]
        small = try row["small"]; smallOrNil = try row["small_or_nil"]
        ratio = try row["ratio"]; ratioOrNil = try row["ratio_or_nil"]
        tags = try row["tags"]; tagsOrNil = try row["tags_or_nil"]
        scores = try row["scores"]; scoresOrNil = try row["scores_or_nil"]
        status = try row["status"]; statusOrNil = try row["status_or_nil"]
        priority = try row["priority"]; priorityOrNil = try row["priority_or_nil"]
    }

    /// Row `id` with the given values and every nullable column NULL, or set to the same values.
    init(
        _ id: Int64, amount: String, token: String, day: CalendarDate, at: TimeOfDay, span: CalendarDuration,
        data: JSON, blob: [UInt8], small: Int16, ratio: Float, tags: [String], scores: [Int64],
        status: Status, priority: Priority, nullable: Bool
    ) {
        self.id = id
        self.amount = DecimalNumber(amount)!; self.token = UUID(uuidString: token)!; self.day = day; self.at = at
        self.span = span; self.data = data; self.blob = blob; self.small = small; self.ratio = ratio
        self.tags = tags; self.scores = scores; self.status = status; self.priority = priority
        if !nullable {
            amountOrNil = self.amount
            tokenOrNil = self.token; dayOrNil = day; atOrNil = at; spanOrNil = span; dataOrNil = data
            blobOrNil = blob; smallOrNil = small; ratioOrNil = ratio; tagsOrNil = tags + [nil]
            scoresOrNil = scores.map { Int32(truncatingIfNeeded: $0) } + [nil]
            statusOrNil = status; priorityOrNil = priority
        }
    }

    static func date(_ text: String) -> CalendarDate { CalendarDate(text)! }
    static func time(_ text: String) -> TimeOfDay { TimeOfDay(text)! }

    /// JSON with every value type (object keys in jsonb's order: shorter first, then bytewise).
    static let everyJSONType: JSON = [
        "a": nil, "b": true, "c": false, "d": 42, "e": -2.5, "f": "text \"quoted\" é",
        "g": [1, "two", [3], ["four": 4]], "h": ["nested": ["deeper": [nil]]],
        "big": .bigInt("123456789012345678901234567890"),
    ]

    static let rows: [AllTypes] = [
        AllTypes(
            1, amount: "12345678901234567890123456789012345678", token: "A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11",
            day: date("2024-02-29"), at: time("14:30:00"),
            span: CalendarDuration(months: 1, days: -2, microseconds: 3 * 3_600_000_000),
            data: everyJSONType, blob: [0, 1, 0xff], small: 1, ratio: 1.1, tags: ["a,b", "{c}", "NULL", ""],
            scores: [Int64.max, Int64.min], status: .planned, priority: .high, nullable: false),
        AllTypes(
            2, amount: "-0.00", token: "00000000-0000-0000-0000-000000000000",
            day: .negativeInfinity, at: time("24:00:00"), span: CalendarDuration(microseconds: -3_600_000_000),
            data: [], blob: [], small: Int16.min, ratio: -0.0, tags: [], scores: [], status: .inProgress,
            priority: .low, nullable: true),
        AllTypes(
            3, amount: "1250.5", token: "FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF",
            day: .infinity, at: time("00:00:00.000001"), span: CalendarDuration(days: 30),
            data: "just a string", blob: Array("bytes".utf8), small: Int16.max, ratio: .infinity,
            tags: ["é", "back\\slash"], scores: [0], status: .done, priority: .normal, nullable: false),
        AllTypes(
            4, amount: "-Infinity", token: "123E4567-E89B-12D3-A456-426614174000",
            day: date("0044-03-15 BC"), at: time("23:59:59.999999"), span: CalendarDuration(months: 1),
            data: 3.25, blob: [0x5c, 0x78], small: 0, ratio: 3.4028235e38, tags: ["x"], scores: [1, 2, 3],
            status: .active, priority: .normal, nullable: true),
        AllTypes(
            5, amount: "1250.50", token: "6BA7B810-9DAD-11D1-80B4-00C04FD430C8",
            day: date("2026-12-06"), at: time("09:05:00"), span: CalendarDuration(),
            data: ["k": [1, 2]], blob: [7], small: -1, ratio: 0.1, tags: ["a", "b"], scores: [-5],
            status: .active, priority: .high, nullable: false),
    ]
}

/// The column types through the model layer on a real PostgreSQL: insert, read back, filter,
/// with the extremes issue 13 lists; SQL and `InMemoryQuerySet` agreeing on every filter.
@Suite(.needsTestsRun) struct ColumnTypeModelTests {
    private func insertAll(_ connection: Connection) throws -> QuerySet<AllTypes> {
        let objects = AllTypes.objects(on: connection)
        for row in AllTypes.rows {
            let values = AllTypes.columns.map { ($0.name, row.fieldValue($0.name)!) }
            let stored = try objects.insert(ValidatedData(values))
            #expect(stored == row, "row \(row.id) as INSERT ... RETURNING gave it back")
        }
        return objects
    }

    @Test func everyTypeRoundTripsThroughTheModel() throws {
        try withModelsDatabase(schema: AllTypes.schema) { connection, _ in
            let objects = try insertAll(connection)
            let read = try objects.orderBy("id").all()
            #expect(read == AllTypes.rows)
            // The extremes, as the server sees them (its own text of each column).
            let text = try connection.query(
                "SELECT amount::text, day::text, at::text, span::text, ratio::text, tags::text, data::text FROM all_types ORDER BY id")
            #expect(
                try text.map { try $0[0, as: String.self] } == [
                    "12345678901234567890123456789012345678", "0.00", "1250.5", "-Infinity", "1250.50",
                ])
            #expect(try text.map { try $0[1, as: String.self] } == ["2024-02-29", "-infinity", "infinity", "0044-03-15 BC", "2026-12-06"])
            #expect(try text[0][3, as: String.self] == "1 mon -2 days +03:00:00")
            #expect(try text[1][2, as: String.self] == "24:00:00")
            #expect(try text[1][4, as: String.self] == "-0")
            #expect(try text[0][5, as: String.self] == #"{"a,b","{c}","NULL",""}"#)
            // Written back after a read: an update of every column with the values read.
            let first = read[0]
            let assignments = AllTypes.columns.filter { $0.name != "id" }.map { ($0.name, read[2].fieldValue($0.name)!) }
            _ = try objects.update(first, with: ValidatedData(assignments))
            var expected = read[2]
            expected.id = 1
            #expect(try objects.get(pk: 1) == expected)
        }
    }

    @Test func aStoredValueThatIsNotAChoiceIsADecodingErrorNamingTheColumn() throws {
        try withModelsDatabase(schema: AllTypes.schema) { connection, _ in
            let objects = try insertAll(connection)
            try connection.execute("UPDATE all_types SET status_or_nil = 'archived' WHERE id = 3")
            do {
                _ = try objects.get(pk: 3)
                Issue.record("no error for a status that is not a choice")
            } catch let error as PostgresError {
                #expect(error.kind == .decoding)
                #expect(error.column == "status_or_nil")
                #expect(error.message.contains("\"status_or_nil\" holds archived, which is not one of Status's choices"))
            }
            try connection.execute("UPDATE all_types SET priority = 7 WHERE id = 5")
            #expect(throws: PostgresError.self) { try objects.get(pk: 5) }
        }
    }

    @Test func choicesAreDataOnTheColumn() {
        let columns = Dictionary(uniqueKeysWithValues: AllTypes.columns.map { ($0.name, $0) })
        let statuses = [("planned", "Planned"), ("active", "Active"), ("done", "Done"), ("in_progress", "In Progress")]
        #expect(columns["status"]?.choices == statuses.map { Choice(value: .string($0.0), displayName: $0.1) })
        #expect(columns["status_or_nil"]?.choices == columns["status"]?.choices)
        #expect(columns["status"]?.type == .text)
        #expect(
            columns["priority"]?.choices == [(1, "High"), (2, "Normal"), (3, "Low")].map { Choice(value: .int($0.0), displayName: $0.1) })
        #expect(columns["priority_or_nil"]?.type == .smallint)
        #expect(columns["priority_or_nil"]?.isNullable == true)
        #expect(columns["amount"]?.choices == nil)
    }

    /// The hook a filter backend coerces query values with: the column's type.
    @Test func aColumnTypeCoercesQueryText() throws {
        let columns = Dictionary(uniqueKeysWithValues: AllTypes.columns.map { ($0.name, $0.type) })
        #expect(try columns["amount"]!.coerce(.string("1250.50"), field: "amount") == .decimal(DecimalNumber("1250.50")!))
        #expect(try columns["ratio"]!.coerce(.string("1.10000001"), field: "ratio") == .double(1.1))  // as float4 rounds it
        #expect(try columns["tags"]!.coerce(.string("a,b"), field: "tags") == .list(["a", "b"]))
        #expect(try columns["status"]!.coerce(.string("active"), field: "status") == .string("active"))
        #expect(try columns["priority"]!.coerce(.string("2"), field: "priority") == .int(2))
        #expect(throws: QueryValueError.cannotCoerce(field: "day", value: .string("2024-02-30"), to: "a valid date")) {
            try columns["day"]!.coerce(.string("2024-02-30"), field: "day")
        }
    }

    static let predicates: [(String, RESTFramework.Predicate)] = {
        var list: [(String, RESTFramework.Predicate)] = [
            ("decimal exact by value", .field("amount", .exact(.string("1250.500")))),
            ("decimal exact integer", .field("amount_or_nil", .exact(1250))),
            ("decimal gt", .field("amount", .gt(.string("0")))),
            ("decimal lte", .field("amount", .lte(.string("1250.5")))),
            ("decimal range", .field("amount_or_nil", .range(.string("-1"), .string("99999999999")))),
            ("decimal in", .field("amount", .in([.string("1250.5"), .string("-Infinity"), .string("7")]))),
            ("decimal isnull", .field("amount_or_nil", .isNull(true))),
            ("uuid exact hex", .field("token", .exact(.string("a0eebc999c0b4ef8bb6d6bb9bd380a11")))),
            ("uuid exact braces", .field("token", .exact(.string("{123E4567-E89B-12D3-A456-426614174000}")))),
            (
                "uuid in",
                .field(
                    "token_or_nil", .in([.string("ffffffff-ffff-ffff-ffff-ffffffffffff"), .string("6ba7b810-9dad-11d1-80b4-00c04fd430c8")]))
            ),
            ("uuid gt", .field("token", .gt(.string("6ba7b810-9dad-11d1-80b4-00c04fd430c8")))),
            ("date exact", .field("day", .exact(.string("2024-02-29")))),
            ("date gte", .field("day", .gte(.string("2000-1-1")))),
            ("date lt", .field("day", .lt(.string("2025-01-01")))),
            ("date range", .field("day_or_nil", .range(.string("2024-01-01"), .string("2026-12-31")))),
            ("date year", .field("day", .year(2026))),
            ("date year text", .field("day_or_nil", .year(.string("2024")))),
            ("date date", .field("day", .date(.string("2024-02-29")))),
            ("time exact", .field("at", .exact(.string("14:30")))),
            ("time gt", .field("at", .gt(.string("12:00:00")))),
            ("time lte fraction", .field("at_or_nil", .lte(.string("14:30:00.5")))),
            ("time in", .field("at", .in([.string("9:05"), .string("00:00:00.000001")]))),
            ("interval exact month as 30 days", .field("span", .exact(.string("30 00:00:00")))),
            ("interval gt", .field("span", .gt(.string("00:00:00")))),
            ("interval lt negative", .field("span", .lt(.string("-1 23:30:00")))),
            ("interval range postgres text", .field("span", .range(.string("1 day"), .string("1 mon -1 days +03:00:00")))),
            ("json exact", .field("data", .exact(.jsonValue(["k": [1, 2]])))),
            ("json exact string", .field("data", .exact(.string("just a string")))),
            ("json exact on json", .field("data_or_nil", .exact(.jsonValue(AllTypes.everyJSONType)))),
            ("json isnull", .field("data_or_nil", .isNull(false))),
            ("bytes exact", .field("blob", .exact(.bytes([7])))),
            ("bytes gt", .field("blob", .gt(.bytes([0, 2])))),
            ("smallint exact", .field("small", .exact(.string("-1")))),
            ("smallint in", .field("small_or_nil", .in([1, 32767, 5]))),
            ("smallint gt beyond its range", .field("small", .gt(.string("40000")))),
            ("real exact", .field("ratio", .exact(.string("1.1")))),
            ("real lt", .field("ratio", .lt(.double(1)))),
            ("real in", .field("ratio_or_nil", .in([.string("0.1"), .string("1.1")]))),
            ("text[] exact", .field("tags", .exact(.list(["a", "b"])))),
            ("text[] exact comma text", .field("tags", .exact(.string("a,b")))),
            ("text[] contains", .field("tags", .contains("é"))),
            ("bigint[] gt", .field("scores", .gt(.list([0])))),
            ("status exact", .field("status", .exact("active"))),
            ("status in", .field("status", .in(["done", "in_progress"]))),
            ("status_or_nil isnull", .field("status_or_nil", .isNull(true))),
            ("priority exact text", .field("priority", .exact(.string("1")))),
            ("priority lte", .field("priority_or_nil", .lte(2))),
        ]
        for (name, predicate) in list { list.append(("not " + name, !predicate)) }
        return list
    }()

    @Test func sqlAndMemoryFilterAlike() throws {
        try withModelsDatabase(schema: AllTypes.schema) { connection, _ in
            let stored = try insertAll(connection).orderBy("id")
            let memory = InMemoryQuerySet(AllTypes.rows).orderBy("id")
            for (name, predicate) in Self.predicates {
                let expected = try memory.filter(predicate).all().map(\.id)
                #expect(try stored.filter(predicate).all().map(\.id) == expected, "\(name)")
            }
        }
    }

    @Test func filtersSelectWhatTheyMean() throws {
        try withModelsDatabase(schema: AllTypes.schema) { connection, _ in
            let stored = try insertAll(connection).orderBy("id")
            func ids(_ predicate: RESTFramework.Predicate) throws -> [Int64] { try stored.filter(predicate).all().map(\.id) }
            #expect(try ids(.field("amount", .exact(.string("1250.500")))) == [3, 5])  // by value, not text
            #expect(try ids(.field("amount", .lt(.string("-99999999999999999999999999999999999999")))) == [4])  // -Infinity
            #expect(try ids(.field("span", .exact(.string("30 00:00:00")))) == [3, 4])  // 1 mon = 30 days
            #expect(try ids(.field("day", .year(2024))) == [1])
            #expect(try ids(.field("day", .lt(.string("0001-01-01")))) == [2, 4])  // -infinity and 44 BC
            #expect(try ids(.field("token", .exact(.string("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11")))) == [1])
            #expect(try ids(.field("ratio", .exact(.string("1.1")))) == [1])  // compared in single precision
            #expect(try ids(.field("status", .in(["active", "done"]))) == [3, 4, 5])
            #expect(try ids(.field("data", .exact(.jsonValue(AllTypes.everyJSONType)))) == [1])
        }
    }

    @Test func orderingsAgree() throws {
        try withModelsDatabase(schema: AllTypes.schema) { connection, _ in
            let stored = try insertAll(connection)
            let memory = InMemoryQuerySet(AllTypes.rows)
            for field in ["amount", "amount_or_nil", "token", "day", "at", "span", "blob", "small", "ratio", "tags", "scores", "priority"] {
                for terms in [[OrderTerm(field), OrderTerm("id")], [OrderTerm("-" + field), OrderTerm("-id")]] {
                    #expect(try stored.orderBy(terms).all().map(\.id) == memory.orderBy(terms).all().map(\.id), "\(terms)")
                }
            }
        }
    }

    @Test func lookupsThatMeanNothingForATypeAreRefusedAlike() throws {
        try withModelsDatabase(schema: AllTypes.schema) { connection, _ in
            let stored = try insertAll(connection)
            let memory = InMemoryQuerySet(AllTypes.rows)
            let refused: [RESTFramework.Predicate] = [
                .field("data", .gt(1)), .field("tags", .in([.list(["a"])])), .field("amount", .year(2024)),
                .field("amount", .exact(.string("abc"))), .field("token", .exact(.string("not-a-uuid"))),
                .field("day", .exact(.string("2023-02-29"))), .field("span", .exact(.string("soon"))),
            ]
            for predicate in refused {
                #expect(throws: QueryValueError.self, "\(predicate)") { try stored.filter(predicate).all() }
                #expect(throws: QueryValueError.self, "\(predicate)") { try memory.filter(predicate).all() }
            }
        }
    }
}
