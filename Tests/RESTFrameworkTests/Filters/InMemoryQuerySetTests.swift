import Testing
@testable import RESTFramework

@Suite struct InMemoryQuerySetTests {
    let rows = InMemoryQuerySet([
        Item(id: 1, name: "Ada", score: 3, created: DateTime(iso8601: "2026-01-01T00:00:00Z")),
        Item(id: 2, name: "alan", score: nil, created: nil),
        Item(id: 3, name: "Grace", score: 1, created: DateTime(iso8601: "2026-01-02T00:00:00.5Z")),
        Item(id: 4, name: "50%_off", score: 3, created: DateTime(iso8601: "2026-01-03T00:00:00Z")),
    ])

    func ids(_ predicate: Predicate) throws -> [Int64] { try rows.filter(predicate).all().map(\.id) }

    @Test func lookups() throws {
        #expect(try ids(.field("id", .exact(2))) == [2])
        #expect(try ids(.field("name", .iexact("ADA"))) == [1])
        #expect(try ids(.field("score", .gte(3))) == [1, 4])
        #expect(try ids(.field("score", .lt(3))) == [3])
        #expect(try ids(.field("id", .in([1, 3, nil, 99]))) == [1, 3])
        #expect(try ids(.field("name", .contains("a"))) == [1, 2, 3])
        #expect(try ids(.field("name", .icontains("A"))) == [1, 2, 3])
        #expect(try ids(.field("name", .startswith("a"))) == [2])
        #expect(try ids(.field("name", .istartswith("a"))) == [1, 2])
        #expect(try ids(.field("name", .contains("%_"))) == [4])
        #expect(try ids(.field("name", .contains("%a"))) == [])
        #expect(try ids(.field("score", .isNull(true))) == [2])
        #expect(try ids(.field("score", .exact(.null))) == [2])
        #expect(try ids(.field("id", .icontains("3"))) == [3])  // id::text
        #expect(try ids(.field("created", .gt(.string("2026-01-02 00:00:00+00:00")))) == [3, 4])
        #expect(try ids(.constant(false)) == [])
    }

    @Test func nullsAreNeverComparedButNegationKeepsThem() throws {
        #expect(try ids(.field("score", .lt(100))) == [1, 3, 4])
        #expect(try ids(!.field("score", .lt(2))) == [1, 2, 4])  // Django: NULL row included
        #expect(try rows.exclude(.field("score", .exact(3))).all().map(\.id) == [2, 3])
        #expect(try ids(.field("score", .gt(0)) || .field("name", .exact("alan"))) == [1, 2, 3, 4])
        #expect(try ids(.field("score", .gt(0)) && .field("name", .icontains("a"))) == [1, 3])
    }

    @Test func textIsCoercedToTheFieldsType() throws {
        #expect(try ids(.field("id", .lt(.string("3")))) == [1, 2])
        #expect(try ids(.field("id", .lt(.string(" +3 ")))) == [1, 2])
        #expect(try ids(.field("id", .lt(.string("99999999999999999999")))) == [1, 2, 3, 4])
        #expect(try ids(.field("id", .gt(.string("99999999999999999999")))) == [])
        #expect(try ids(.field("name", .exact(.int(5)))) == [])
        #expect(throws: QueryValueError.cannotCoerce(field: "id", value: .string("abc"), to: "a number")) {
            try ids(.field("id", .lt(.string("abc"))))
        }
        #expect(throws: FieldError(model: "Item", field: "nope", validFields: [])) { try ids(.field("nope", .exact(1))) }
    }

    @Test func orderingPutsNullsAsPostgreSQLDoes() throws {
        #expect(try rows.orderBy("score", "id").all().map(\.id) == [3, 1, 4, 2])  // NULLS LAST
        #expect(try rows.orderBy("-score", "id").all().map(\.id) == [2, 1, 4, 3])  // NULLS FIRST
        #expect(try rows.orderBy([OrderTerm("-score", nulls: .last), OrderTerm("id")]).all().map(\.id) == [1, 4, 3, 2])
        #expect(try rows.orderBy([OrderTerm("score", nulls: .first), OrderTerm("-id")]).all().map(\.id) == [2, 3, 4, 1])
        #expect(try rows.orderBy("name").all().map(\.id) == [4, 1, 3, 2])  // code point order
        #expect(try rows.orderBy("-created").all().map(\.id) == [2, 4, 3, 1])
    }

    @Test func countFetchAndSubqueries() throws {
        #expect(try rows.count() == 4)
        #expect(try rows.estimatedCount() == nil)
        #expect(try rows.orderBy("-id").fetch(offset: 1, limit: 2).map(\.id) == [3, 2])
        #expect(try rows.fetch(offset: 3, limit: 10).map(\.id) == [4])
        #expect(try rows.fetch(offset: 9, limit: nil).isEmpty)
        let high = rows.filter(.field("score", .gte(3))).values("id")
        #expect(try rows.filter(.inSubquery("id", high)).all().map(\.id) == [1, 4])
        #expect(try rows.filter(.inSubquery("id", InMemorySubquery(values: [2, 3]))).all().map(\.id) == [2, 3])
    }

    /// Offsets and limits come from requests: any `Int` is a slice, never a trap.
    @Test func slicesAtTheEdgesOfInt() throws {
        #expect(try rows.fetch(offset: 1, limit: Int.max).map(\.id) == [2, 3, 4])
        #expect(try rows.fetch(offset: Int.max, limit: Int.max).isEmpty)
        #expect(try rows.fetch(offset: Int.max, limit: nil).isEmpty)
        #expect(try rows.fetch(offset: Int.min, limit: 2).map(\.id) == [1, 2])
        #expect(try rows.fetch(offset: 3, limit: Int.min).isEmpty)
        #expect(try rows.countAndFetch(offset: 2, limit: Int.max - 1).rows.map(\.id) == [3, 4])
    }
}
