// The `///` examples of aggregates and annotations (Sources/RESTFramework/Query/Aggregate.swift,
// NamedValues.swift, InMemoryAggregation.swift; Sources/RESTModels' annotate, aggregate and
// values), compiled (DocCommentExampleTests finds them here).
import PostgreSQL
@testable import RESTFramework
@testable import RESTModels

/// Projects and tasks as the examples name them (`Task` shadows Swift's own in here).
enum AggregateExamples {
    struct Project: Model {
        var id: Int64
        var name: String
        var status: String
        var budget: Double?
        var taskCount: Int64
        var openTaskCount: Int64

        static let tableName = "projects"
        static let columns: [Column<Project>] = [
            Column("id", \.id), Column("name", \.name), Column("status", \.status), Column("budget", \.budget),
            .annotated("task_count", \.taskCount),   // var taskCount: Int64, 0 unless the query annotates it
            .annotated("open_task_count", \.openTaskCount),
        ]
        init(row: ModelRow) throws {
            id = try row["id"]; name = try row["name"]; status = try row["status"]; budget = try row["budget"]
            taskCount = try row["task_count"]; openTaskCount = try row["open_task_count"]
        }
    }

    struct Task: Model {
        var id: Int64, projectID: Int64, done: Bool, minutes: Int64?

        static let tableName = "tasks"
        static let columns: [Column<Task>] = [
            Column("id", \.id), Column("project_id", \.projectID, references: "projects"), Column("done", \.done),
            Column("minutes", \.minutes),
        ]
        init(row: ModelRow) throws {
            id = try row["id"]; projectID = try row["project_id"]; done = try row["done"]; minutes = try row["minutes"]
        }
    }

    // Aggregate, AggregateExpression, Count
    static func expressions() {
        let open = Count("id", filter: .field("done", .exact(false)))   // Count("id", filter=Q(done=False))
        let total = Sum("budget", default: 0)                             // Sum("budget", default=0)
        let summary: KeyValuePairs<String, any AggregateExpression> = ["count": Count("id"), "budget_total": Sum("budget")]
        Count("id", filter: .field("done", .exact(false)))
        _ = (open, total, summary)
    }

    // NamedValues
    static func namedValues() {
        let totals = NamedValues([("count", 4), ("budget_total", .null)])
        totals["count"]   // .int(4)
        totals.json       // {"count": 4, "budget_total": null}
    }

    // InMemoryAggregation, InMemoryQuerySet.aggregate
    static func inMemory(rows: [Task]) throws {
        try InMemoryAggregation.value(Sum("n", filter: .field("flag", .exact(true))).aggregate, over: rows, samples: rows)

        let totals = try InMemoryQuerySet(rows).filter(.field("done", .exact(false)))
            .aggregate(["count": Count("id"), "longest": Max("minutes")])
        totals["count"]   // .int(2)
    }

    // Column.annotated, ModelCorrelation, Count.init(_:from:on:...)
    static func annotated(request: Request) throws {
        Project.objects.annotate(["task_count": Count("id", from: Task.objects, on: "project_id")])

        Count("id", from: Task.objects.filter(.field("done", .exact(false))), on: "project_id")
        // (SELECT COUNT("tasks"."id") FROM "tasks" WHERE "tasks"."project_id" = "projects"."id" AND NOT "tasks"."done")

        _ = Project.objects
            .annotate(["open_task_count": Count("id", from: Task.objects, on: "project_id", filter: .field("done", .exact(false)))])
    }

    // QuerySet.annotate
    static func annotate(request: Request) throws {
        let projects = try Project.objects(on: request)
            .annotate([
                "task_count": Count("id", from: Task.objects, on: "project_id"),
                "open_task_count": Count("id", from: Task.objects, on: "project_id", filter: .field("done", .exact(false))),
            ])
            .filter(.field("task_count", .gt(0)))
            .orderBy("-task_count", "name")
            .all()
        projects[0].taskCount
    }

    // QuerySet.aggregate
    static func aggregate(request: Request) throws {
        let totals = try Project.objects(on: request).filter(.field("status", .in(["planned", "active"])))
            .aggregate(["count": Count("id"), "budget_total": Sum("budget")])
        totals["count"]          // .int(4)
        totals["budget_total"]   // of the column's type: .int, .double (a decimal stays exact)
    }

    // ValuesQuerySet
    static func values(request: Request) throws {
        let byStatus = try Project.objects(on: request).filter(.field("account_id", .exact(7)))
            .values(["status"])
            .annotate(["n": Count("id"), "budget": Sum("budget")])
            .orderBy("status")
            .all()
        // [{status: active, n: 2, budget: 3500}, {status: done, n: 1, budget: NULL}, ...]
        _ = byStatus
    }
}
