import PostgreSQL
import RESTFramework
import RESTModels
import TestSupport
import Testing

/// A row with a nullable column of every type, stored in PostgreSQL and kept in memory.
struct Specimen: Model {
    var id: Int64
    var n: Int64?
    var name: String?
    var flag: Bool?
    var at: DateTime?
    var score: Double?

    static let tableName = "specimens"
    static let columns: [Column<Specimen>] = [
        Column("id", \.id), Column("n", \.n), Column("name", \.name), Column("flag", \.flag),
        Column("at", \.at), Column("score", \.score),
    ]
    static let schema = """
        CREATE TABLE specimens (id bigint PRIMARY KEY, n bigint NULL, name varchar(40) NULL, flag boolean NULL,
                                at timestamptz NULL, score double precision NULL)
        """

    init(_ id: Int64, _ n: Int64?, _ name: String?, _ flag: Bool?, _ at: String?, _ score: Double?) {
        self.id = id; self.n = n; self.name = name; self.flag = flag
        self.at = at.map { DateTime(iso8601: $0)! }
        self.score = score
    }

    init(row: ModelRow) throws {
        id = try row["id"]; n = try row["n"]; name = try row["name"]; flag = try row["flag"]
        at = try row["at"]; score = try row["score"]
    }

    static let rows: [Specimen] = [
        Specimen(1, 3, "Ada", true, "2026-03-01T12:00:00Z", 1.5),
        Specimen(2, nil, "ada", false, nil, 2),
        Specimen(3, -7, "École", nil, "2025-12-31T23:59:59.999999Z", nil),
        Specimen(4, 42, "école", true, "2026-03-01T12:00:00.12345Z", -0.25),
        Specimen(5, 3, nil, false, "2026-01-15T08:30:00Z", 2),
        Specimen(6, 0, "100%", nil, nil, 0),
        Specimen(7, 9_223_372_036_854_775_807, "a_b", true, "2024-02-29T00:00:00Z", 1e300),
        Specimen(8, -9_223_372_036_854_775_808, "ab", false, "2026-03-01T12:00:00Z", nil),
        Specimen(9, 12, "Zed", nil, "2026-06-30T00:00:00.5Z", 3.75),
        Specimen(10, nil, "straße", true, "1999-01-01T00:00:00Z", 12),
        Specimen(11, 100, "_under", false, nil, -3),
        Specimen(12, 31, "ÅSA", true, "2026-03-01T11:59:59Z", 1.5),
        Specimen(13, 7, "back\\slash", nil, "2026-02-01T00:00:00Z", nil),
        Specimen(14, 1, "", false, "2026-03-01T12:00:00Z", 0.1),
    ]
}

/// The SQL compiler against `InMemoryQuerySet`, the executable specification: the same
/// predicates and orderings over the same rows must select the same ids in the same order.
@Suite(.needsTestsRun) struct QuerySetAgreementTests {
    static let predicates: [(String, RESTFramework.Predicate)] = {
        var list: [(String, RESTFramework.Predicate)] = [
            ("n exact", .field("n", .exact(3))),
            ("n exact text", .field("n", .exact(.string(" 3 ")))),
            ("n exact null", .field("n", .exact(.null))),
            ("n exact beyond 64 bits", .field("n", .exact(.string("99999999999999999999")))),
            ("n gt beyond 64 bits", .field("n", .gt(.string("99999999999999999999")))),
            ("n lt beyond 64 bits", .field("n", .lt(.string("99999999999999999999")))),
            ("n gte below 64 bits", .field("n", .gte(.string("-99999999999999999999")))),
            ("n lte below 64 bits", .field("n", .lte(.string("-99999999999999999999")))),
            ("n lt", .field("n", .lt(12))),
            ("n lte text", .field("n", .lte(.string("12")))),
            ("n gt double", .field("n", .gt(.double(2.5)))),
            ("n exact double", .field("n", .exact(.double(3)))),
            ("n exact bool", .field("n", .exact(.bool(true)))),
            ("n in", .field("n", .in([3, .null, .string("42"), .string("99999999999999999999"), -7]))),
            ("n in empty", .field("n", .in([]))),
            ("n in only null", .field("n", .in([.null]))),
            ("n isnull", .field("n", .isNull(true))),
            ("n not null", .field("n", .isNull(false))),
            ("n contains digit", .field("n", .contains("1"))),
            ("n icontains minus", .field("n", .icontains("-"))),
            ("n startswith", .field("n", .startswith("9"))),
            ("name exact", .field("name", .exact("Ada"))),
            ("name exact int", .field("name", .exact(100))),
            ("name iexact", .field("name", .iexact("ADA"))),
            ("name iexact unicode", .field("name", .iexact("ÉCOLE"))),
            ("name contains percent", .field("name", .contains("%"))),
            ("name contains underscore", .field("name", .contains("_"))),
            ("name icontains underscore", .field("name", .icontains("A_"))),
            ("name icontains backslash", .field("name", .icontains("\\"))),
            ("name icontains unicode", .field("name", .icontains("COLE"))),
            ("name icontains sharp s", .field("name", .icontains("SS"))),
            ("name icontains ß", .field("name", .icontains("ß"))),
            ("name contains empty", .field("name", .contains(""))),
            ("name startswith", .field("name", .startswith("a"))),
            ("name istartswith", .field("name", .istartswith("å"))),
            ("name lt", .field("name", .lt("a"))),
            ("name gte unicode", .field("name", .gte("É"))),
            ("name in", .field("name", .in(["Ada", "ab", .null, "nobody"]))),
            // The array parameter's quoting: backslashes, quotes, commas, braces, NULL, non-ASCII.
            ("name in quoted", .field("name", .in(["back\\slash", "say \"hi\"", "École", "a,b", "{x}", "NULL", "ÅSA"]))),
            ("name exact empty", .field("name", .exact(""))),
            ("flag true", .field("flag", .exact(true))),
            ("flag text f", .field("flag", .exact(.string("f")))),
            ("flag int 1", .field("flag", .exact(1))),
            ("flag in", .field("flag", .in([false, .null]))),
            ("flag lt", .field("flag", .lt(true))),
            ("flag icontains", .field("flag", .icontains("RU"))),
            ("at gt text", .field("at", .gt(.string("2026-03-01T12:00:00Z")))),
            ("at exact", .field("at", .exact(.string("2026-03-01T12:00:00Z")))),
            ("at lte datetime", .field("at", .lte(.dateTime(DateTime(iso8601: "2026-01-15T08:30:00Z")!)))),
            ("at in", .field("at", .in([.string("2026-03-01T12:00:00.12345Z"), .string("1999-01-01T00:00:00Z")]))),
            ("at contains", .field("at", .contains("2026-03-01 12"))),
            ("at contains fraction", .field("at", .contains(".12345+00"))),
            ("score gt", .field("score", .gt(.double(1.5)))),
            ("score exact int", .field("score", .exact(2))),
            ("score lte text", .field("score", .lte(.string("0.1")))),
            ("score in", .field("score", .in([.double(1.5), 12, .string("-3")]))),
            ("score isnull", .field("score", .isNull(true))),
            ("pk in", .field("pk", .in([1, 2, .string("3")]))),
            ("name endswith", .field("name", .endswith("a"))),
            ("name endswith percent", .field("name", .endswith("%"))),
            ("name endswith underscore", .field("name", .endswith("_b"))),
            ("name endswith backslash", .field("name", .endswith("\\slash"))),
            ("name endswith empty", .field("name", .endswith(""))),
            ("name iendswith", .field("name", .iendswith("A"))),
            ("name iendswith unicode", .field("name", .iendswith("COLE"))),
            ("name iendswith sharp s", .field("name", .iendswith("SSE"))),
            ("n endswith", .field("n", .endswith("7"))),
            ("at endswith", .field("at", .endswith(".5+00"))),
            ("n range", .field("n", .range(-7, 12))),
            ("n range text", .field("n", .range(.string("0"), .string(" 42 ")))),
            ("n range beyond 64 bits", .field("n", .range(.string("-99999999999999999999"), .string("99999999999999999999")))),
            ("n range reversed", .field("n", .range(12, -7))),
            ("name range", .field("name", .range("a", "b"))),
            ("at range", .field("at", .range(.string("2026-01-01T00:00:00Z"), .string("2026-03-01T12:00:00Z")))),
            ("score range", .field("score", .range(.double(0), 2))),
            ("name regex", .field("name", .regex("^a"))),
            ("name regex class", .field("name", .regex("[0-9]+%$"))),
            ("name regex alternation", .field("name", .regex("^(Zed|ab)$"))),
            ("name regex dot per code point", .field("name", .regex("^.cole$"))),
            ("name regex quantifier", .field("name", .regex("^a_?b$"))),
            ("name regex escape", .field("name", .regex(#"\\s"#))),
            ("name iregex", .field("name", .iregex("^a"))),
            ("name iregex class", .field("name", .iregex("^[a-c]+$"))),
            ("name iregex unicode", .field("name", .iregex("^école$"))),
            ("n regex", .field("n", .regex("^-"))),
            ("at regex", .field("at", .regex(#"\.5\+00$"#))),
            ("at date", .field("at", .date("2026-03-01"))),
            ("at date short", .field("at", .date("2026-3-1"))),
            ("at date leap", .field("at", .date("2024-02-29"))),
            ("at date datetime", .field("at", .date(.dateTime(DateTime(iso8601: "2025-12-31T23:59:59.999999Z")!)))),
            ("at year", .field("at", .year(2026))),
            ("at year text", .field("at", .year(.string("2025")))),
            ("at year double", .field("at", .year(.double(1999)))),
            ("n gt F score", .field("n", .gt(F("score")))),
            ("n exact F score", .field("n", .exact(F("score")))),
            ("score lte F n", .field("score", .lte(F("n")))),
            ("n lt F itself", .field("n", .lt(F("n")))),
            ("n gte F itself", .field("n", .gte(F("n")))),
            ("pk lt F n", .field("pk", .lt(F("n")))),
            ("constant true", .constant(true)),
            ("constant false", .constant(false)),
        ]
        let leaves = list
        // Every leaf negated: NOT keeps the NULL rows, as Django's exclude().
        for (name, predicate) in leaves { list.append(("not " + name, !predicate)) }
        list += [
            ("and", .field("n", .gt(0)) && .field("flag", .exact(true))),
            ("or", .field("n", .gt(40)) || .field("name", .icontains("ADA"))),
            ("not and", !(.field("n", .gt(0)) && .field("flag", .exact(true)))),
            ("not or", !(.field("n", .gt(40)) || .field("score", .lt(1)))),
            ("double not", !(!.field("flag", .exact(false)))),
            ("not not or", !(!(.field("at", .gt(.string("2026-01-01T00:00:00Z"))) || .field("n", .isNull(true))))),
            ("nested", .or([.and([.field("n", .lt(10)), !.field("name", .startswith("a"))]), .field("score", .gte(12))])),
            ("not nested", !.or([.and([.field("n", .lt(10)), !.field("name", .startswith("a"))]), .field("score", .gte(12))])),
            ("empty and", .and([])), ("empty or", .or([])), ("not empty or", !.or([])),
        ]
        return list
    }()

    /// A pattern neither side can compile: PostgreSQL's `invalid_regular_expression` (Django lets
    /// that `DataError` through, a 500; the model exception handler leaves it unmapped likewise)
    /// and the evaluator's `invalidRegularExpression`.
    @Test func anInvalidRegexIsAnErrorOnBothSides() throws {
        try withModelsDatabase(schema: Specimen.schema) { connection, _ in
            let stored = try insertSpecimens(connection)
            for lookup: Lookup in [.regex("(ab"), .iregex("[a-")] {
                do {
                    _ = try stored.filter(.field("name", lookup)).all()
                    Issue.record("no error for \(lookup)")
                } catch let error as PostgresError {
                    #expect(error.sqlState == "2201B")
                    #expect(ModelExceptionHandler.wrapping(defaultExceptionHandler)(error, nil) == nil)
                }
                #expect(throws: QueryValueError.self) { try InMemoryQuerySet(Specimen.rows).filter(.field("name", lookup)).all() }
            }
        }
    }

    static let orderings: [[OrderTerm]] = [
        [OrderTerm("id")],
        [OrderTerm("n"), OrderTerm("id")],
        [OrderTerm("-n"), OrderTerm("id")],
        [OrderTerm("n", nulls: .first), OrderTerm("-id")],
        [OrderTerm("-n", nulls: .last), OrderTerm("id")],
        [OrderTerm("name"), OrderTerm("id")],
        [OrderTerm("-name", nulls: .last), OrderTerm("id")],
        [OrderTerm("flag"), OrderTerm("-id")],
        [OrderTerm("-at"), OrderTerm("id")],
        [OrderTerm("at", nulls: .first), OrderTerm("id")],
        [OrderTerm("score"), OrderTerm("id")],
        [OrderTerm("-score", nulls: .last), OrderTerm("-pk")],
    ]

    @Test func predicatesSelectTheSameRows() throws {
        try withModelsDatabase(schema: Specimen.schema) { connection, _ in
            let stored = try insertSpecimens(connection)
            let memory = InMemoryQuerySet(Specimen.rows).orderBy("id")
            for (name, predicate) in Self.predicates {
                let expected = try memory.filter(predicate).all().map(\.id)
                let actual = try stored.filter(predicate).all().map(\.id)
                #expect(actual == expected, "\(name)")
                #expect(try stored.filter(predicate).count() == expected.count, "count of \(name)")
                #expect(
                    try stored.exclude(predicate).all().map(\.id) == memory.exclude(predicate).all().map(\.id),
                    "exclude \(name)")
            }
        }
    }

    @Test func orderingsAndSlicesAgree() throws {
        try withModelsDatabase(schema: Specimen.schema) { connection, _ in
            let stored = try insertSpecimens(connection)
            let memory = InMemoryQuerySet(Specimen.rows)
            for terms in Self.orderings {
                let label = terms.map { $0.description + ($0.nulls.map { " nulls \($0)" } ?? "") }.joined(separator: ",")
                #expect(try stored.orderBy(terms).all().map(\.id) == memory.orderBy(terms).all().map(\.id), "\(label)")
                #expect(
                    try stored.orderBy(terms).fetch(offset: 3, limit: 4).map(\.id)
                        == memory.orderBy(terms).fetch(offset: 3, limit: 4).map(\.id), "slice of \(label)")
                let filter = RESTFramework.Predicate.field("n", .isNull(false))
                #expect(
                    try stored.filter(filter).orderBy(terms).fetch(offset: 1, limit: nil).map(\.id)
                        == memory.filter(filter).orderBy(terms).fetch(offset: 1, limit: nil).map(\.id), "filtered \(label)")
            }
        }
    }

    @Test func subqueriesAgreeWithInMemorySubqueries() throws {
        try withModelsDatabase(schema: Specimen.schema) { connection, _ in
            let stored = try insertSpecimens(connection).orderBy("id")
            let memory = InMemoryQuerySet(Specimen.rows).orderBy("id")
            let inner: RESTFramework.Predicate = .field("flag", .exact(true))
            let storedSub = Specimen.objects.filter(inner).values("n")
            let memorySub = InMemoryQuerySet(Specimen.rows).filter(inner).values("n")
            #expect(
                try stored.filter(.inSubquery("n", storedSub)).all().map(\.id)
                    == memory.filter(.inSubquery("n", memorySub)).all().map(\.id))
            // A subquery yielding NULLs: NOT IN must still keep rows (two-valued logic).
            let withNulls = Specimen.objects.filter(.field("flag", .isNull(true))).values("n")
            let memoryWithNulls = InMemoryQuerySet(Specimen.rows).filter(.field("flag", .isNull(true))).values("n")
            #expect(
                try stored.exclude(.inSubquery("n", withNulls)).all().map(\.id)
                    == memory.exclude(.inSubquery("n", memoryWithNulls)).all().map(\.id))
            // The same subqueries matched as arrays: the same rows, NULLs and negation included.
            for (storedSubquery, memorySubquery) in [(storedSub, memorySub), (withNulls, memoryWithNulls)] {
                #expect(
                    try stored.filter(.inSubquery("n", storedSubquery.asArray())).all().map(\.id)
                        == memory.filter(.inSubquery("n", memorySubquery)).all().map(\.id))
                #expect(
                    try stored.exclude(.inSubquery("n", storedSubquery.asArray())).all().map(\.id)
                        == memory.exclude(.inSubquery("n", memorySubquery)).all().map(\.id))
            }
            // An empty array matches nothing; excluding it keeps every row.
            let none = Specimen.objects.filter(.constant(false)).values("n").asArray()
            #expect(try stored.filter(.inSubquery("n", none)).all().isEmpty)
            #expect(try stored.exclude(.inSubquery("n", none)).all().count == Specimen.rows.count)
        }
    }

    private func insertSpecimens(_ connection: Connection) throws -> QuerySet<Specimen> {
        let specimens = Specimen.objects(on: connection)
        for row in Specimen.rows {
            let values = Specimen.columns.map { ($0.name, row.fieldValue($0.name)!) }
            let stored = try specimens.insert(ValidatedData(values))
            #expect(stored.fieldValue("at") == row.fieldValue("at"))
            #expect(stored.fieldValue("score") == row.fieldValue("score"))
        }
        return specimens
    }
}
