import PostgreSQL
import RESTFramework
import RESTModels
import TestSupport
import Testing

/// Annotations over the same related rows read them once, in one `LEFT JOIN LATERAL` joined to
/// the page's rows (`AnnotationLaterals.swift`), where a statement's `FROM` is the page alone:
/// the counted page and a sliced select that pages before joining. The values must be those of
/// the correlated subqueries (the unsliced queryset's): zero counts, NULL sums, defaults,
/// filters, and a page past the end.
@Suite(.needsTestsRun) struct LateralAnnotationTests {
    static func lateralCount(_ statement: String) -> Int {
        statement.components(separatedBy: "LEFT JOIN LATERAL").count - 1
    }

    /// `Count("tasks")`, `Count("tasks", filter:)` and `Sum("tasks__estimate")` share their rows;
    /// `Count("tasks__tags")` reads other rows and keeps its subquery.
    @Test func pathAnnotationsOnASlicedPageShareOneLateral() throws {
        try withPathData { connection, _ in
            let projects = RelatedAggregateTests.annotated.using(connection)
            let all = try projects.all()
            let (page, statements) = try QueryCapture.capture { try projects.fetch(offset: 1, limit: 3) }
            #expect(statements.count == 1 && Self.lateralCount(statements[0]) == 1)
            #expect(statements[0].contains("FILTER (WHERE"))
            #expect(page.map(\.name) == ["Borealis", "Cassini", "Dawn"])
            #expect(page.map(\.taskCount) == Array(all[1...3]).map(\.taskCount))
            #expect(page.map(\.openTaskCount) == [1, 0, 0])
            #expect(page.map(\.tagCount) == [1, 3, 0])
            // Dawn has no tasks: COUNT 0, SUM NULL, as the subqueries give.
            #expect(page.map(\.taskCount) == [1, 2, 0])
            #expect(page.map { $0.fieldValue("estimate_total") } == ["00:15:00", "01:45:00", nil].map(duration))
            // A default applies inside the lateral, over no rows too.
            let defaulted = try PathProject.objects(on: connection)
                .annotate(["task_count": Count("tasks"), "estimate_total": Sum("tasks__estimate", default: duration("00:00:00"))])
                .fetch(offset: 3, limit: 2)
            #expect(defaulted.map(\.name) == ["Dawn", "Europa"] && defaulted.map(\.taskCount) == [0, 1])
            #expect(defaulted.map { $0.fieldValue("estimate_total") } == ["00:00:00", "00:00:00"].map(duration))
        }
    }

    /// A filter and an ordering by an annotation compile its subquery; the count and the page
    /// in one statement, past the end too.
    @Test func theCountedPageJoinsTheLateralToItsRowsOnly() throws {
        try withPathData { connection, _ in
            let busy = RelatedAggregateTests.annotated.using(connection).filter(.field("task_count", .gt(0)))
            let ((count, rows), statements) = try QueryCapture.capture { try busy.countAndFetch(offset: 1, limit: 2) }
            #expect(statements.count == 1 && statements[0].hasPrefix("WITH ") && Self.lateralCount(statements[0]) == 1)
            #expect(count == 4 && rows.map(\.name) == ["Borealis", "Cassini"])
            #expect(rows.map(\.taskCount) == [1, 2] && rows.map(\.openTaskCount) == [1, 0] && rows.map(\.tagCount) == [1, 3])
            let past = try busy.countAndFetch(offset: 4, limit: 2)
            #expect(past.count == 4 && past.rows.isEmpty)
            // Ordered by an annotation: no lateral (the page needs the value first), same values.
            let (byCount, ordered) = try QueryCapture.capture {
                try busy.orderBy("-open_task_count", "name").countAndFetch(offset: 0, limit: 3)
            }
            #expect(ordered.allSatisfy { Self.lateralCount($0) == 0 })
            #expect(byCount.count == 4 && byCount.rows.map(\.name) == ["Apollo", "Borealis", "Europa"])
            #expect(byCount.rows.map(\.openTaskCount) == [2, 1, 1])
        }
    }

    /// `Count("id", from: Task.objects, on: "project_id")` and its filtered twin share a
    /// lateral; a correlation with a filter of its own (`top_priority`) keeps its subquery.
    @Test func explicitCorrelationsShareOneLateral() throws {
        try withProjects { connection, _ in
            let projects = AnnotatedProject.annotated.using(connection)
            let all = try projects.orderBy("name", "id").all()
            let withTasks = projects.filter(.field("task_count", .gte(0)))
            let ((count, rows), statements) = try QueryCapture.capture {
                try withTasks.orderBy("name", "id").countAndFetch(offset: 0, limit: 10)
            }
            #expect(statements.count == 1 && Self.lateralCount(statements[0]) == 1)
            #expect(count == all.count && rows.map(\.id) == all.map(\.id))
            #expect(rows.map(\.taskCount) == all.map(\.taskCount))
            #expect(rows.map(\.openTaskCount) == all.map(\.openTaskCount))
            #expect(rows.map(\.topPriority) == all.map(\.topPriority))
            #expect(rows.map(\.taskCount).sorted() == [0, 1, 1, 2, 3])
        }
    }
}
