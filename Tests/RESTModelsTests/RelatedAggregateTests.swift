import PostgreSQL
import RESTFramework
import RESTModels
import TestSupport
import Testing

/// Aggregates named by Django paths across relations (`Count("tasks")`, `Sum("tasks__estimate")`,
/// `Count("tags")`, `Max("project__budget")`), in `annotate` and `aggregate()`, on PostgreSQL,
/// against values worked out by hand from `PathData.seed`.
@Suite(.needsTestsRun) struct RelatedAggregateTests {
    static let open: RESTFramework.Predicate = .field("done", .exact(false))

    static var annotated: QuerySet<PathProject> {
        PathProject.objects.annotate([
            "task_count": Count("tasks"),
            "open_task_count": Count("tasks", filter: open),
            "tag_count": Count("tasks__tags"),
            "estimate_total": Sum("tasks__estimate"),
        ])
    }

    @Test func annotationsByPathDoNotMultiplyEachOther() throws {
        try withPathData { connection, _ in
            let (rows, statements) = try QueryCapture.capture { try Self.annotated.using(connection).all() }
            #expect(statements.count == 1)
            #expect(rows.map(\.name) == ["Apollo", "Borealis", "Cassini", "Dawn", "Europa"])
            #expect(rows.map(\.taskCount) == [3, 1, 2, 0, 1])
            #expect(rows.map(\.openTaskCount) == [2, 1, 0, 0, 1])
            #expect(rows.map(\.tagCount) == [3, 1, 3, 0, 1])
            #expect(rows.map { $0.fieldValue("estimate_total") } == ["2 days 05:30:00", "00:15:00", "01:45:00", nil, nil].map(duration))
            // Distinct across two hops: Apollo's tasks carry urgent and backend (backend twice).
            let distinct = try PathProject.objects(on: connection).annotate(["tag_count": Count("tasks__tags", distinct: true)]).all()
            #expect(distinct.map(\.tagCount) == [2, 1, 3, 0, 1])
            // Django's spelling of the filter, from the annotated model, means the same.
            let django = try PathProject.objects(on: connection)
                .annotate(["open_task_count": Count("tasks", filter: .field("tasks__done", .exact(false)))]).all()
            #expect(django.map(\.openTaskCount) == [2, 1, 0, 0, 1])
        }
    }

    @Test func manyToManyAndForwardPathsOnTasks() throws {
        try withPathData { connection, _ in
            let tasks = try PathTask.objects(on: connection)
                .annotate(["tag_count": Count("tags"), "project_budget": Max("project__budget")]).orderBy("id").all()
            #expect(tasks.map(\.title) == ["launch", "review", "report", "plan", "fly", "land", "dive"])
            #expect(tasks.map(\.tagCount) == [2, 1, 0, 1, 3, 0, 1])
            #expect(
                tasks.map { $0.fieldValue("project_budget") }
                    == ["1250.00", "1250.00", "1250.00", nil, "4000.00", "4000.00", "0.00"].map(decimal))
            // The tags filtered by their own field.
            let urgent = try PathTask.objects(on: connection)
                .annotate(["tag_count": Count("tags", filter: .field("slug", .in(["urgent", "frontend"])))]).orderBy("id").all()
            #expect(urgent.map(\.tagCount) == [1, 0, 0, 1, 2, 0, 1])
        }
    }

    @Test func filteringAndOrderingByAPathAnnotation() throws {
        try withPathData { connection, _ in
            let projects = Self.annotated.using(connection)
            let busy = try projects.filter(.field("task_count", .gt(0))).orderBy("-task_count", "name").all()
            #expect(busy.map(\.name) == ["Apollo", "Cassini", "Borealis", "Europa"])
            #expect(try projects.filter(.field("open_task_count", .exact(0))).count() == 2)
            #expect(try projects.exclude(.field("estimate_total", .isNull(true))).all().map(\.name) == ["Apollo", "Borealis", "Cassini"])
            let nullsFirst = try projects.orderBy([OrderTerm("estimate_total", nulls: .first), OrderTerm("name")]).all()
            #expect(nullsFirst.map(\.name) == ["Dawn", "Europa", "Borealis", "Cassini", "Apollo"])
            let nullsLast = try projects.orderBy([OrderTerm("-estimate_total", nulls: .last), OrderTerm("name")]).all()
            #expect(nullsLast.map(\.name) == ["Apollo", "Cassini", "Borealis", "Dawn", "Europa"])
            let page = try projects.orderBy("-task_count", "name").countAndFetch(offset: 1, limit: 2)
            #expect(page.count == 5 && page.rows.map(\.name) == ["Cassini", "Borealis"])
        }
    }

    @Test func aggregateAcrossRelationsCountsAsDjangosJoin() throws {
        try withPathData { connection, _ in
            let active = PathProject.objects(on: connection).filter(.field("status", .exact("active")))
            let (totals, statements) = try QueryCapture.capture {
                try active.aggregate([
                    "projects": Count("id"), "tasks": Count("tasks"), "open": Count("tasks", filter: Self.open),
                    "estimate": Sum("tasks__estimate"), "tags": Count("tasks__tags"), "distinct_tags": Count("tasks__tags", distinct: true),
                ])
            }
            #expect(statements.count == 1)
            // Two projects, however many related rows each has.
            #expect(
                totals
                    == NamedValues([
                        ("projects", 2), ("tasks", 5), ("open", 2), ("estimate", duration("2 days 07:15:00")), ("tags", 6),
                        ("distinct_tags", 3),
                    ]))
            // Over tasks: each task's project's budget, once per task (Django's JOIN).
            let tasks = PathTask.objects(on: connection)
            let budgets = try tasks.aggregate(["max": Max("project__budget"), "sum": Sum("project__budget"), "tags": Count("tags")])
            #expect(budgets == NamedValues([("max", decimal("4000.00")), ("sum", decimal("11750.00")), ("tags", 8)]))
            let open = try tasks.filter(Self.open).aggregate(["sum": Sum("project__budget"), "tags": Count("tags", distinct: true)])
            #expect(open == NamedValues([("sum", decimal("2500.00")), ("tags", 3)]))
            let none = try tasks.filter(.field("id", .lt(0))).aggregate(["sum": Sum("project__budget"), "n": Count("tags")])
            #expect(none == NamedValues([("sum", .null), ("n", 0)]))
        }
    }

    /// The part-2 spec's `summary` over a filtered queryset, the budget a numeric(12,2).
    @Test func summaryWithADecimalBudget() throws {
        try withPathData { connection, _ in
            let projects = PathProject.objects(on: connection).filter(.field("status", .in(["planned", "active"])))
            let totals = try projects.aggregate(["count": Count("id"), "budget_total": Sum("budget", default: decimal("0.00"))])
            #expect(totals == NamedValues([("count", 4), ("budget_total", decimal("5250.00"))]))
            #expect(totals["budget_total"]?.description == "5250.00")
            let byStatus = try projects.values(["status"]).annotate(["n": Count("id")]).orderBy("status").all()
            #expect(byStatus == [NamedValues([("status", "active"), ("n", 2)]), NamedValues([("status", "planned"), ("n", 2)])])
            let none = try projects.filter(.field("budget", .gt(decimal("10000"))))
                .aggregate(["count": Count("id"), "budget_total": Sum("budget", default: decimal("0.00"))])
            #expect(none["count"] == 0 && none["budget_total"] == decimal("0.00"))
        }
    }

    @Test func wrongPathsSayWhatIsWrong() throws {
        try withPathData { connection, _ in
            let projects = PathProject.objects(on: connection)
            #expect(throws: FieldError.self) { try projects.annotate(["task_count": Count("taks")]).all() }
            #expect(throws: FieldError.self) { try projects.annotate(["task_count": Count("tasks__nope")]).all() }
            #expect(throws: FieldError.self) { try projects.aggregate(["n": Count("tasks__tags__nope")]) }
            #expect(throws: QueryValueError.self) { try projects.aggregate(["n": Sum("tasks__title")]) }
            // A type the slot does not hold, and grouping over related rows.
            #expect(throws: ModelError.self) { try projects.annotate(["task_count": Sum("tasks__estimate")]).all() }
            #expect(throws: ModelError.self) { try projects.values(["status"]).annotate(["n": Count("tasks")]).all() }
            let count = try projects.count()
            #expect(count == 5)
        }
    }
}
