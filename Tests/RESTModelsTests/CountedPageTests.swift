import PostgreSQL
import RESTFramework
import RESTModels
import TestSupport
import Testing

/// `countAndFetch` as one statement when the filter reads other tables
/// (`QueryCompiler.countedPage`): the same count and rows as `count()` and `fetch`, past the
/// end and with no match too, and with related rows selected and prefetched.
@Suite(.needsTestsRun) struct CountedPageTests {
    /// Tasks of the projects in Acme (the filter crosses `project__account`).
    static func acmeTasks(_ connection: Connection, _ seed: RelationSchema.Seed) -> QuerySet<ProjectTask> {
        ProjectTask.objects(on: connection).filter(.field("project__account", .exact(.int(seed.accounts[0].id))))
    }

    @Test func aFilterAcrossARelationCountsAndPagesInOneStatement() throws {
        try withModelsDatabase(schema: RelationSchema.sql) { connection, _ in
            let seed = try RelationSchema.seed(connection)
            _ = try RelationsTests.seedTasks(connection, seed)
            let acme = Self.acmeTasks(connection, seed).orderBy("-done", "id")
            let expectedCount = try acme.count()
            let expected = try acme.fetch(offset: 10, limit: 7).map(\.id)
            let ((count, rows), statements) = try QueryCapture.capture { try acme.countAndFetch(offset: 10, limit: 7) }
            #expect(statements.count == 1 && statements[0].hasPrefix("WITH \"__matched\" AS MATERIALIZED"))
            #expect(expectedCount > 17 && count == expectedCount)
            #expect(rows.map(\.id) == expected)
        }
    }

    @Test func pastTheEndAndNoMatchKeepTheCount() throws {
        try withModelsDatabase(schema: RelationSchema.sql) { connection, _ in
            let seed = try RelationSchema.seed(connection)
            _ = try RelationsTests.seedTasks(connection, seed)
            let acme = Self.acmeTasks(connection, seed).orderBy("id")
            let total = try acme.count()
            let past = try acme.countAndFetch(offset: total, limit: 10)
            #expect(past.count == total && past.rows.isEmpty)
            let last = try acme.countAndFetch(offset: total - 1, limit: 10)
            #expect(last.count == total && last.rows.count == 1)
            let none = try acme.filter(.field("project__name", .exact("no such project"))).countAndFetch(offset: 0, limit: 10)
            #expect(none.count == 0 && none.rows.isEmpty)
        }
    }

    @Test func relatedRowsAreSelectedAndPrefetchedOnThePage() throws {
        try withModelsDatabase(schema: RelationSchema.sql) { connection, _ in
            let seed = try RelationSchema.seed(connection)
            _ = try RelationsTests.seedTasks(connection, seed)
            let acme = Self.acmeTasks(connection, seed).orderBy("id")
            let plain = try acme.fetch(offset: 3, limit: 20)
            let page = acme.selectRelated("project", "project__account", "assignee").prefetchRelated("tags")
            let ((count, rows), statements) = try QueryCapture.capture { try page.countAndFetch(offset: 3, limit: 20) }
            // The counted page, then the tags' prefetch.
            #expect(statements.count == 2 && statements[0].hasPrefix("WITH "))
            let total = try acme.count()
            #expect(count == total && rows.map(\.id) == plain.map(\.id))
            for task in rows {
                #expect(task.project.instance?.account.instance?.name == "Acme")
                #expect(task.tags.isLoaded)
                #expect((task.assignee?.instance == nil) == (task.assignee == nil))
            }
        }
    }

    @Test func ownColumnFiltersAndOrderingAcrossRelationsKeepTwoStatements() throws {
        try withModelsDatabase(schema: RelationSchema.sql) { connection, _ in
            let seed = try RelationSchema.seed(connection)
            _ = try RelationsTests.seedTasks(connection, seed)
            let tasks = ProjectTask.objects(on: connection)
            // A filter on the table's own column: the planner pages from an index.
            let done = tasks.filter(.field("done", .exact(true))).orderBy("id")
            let (_, own) = try QueryCapture.capture { try done.countAndFetch(offset: 0, limit: 5) }
            #expect(own.count == 2 && !own[0].hasPrefix("WITH"))
            // Ordered by a related row's column: the subquery would not have it.
            let acrossOrder = Self.acmeTasks(connection, seed).orderBy("project__name", "id")
            let (page, across) = try QueryCapture.capture { try acrossOrder.countAndFetch(offset: 0, limit: 5) }
            let expected = try acrossOrder.fetch(offset: 0, limit: 5).map(\.id)
            #expect(across.count == 2 && page.rows.map(\.id) == expected)
        }
    }
}
