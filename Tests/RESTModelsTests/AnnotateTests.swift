import PostgreSQL
import RESTFramework
import RESTModels
import TestSupport
import Testing

/// `annotate` with aggregates over related rows, on the real PostgreSQL, held to the same
/// aggregates computed in memory per project (`InMemoryQuerySet.aggregate`).
@Suite(.needsTestsRun) struct AnnotateTests {
    @Test func eachRowCarriesItsAggregatesInOneStatement() throws {
        try withProjects { connection, data in
            let (rows, statements) = try QueryCapture.capture { try AnnotatedProject.annotated.using(connection).orderBy("id").all() }
            #expect(statements.count == 1)
            let expected = try data.annotatedInMemory()
            #expect(rows.map(\.taskCount) == expected.map { $0["task_count"]?.intValue })
            #expect(rows.map(\.taskCount) == [3, 1, 2, 0, 1])
            #expect(rows.map(\.openTaskCount) == [2, 1, 0, 0, 1])
            #expect(rows.map(\.topPriority) == [1, 2, nil, nil, 3])
            #expect(rows.map { $0.fieldValue("top_priority") } == expected.map { $0["top_priority"] })
            // Without annotate the slots read their type's zero, or nil.
            let plain = try AnnotatedProject.objects(on: connection).orderBy("id").all()
            #expect(plain.map(\.taskCount) == [0, 0, 0, 0, 0] && plain.allSatisfy { $0.topPriority == nil })
        }
    }

    static let predicates: [(String, RESTFramework.Predicate)] = [
        ("task_count gt", .field("task_count", .gt(1))),
        ("task_count exact text", .field("task_count", .exact(.string("1")))),
        ("open_task_count in", .field("open_task_count", .in([0, 2]))),
        ("top_priority isnull", .field("top_priority", .isNull(true))),
        ("top_priority lte", .field("top_priority", .lte(2))),
        ("not top_priority lte", !.field("top_priority", .lte(2))),
        ("annotation and column", .field("task_count", .gte(1)) && .field("status", .exact("planned"))),
        ("annotation F column", .field("open_task_count", .lt(F("task_count")))),
        ("range", .field("task_count", .range(1, 2))),
    ]

    static let orderings: [[OrderTerm]] = [
        [OrderTerm("-task_count"), OrderTerm("id")],
        [OrderTerm("top_priority"), OrderTerm("id")],
        [OrderTerm("top_priority", nulls: .first), OrderTerm("-id")],
        [OrderTerm("-top_priority", nulls: .last), OrderTerm("id")],
        [OrderTerm("-top_priority"), OrderTerm("id")],
        [OrderTerm("open_task_count"), OrderTerm("-task_count"), OrderTerm("name")],
    ]

    @Test func annotationsFilterAndOrderAsColumnsDo() throws {
        try withProjects { connection, data in
            let stored = AnnotatedProject.annotated.using(connection)
            let memory = InMemoryQuerySet(try data.annotatedInMemory())
            for (name, predicate) in Self.predicates {
                let expected = try memory.filter(predicate).orderBy("id").all().map { $0["id"]?.intValue }
                #expect(try stored.filter(predicate).orderBy("id").all().map(\.id) == expected, "\(name)")
                #expect(try stored.filter(predicate).count() == expected.count, "count of \(name)")
                #expect(try stored.filter(predicate).exists() == !expected.isEmpty, "exists of \(name)")
                #expect(
                    try stored.exclude(predicate).orderBy("id").all().map(\.id)
                        == memory.exclude(predicate).orderBy("id").all().map { $0["id"]?.intValue }, "exclude \(name)")
            }
            for terms in Self.orderings {
                let expected = try memory.orderBy(terms).all().map { $0["id"]?.intValue }
                #expect(try stored.orderBy(terms).all().map(\.id) == expected, "\(terms)")
                let page = try stored.orderBy(terms).countAndFetch(offset: 1, limit: 2)
                #expect(page.count == 5 && page.rows.map(\.id) == Array(expected[1..<3]), "page of \(terms)")
            }
        }
    }

    @Test func orderingByAnAnnotationNamesItsAlias() throws {
        try withProjects { connection, _ in
            let (_, statements) = try QueryCapture.capture {
                try AnnotatedProject.annotated.using(connection).filter(.field("task_count", .gt(0))).orderBy("-task_count").all()
            }
            let sql = try #require(statements.first)
            // The subquery runs in the select list and the WHERE; ORDER BY reuses the selected value.
            #expect(sql.hasSuffix("ORDER BY \"task_count\" DESC"))
            #expect(sql.components(separatedBy: "COUNT(").count - 1 == 3)  // task_count twice, open_task_count once
        }
    }

    @Test func createAndUpdateAnswerTheAnnotationsOfTheirRow() throws {
        try withProjects { connection, data in
            let projects = AnnotatedProject.annotated.using(connection)
            let created = try projects.insert(["name": "Galileo"])
            #expect(created.taskCount == 0 && created.openTaskCount == 0 && created.topPriority == nil)
            let apollo = try #require(data.projects.first)
            let updated = try projects.update(apollo, with: ValidatedData([("status", "done")]))
            #expect(updated.status == "done" && updated.taskCount == 3 && updated.openTaskCount == 2 && updated.topPriority == 1)
            // A queryset filtered on an annotation updates and deletes the rows it selects.
            #expect(try projects.filter(.field("task_count", .exact(0))).update(["status": "done"]) == 2)
            #expect(try projects.filter(.field("task_count", .exact(0))).delete() == 2)
            #expect(try AnnotatedProject.objects(on: connection).count() == 4)
        }
    }

    @Test func anAnnotationCanBeAggregated() throws {
        try withProjects { connection, data in
            let totals = try AnnotatedProject.annotated.using(connection).filter(.field("status", .exact("active")))
                .aggregate(["tasks": Sum("task_count"), "busiest": Max("task_count"), "projects": Count("id")])
            let active = try InMemoryQuerySet(data.annotatedInMemory()).filter(.field("status", .exact("active")))
            #expect(try totals == active.aggregate(["tasks": Sum("task_count"), "busiest": Max("task_count"), "projects": Count("id")]))
            #expect(totals == NamedValues([("tasks", 5), ("busiest", 3), ("projects", 2)]))
        }
    }

    @Test func sumAvgAndDefaultsOverRelatedRows() throws {
        try withProjects { connection, data in
            struct Minutes: Model {
                var id: Int64
                var total: Int64?
                var average: Double?
                var longest: Int64
                static let tableName = "projects"
                static let columns: [Column<Minutes>] = [
                    Column("id", \.id), .annotated("total", \.total), .annotated("average", \.average),
                    .annotated("longest", \.longest),
                ]
                init(row: ModelRow) throws {
                    id = try row["id"]; total = try row["total"]; average = try row["average"]; longest = try row["longest"]
                }
            }
            let rows = try Minutes.objects(on: connection).annotate([
                "total": Sum("minutes", from: AnnotatedTask.objects, on: "project_id"),
                "average": Avg("minutes", from: AnnotatedTask.objects, on: "project_id"),
                "longest": Max("minutes", from: AnnotatedTask.objects, on: "project_id", default: 0),
            ]).orderBy("id").all()
            for (row, project) in zip(rows, data.projects) {
                let memory = try InMemoryQuerySet(data.tasks).filter(.field("project_id", .exact(.int(project.id))))
                    .aggregate(["total": Sum("minutes"), "average": Avg("minutes"), "longest": Max("minutes", default: 0)])
                #expect(row.fieldValue("total") == memory["total"])
                #expect(row.fieldValue("average") == memory["average"])
                #expect(row.fieldValue("longest") == memory["longest"])
            }
            #expect(rows.map(\.total) == [120, 15, 105, nil, nil])
            #expect(rows.map(\.longest) == [90, 15, 60, 0, 0])
        }
    }

    @Test func misdeclaredAnnotationsSayWhatToDeclare() throws {
        try withProjects { connection, _ in
            let projects = AnnotatedProject.objects(on: connection)
            let tasks = AnnotatedTask.objects
            let cases: [(QuerySet<AnnotatedProject>, String)] = [
                (
                    projects.annotate(["n": Count("id", from: tasks, on: "project_id")]),
                    "AnnotatedProject has no annotation \"n\": declare the property it fills, `.annotated(\"n\", \\.property)`, in AnnotatedProject.columns."
                ),
                (
                    projects.annotate(["name": Count("id", from: tasks, on: "project_id")]),
                    "The annotation 'name' conflicts with a field on the model."
                ),
                (
                    projects.annotate(["task_count": Avg("priority", from: tasks, on: "project_id")]),
                    "annotate(task_count: Avg(\"priority\")) gives a double value; AnnotatedProject.task_count is declared as int."
                ),
                (
                    projects.annotate(["task_count": Sum("priority", from: tasks, on: "project_id")]),
                    "annotate(task_count: Sum(\"priority\")) is NULL over no rows: declare AnnotatedProject.task_count Optional, or give Sum a default."
                ),
                (
                    projects.annotate(["task_count": Count("id")]),
                    "annotate(task_count: Count(\"id\")) aggregates the row's own column: name the related rows by a relation "
                        + "(`Count(\"tasks\")`) or explicitly (`Count(\"id\", from: Related.objects, on: \"foreign_key\")`), "
                        + "or use aggregate([...]) or values([...]).annotate([...]) for totals."
                ),
            ]
            for (queryset, message) in cases {
                #expect(throws: ModelError.unsupported(message)) { try queryset.all() }
            }
            #expect(throws: FieldError.self) { try projects.annotate(["task_count": Count("idd", from: tasks, on: "project_id")]).all() }
            #expect(throws: FieldError.self) { try projects.annotate(["task_count": Count("id", from: tasks, on: "projectid")]).all() }
            #expect(throws: FieldError.self) { try projects.annotate(["task_count": Count("tasks")]).all() }
            #expect(throws: QueryValueError.self) {
                try projects.annotate(["top_priority": Min("done", from: tasks, on: "project_id")]).all()
            }
            // Nothing reached the database half-built: the connection is usable.
            let count = try projects.count()
            #expect(count == 5)
        }
    }
}
