import PostgreSQL
import RESTFramework
import RESTModels
import TestSupport
import Testing

/// `aggregate()` and `values([...]).annotate(...)` on PostgreSQL against `InMemoryQuerySet`'s
/// aggregates over the same rows (`Specimen`, a nullable column of every type).
@Suite(.needsTestsRun) struct AggregateTests {
    static let aggregates: [(String, Aggregate)] = [
        ("count rows", Count("*").aggregate),
        ("count n", Count("n").aggregate),
        ("count pk", Count("pk").aggregate),
        ("count distinct n", Count("n", distinct: true).aggregate),
        ("count name filtered", Count("name", filter: .field("flag", .exact(true))).aggregate),
        ("count filtered by a null-keeping not", Count("*", filter: !.field("n", .gt(3))).aggregate),
        ("sum n (exact across 64-bit extremes)", Sum("n").aggregate),
        ("sum n distinct", Sum("n", distinct: true).aggregate),
        ("sum n filtered", Sum("n", filter: .field("n", .range(0, 100))).aggregate),
        ("sum n default", Sum("n", filter: .constant(false), default: 0).aggregate),
        ("sum n default text", Sum("n", filter: .constant(false), default: .string("7")).aggregate),
        ("sum n none", Sum("n", filter: .field("n", .isNull(true))).aggregate),
        ("sum score", Sum("score", filter: .field("score", .lt(100))).aggregate),
        ("avg n", Avg("n", filter: .field("n", .range(-10, 100))).aggregate),
        ("avg score", Avg("score", filter: .field("score", .lt(100))).aggregate),
        ("avg none default", Avg("score", filter: .constant(false), default: .double(1.5)).aggregate),
        ("min n", Min("n").aggregate),
        ("max n filtered", Max("n", filter: .field("flag", .exact(false))).aggregate),
        ("min name", Min("name").aggregate),
        ("max name", Max("name").aggregate),
        ("min at", Min("at").aggregate),
        ("max at", Max("at").aggregate),
        ("max score", Max("score").aggregate),
        ("max none", Max("at", filter: .field("id", .gt(100))).aggregate),
        ("max default", Max("name", filter: .field("id", .gt(100)), default: "none").aggregate),
    ]

    static let querysetFilters: [(String, RESTFramework.Predicate?)] = [
        ("all", nil),
        ("flag true", .field("flag", .exact(true))),
        ("no rows", .field("id", .lt(0))),
        ("exclude-like", !.field("name", .icontains("A"))),
    ]

    @Test func aggregatesAgreeWithInMemory() throws {
        try withModelsDatabase(schema: Specimen.schema) { connection, _ in
            let stored = try SpecimenRows.insert(connection)
            for (filterName, predicate) in Self.querysetFilters {
                let sql = predicate.map { stored.filter($0) } ?? stored
                let memory = predicate.map { InMemoryQuerySet(Specimen.rows).filter($0) } ?? InMemoryQuerySet(Specimen.rows)
                for (name, aggregate) in Self.aggregates {
                    // A sum beyond 64 bits is an error on both sides (over "flag true").
                    let expected = Result { try memory.aggregate(["value": aggregate]) }
                    let actual = Result { try sql.aggregate(["value": aggregate]) }
                    switch (actual, expected) {
                    case (.success(let actual), .success(let expected)):
                        #expect(actual == expected, "\(name) over \(filterName)")
                    case (.failure(let error as PostgresError), .failure(let expected as QueryValueError)):
                        #expect(error.sqlState == "22003" && expected.description.contains("beyond 64 bits"), "\(name) over \(filterName)")
                    default:
                        Issue.record("\(name) over \(filterName): \(actual) in SQL, \(expected) in memory")
                    }
                }
            }
            // Several at once, by name, in order, in one statement.
            let (totals, statements) = try QueryCapture.capture {
                try stored.filter(.field("flag", .isNull(false))).aggregate(["count": Count("id"), "total": Sum("n"), "top": Max("name")])
            }
            #expect(statements.count == 1)
            #expect(totals.names == ["count", "total", "top"])
            #expect(totals == NamedValues([("count", 10), ("total", 179), ("top", "école")]))
            #expect(try stored.aggregate([:]) == NamedValues([]))
        }
    }

    @Test func unsupportedAggregatesFailOnBothSides() throws {
        try withModelsDatabase(schema: Specimen.schema) { connection, _ in
            let stored = try SpecimenRows.insert(connection)
            let memory = InMemoryQuerySet(Specimen.rows)
            for aggregate in [Sum("name").aggregate, Avg("at").aggregate, Max("flag").aggregate, Sum("*").aggregate] {
                #expect(throws: QueryValueError.self, "\(aggregate)") { try stored.aggregate(["x": aggregate]) }
                #expect(throws: QueryValueError.self, "\(aggregate)") { try memory.aggregate(["x": aggregate]) }
            }
            #expect(throws: FieldError.self) { try stored.aggregate(["x": Count("nope")]) }
            #expect(throws: FieldError.self) { try memory.aggregate(["x": Count("nope")]) }
            // Beyond 64 bits: PostgreSQL's `bigint out of range`, and the evaluator's error.
            let extremes = RESTFramework.Predicate.field("n", .gt(40))
            #expect(throws: PostgresError.self) { try stored.filter(extremes).aggregate(["x": Sum("n")]) }
            #expect(throws: QueryValueError.self) { try memory.filter(extremes).aggregate(["x": Sum("n")]) }
            #expect(throws: ModelError.self) { try stored.aggregate(["x": Count("id"), "x": Sum("n")]) }
            #expect(throws: ModelError.self) { try stored.limit(3).aggregate(["x": Count("id")]) }
            #expect(connection.transactionStatus == .idle)
        }
    }

    @Test func groupedValuesAgreeWithAggregatesPerGroup() throws {
        try withModelsDatabase(schema: Specimen.schema) { connection, _ in
            let stored = try SpecimenRows.insert(connection)
            let aggregates: KeyValuePairs<String, any AggregateExpression> = [
                "n": Count("id"), "total": Sum("n", filter: .field("n", .range(-100, 100))), "first": Min("name"),
            ]
            let (groups, statements) = try QueryCapture.capture {
                try stored.exclude(.field("id", .exact(7))).values(["flag"]).annotate(aggregates).orderBy("flag").all()
            }
            #expect(statements.count == 1)
            #expect(groups.map { $0["flag"] } == [false, true, .null])
            let memory = InMemoryQuerySet(Specimen.rows).exclude(.field("id", .exact(7)))
            for group in groups {
                let flag = try #require(group["flag"])
                let expected = try memory.filter(.field("flag", .exact(flag))).aggregate(aggregates)
                #expect(NamedValues([("flag", flag)] + expected.pairs.map { ($0.name, $0.value) }) == group)
            }
            // Ordered by an aggregate, descending, with the group's field next.
            let byCount = try stored.values(["flag"]).annotate(["n": Count("id")]).orderBy("-n", "flag").all()
            #expect(byCount.map { $0["n"] } == [5, 5, 4])
            #expect(byCount.map { $0["flag"] } == [false, true, .null])
            // Without aggregates: each row's fields, in the queryset's order.
            let plain = try stored.filter(.field("id", .lt(4))).orderBy("-id").values(["id", "name"]).all()
            #expect(
                plain == [
                    NamedValues([("id", 3), ("name", "École")]), NamedValues([("id", 2), ("name", "ada")]),
                    NamedValues([("id", 1), ("name", "Ada")]),
                ])
            #expect(throws: ModelError.self) { try stored.values(["flag"]).annotate(["n": Count("id")]).orderBy("name").all() }
            #expect(throws: FieldError.self) { try stored.values(["nope"]).all() }
        }
    }

    /// The part-2 spec's `summary` over a filtered queryset: a total and a count per status,
    /// two statements.
    @Test func summaryOfAFilteredQueryset() throws {
        try withProjects { connection, data in
            let projects = AnnotatedProject.objects(on: connection).filter(.field("status", .in(["planned", "active"])))
            let totals = try projects.aggregate(["count": Count("id"), "budget_total": Sum("budget", default: .double(0))])
            let byStatus = try projects.values(["status"]).annotate(["n": Count("id")]).orderBy("status").all()
            #expect(totals == NamedValues([("count", 4), ("budget_total", .double(5250))]))
            #expect(byStatus == [NamedValues([("status", "active"), ("n", 2)]), NamedValues([("status", "planned"), ("n", 2)])])
            let none = try projects.filter(.field("budget", .isNull(false)) && .field("id", .lt(0)))
                .aggregate(["count": Count("id"), "budget_total": Sum("budget"), "with_default": Sum("budget", default: .double(0))])
            #expect(none == NamedValues([("count", 0), ("budget_total", .null), ("with_default", .double(0))]))
            #expect(data.projects.count == 5)
        }
    }
}

enum SpecimenRows {
    /// `Specimen.rows`, stored.
    static func insert(_ connection: Connection) throws -> QuerySet<Specimen> {
        let specimens = Specimen.objects(on: connection)
        _ = try specimens.bulkCreate(
            Specimen.rows.map { row in Dictionary(uniqueKeysWithValues: Specimen.columns.map { ($0.name, row.fieldValue($0.name)!) }) })
        return specimens
    }
}
