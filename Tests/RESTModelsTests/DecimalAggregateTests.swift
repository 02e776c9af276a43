import PostgreSQL
import RESTFramework
import RESTModels
import TestSupport
import Testing

/// Sum and Avg of a numeric column: PostgreSQL's digits and `InMemoryQuerySet`'s agree (the
/// average's scale is `numeric_div`'s: at least 16 significant digits).
@Suite(.needsTestsRun) struct DecimalAggregateTests {
    static let filters: [(String, RESTFramework.Predicate?)] = [
        ("all", nil),
        ("active", .field("status", .exact("active"))),
        ("two", .field("name", .in(["Apollo", "Dawn"]))),
        ("cents", .field("name", .in(["Fermi", "Gemini"]))),
        ("zero", .field("name", .exact("Europa"))),
        ("large and small", .field("name", .in(["Hubble", "Fermi", "Europa"]))),
        ("only null", .field("name", .exact("Borealis"))),
        ("none", .field("name", .exact("nobody"))),
    ]

    @Test func sumAndAvgOfDecimalsAgreeWithInMemory() throws {
        try withPathData { connection, _ in
            for (name, budget) in [("Fermi", "0.01"), ("Gemini", "0.02"), ("Hubble", "1234567890.12")] {
                _ = try PathProject.objects(on: connection).insert(["name": .string(name), "budget": decimal(budget)])
            }
            let stored = PathProject.objects(on: connection)
            let rows = try stored.all()
            let aggregates: KeyValuePairs<String, any AggregateExpression> = [
                "sum": Sum("budget"), "avg": Avg("budget"), "distinct": Avg("budget", distinct: true),
                "default": Sum("budget", default: decimal("0.00")),
            ]
            for (name, predicate) in Self.filters {
                let sql = try (predicate.map { stored.filter($0) } ?? stored).aggregate(aggregates)
                let memory = try (predicate.map { InMemoryQuerySet(rows).filter($0) } ?? InMemoryQuerySet(rows)).aggregate(aggregates)
                #expect(sql == memory, "\(name)")
            }
            // Worked out by hand, as PostgreSQL prints them.
            let cents = try stored.filter(.field("name", .in(["Fermi", "Gemini"]))).aggregate(["sum": Sum("budget"), "avg": Avg("budget")])
            #expect(cents["sum"]?.description == "0.03" && cents["avg"]?.description == "0.01500000000000000000")
            let two = try InMemoryQuerySet(rows).filter(.field("name", .in(["Apollo", "Dawn"]))).aggregate(["avg": Avg("budget")])
            #expect(two["avg"]?.description == "674.9950000000000000")
        }
    }
}
