import PostgreSQL
import TestSupport
import Testing
@testable import RESTFramework
@testable import RESTModels

/// The SQL the newer lookups compile to, without a database: Django's operators, every value a
/// bound parameter, invalid values a thrown error.
@Suite struct LookupCompilerTests {
    static func compiled(_ predicate: RESTFramework.Predicate) throws -> (sql: String, parameters: [String]) {
        let statement = try SQLBuilder.statement {
            try QueryCompiler<Specimen>.select(Specimen.objects.filter(predicate).query, into: &$0)
        }
        let whereClause = statement.text.components(separatedBy: " WHERE ").dropFirst().joined()
        return (whereClause, statement.parameters.map { "\($0)" })
    }

    @Test func endswithIsALiteralLikeAndIendswithGoesThroughUpper() throws {
        let exact = try Self.compiled(.field("name", .endswith("a%_\\")))
        #expect(exact.sql == #""specimens"."name" LIKE $1::text"#)
        #expect(exact.parameters == [#"%a\%\_\\"#])
        let folded = try Self.compiled(.field("name", .iendswith("x")))
        #expect(folded.sql == #"UPPER("specimens"."name") LIKE UPPER($1::text)"#)
        #expect(folded.parameters == ["%x"])
        // A non-text column is matched on its text, as Django's `::text` lookup cast.
        #expect(try Self.compiled(.field("n", .endswith("7"))).sql == #""specimens"."n"::text LIKE $1::text"#)
    }

    @Test func rangeIsAnInclusiveBetweenOfCoercedValues() throws {
        let range = try Self.compiled(.field("n", .range(1, "5")))
        #expect(range.sql == #"("specimens"."n" BETWEEN $1::int8 AND $2::int8)"#)
        #expect(range.parameters == ["1", "5"])
        // An end beyond 64 bits is above every row: only the lower bound remains.
        let open = try Self.compiled(.field("n", .range(1, "99999999999999999999")))
        #expect(open.sql == #"("specimens"."n" >= $1::int8 AND "specimens"."n" IS NOT NULL)"#)
        #expect(throws: QueryValueError.cannotCoerce(field: "n", value: "x", to: "a number")) {
            try Self.compiled(.field("n", .range(1, "x")))
        }
        #expect(throws: QueryValueError.self) { try Self.compiled(.field("n", .range(.null, 3))) }
    }

    @Test func regexIsTildeAndIregexTildeStar() throws {
        let regex = try Self.compiled(.field("name", .regex("^a.(b|c)$")))
        #expect(regex.sql == #""specimens"."name" ~ $1::text"#)
        #expect(regex.parameters == ["^a.(b|c)$"])
        #expect(try Self.compiled(.field("name", .iregex("^a"))).sql == #""specimens"."name" ~* $1::text"#)
        #expect(try Self.compiled(.field("score", .regex("5$"))).sql == #""specimens"."score"::text ~ $1::text"#)
    }

    @Test func dateAndYearAreUTCBoundsOnTheTimestamp() throws {
        let date = try Self.compiled(.field("at", .date("2024-02-29")))
        #expect(date.sql == #"("specimens"."at" >= $1::timestamptz AND "specimens"."at" < $2::timestamptz)"#)
        #expect(date.parameters == ["2024-02-29T00:00:00Z", "2024-03-01T00:00:00Z"])
        #expect(try Self.compiled(.field("at", .date("2024-1-5"))).parameters == ["2024-01-05T00:00:00Z", "2024-01-06T00:00:00Z"])
        let instant = DateTime(iso8601: "2024-01-31T23:30:00-05:00")!  // 04:30 on Feb 1 in UTC
        #expect(try Self.compiled(.field("at", .date(.dateTime(instant)))).parameters.first == "2024-02-01T00:00:00Z")
        let year = try Self.compiled(.field("at", .year(" 2024 ")))
        #expect(year.sql == date.sql)
        #expect(year.parameters == ["2024-01-01T00:00:00Z", "2025-01-01T00:00:00Z"])
    }

    @Test func invalidDatesAndYearsAreErrors() {
        for bad: FieldValue in ["2023-02-29", "2024-13-01", "2024/01/31", "24-01-31", "2024-01-31T00:00", .int(5)] {
            #expect(throws: QueryValueError.cannotCoerce(field: "at", value: bad, to: "a valid date")) {
                try Self.compiled(.field("at", .date(bad)))
            }
        }
        for bad: FieldValue in ["twenty", "0", .int(10000), .double(2024.5), .bool(true)] {
            #expect(throws: QueryValueError.cannotCoerce(field: "at", value: bad, to: "a year between 1 and 9999")) {
                try Self.compiled(.field("at", .year(bad)))
            }
        }
        // Django: "Unsupported lookup 'year' for CharField".
        #expect(throws: QueryValueError.unsupported("the lookup 'year' on 'name', which is not a timestamp or a date")) {
            try Self.compiled(.field("name", .year(2024)))
        }
    }

    @Test func anFExpressionIsAColumnReference() throws {
        let edited = try Self.compiled(.field("n", .gt(F("score"))))
        #expect(edited.sql == #""specimens"."n" > "specimens"."score""#)
        // Under NOT, a NULL on either side keeps the row (Django's exclude).
        #expect(try Self.compiled(!.field("pk", .lt(F("n")))).sql == #"NOT COALESCE("specimens"."id" < "specimens"."n", FALSE)"#)
        #expect(edited.parameters.isEmpty)
        #expect(try Self.compiled(.field("pk", .exact(F("n")))).sql.contains(#""specimens"."id" = "specimens"."n""#))
        #expect(throws: FieldError.self) { try Self.compiled(.field("n", .gt(F("nn")))) }
        #expect(throws: FieldError.self) { try InMemoryQuerySet(Specimen.rows).filter(.field("n", .gt(F("nn")))).all() }
        #expect(throws: QueryValueError.unsupported(#"comparing 'name' with F("n"), a column of another type"#)) {
            try Self.compiled(.field("name", .exact(F("n"))))
        }
    }

    /// The in-memory evaluator checks values the same way, before any row is read.
    @Test func theInMemoryEvaluatorRejectsTheSameValues() {
        let rows = InMemoryQuerySet(Specimen.rows)
        #expect(throws: QueryValueError.cannotCoerce(field: "at", value: "2023-02-29", to: "a valid date")) {
            try rows.filter(.field("at", .date("2023-02-29"))).all()
        }
        #expect(throws: QueryValueError.cannotCoerce(field: "at", value: "x", to: "a year between 1 and 9999")) {
            try InMemoryQuerySet([Specimen(1, nil, nil, nil, nil, nil)]).filter(.field("at", .year("x"))).all()
        }
        #expect(throws: QueryValueError.unsupported("the lookup 'date' on 'name', which is not a timestamp or a date")) {
            try rows.filter(.field("name", .date("2024-01-01"))).all()
        }
        #expect(throws: QueryValueError.invalidRegularExpression(field: "name", pattern: "(ab")) {
            try rows.filter(.field("name", .regex("(ab"))).all()
        }
    }
}
