import PostgreSQL
import RESTFramework
import RESTModels
import TestSupport
import Testing

/// Relations on the real PostgreSQL: foreign keys, many-to-many through Django's join table,
/// reverse relations, `selectRelated`/`prefetchRelated`, lookups and ordering across relations.
@Suite(.needsTestsRun) struct RelationsTests {
    /// 100 tasks over the three projects, every other one assigned, tags by position.
    static func seedTasks(_ connection: Connection, _ seed: RelationSchema.Seed) throws -> [ProjectTask] {
        let tasks = ProjectTask.objects(on: connection)
        var made: [ProjectTask] = []
        for number in 0..<100 {
            var values: [String: FieldValue] = [
                "project": .int(seed.projects[number % 3].id), "title": .string("task \(number)"), "done": .bool(number % 4 == 0),
            ]
            if number % 2 == 0 { values["assignee"] = .int(seed.users[number % 4].id) }
            let task = try tasks.insert(values)
            try task.related(\.tags, on: connection).add(seed.tags.enumerated().filter { number % ($0.offset + 2) == 0 }.map(\.element))
            made.append(task)
        }
        return made
    }

    @Test func aPageOfTasksWithProjectAccountAssigneeAndTagsTakesThreeQueries() throws {
        try withModelsDatabase(schema: RelationSchema.sql) { connection, _ in
            let seed = try RelationSchema.seed(connection)
            _ = try Self.seedTasks(connection, seed)
            let page = ProjectTask.objects(on: connection)
                .selectRelated("project", "project__account", "assignee")
                .prefetchRelated("tags")
                .orderBy("id")
            let ((count, tasks), statements) = try QueryCapture.capture { try page.countAndFetch(offset: 0, limit: 100) }
            #expect(count == 100 && tasks.count == 100)
            #expect(statements.count == 3)
            for (number, task) in tasks.enumerated() {
                let project = seed.projects[number % 3]
                #expect(task.project.instance?.name == project.name)
                #expect(task.project.instance?.account.instance?.name == (project.account.id == seed.accounts[0].id ? "Acme" : "Globex"))
                #expect(task.assignee?.instance?.username == (number % 2 == 0 ? seed.users[number % 4].username : nil))
                let slugs = seed.tags.enumerated().filter { number % ($0.offset + 2) == 0 }.map(\.element.slug).sorted()
                #expect(task.tags.all?.map(\.slug) == slugs)
                // Serializers read across the relations without a query (DRF's source="project.account.name").
                #expect(task.fieldValue("project.name") == .string(project.name))
                #expect(task.fieldValue("project.account.name") == task.project.instance?.account.instance.map { .string($0.name) })
            }
            // The same without the related rows: nothing filled, nothing to read across.
            let plain = try ProjectTask.objects(on: connection).orderBy("id").limit(1).all()[0]
            #expect(plain.project.instance == nil && !plain.tags.isLoaded)
            #expect(plain.fieldValue("project.name") == .null)
            #expect(plain.fieldValue("title") == "task 0")
            #expect(plain.fieldValue("nothing.name") == nil)
        }
    }

    @Test func relatedRowsAreReadOnDemandAndThroughReverseRelations() throws {
        try withModelsDatabase(schema: RelationSchema.sql) { connection, _ in
            let seed = try RelationSchema.seed(connection)
            _ = try Self.seedTasks(connection, seed)
            let task = try ProjectTask.objects(on: connection).orderBy("id").first()
            let (project, statements) = try QueryCapture.capture { try task?.project.fetch(on: connection) }
            #expect(project?.name == "Apollo" && statements.count == 1)
            let apollo = seed.projects[0]
            #expect(try apollo.related(\.tasks, on: connection).queryset.count() == 34)
            #expect(try apollo.related(\.tasks, on: connection).queryset.filter(.field("done", .exact(true))).count() == 9)
            // The reverse relation prefetched for a page of projects, in one more statement.
            let (projects, prefetching) = try QueryCapture.capture {
                try Project.objects(on: connection).prefetchRelated("tasks", "lead").orderBy("name").all()
            }
            #expect(prefetching.count == 3)
            #expect(projects.map { $0.tasks.all?.count } == [34, 33, 33])
            #expect(projects.map { $0.lead?.instance?.username } == ["grace", nil, "ada"])
            // A reverse one-to-one is single: a row or none.
            _ = try Profile.objects(on: connection).insert(["user": .int(seed.users[1].id), "bio": "Turing"])
            let members = try Member.objects(on: connection).prefetchRelated("profile").orderBy("id").all()
            #expect(members.map { $0.profile.instance?.bio } == [nil, "Turing", nil, nil])
            #expect(members.allSatisfy { $0.profile.isLoaded })
            let joined = try Member.objects(on: connection).selectRelated("profile").orderBy("id").all()
            #expect(joined.map { $0.profile.instance?.bio } == [nil, "Turing", nil, nil])
            #expect(try Member.objects(on: connection).filter(.field("profile", .isNull(false))).count() == 1)
            #expect(try Profile.objects(on: connection).selectRelated("user").get().user.instance?.username == "alan")
        }
    }

    @Test func lookupsCrossRelationsWithoutRepeatingRows() throws {
        try withModelsDatabase(schema: RelationSchema.sql) { connection, _ in
            let seed = try RelationSchema.seed(connection)
            let made = try Self.seedTasks(connection, seed)
            let tasks = ProjectTask.objects(on: connection)
            func expected(_ keep: (Int) -> Bool) -> Int { made.indices.filter(keep).count }
            #expect(try tasks.filter(.field("project__account__name", .exact("Acme"))).count() == expected { $0 % 3 != 1 })
            #expect(try tasks.filter(.field("project__name", .in(["Apollo", "Borealis"]))).count() == expected { $0 % 3 != 2 })
            // To many: each task once, however many tags match.
            let tagged = tasks.filter(.field("tags__slug", .in(["urgent", "backend"])))
            #expect(try tagged.count() == expected { $0 % 2 == 0 || $0 % 3 == 0 })
            #expect(try tagged.all().count == (try tagged.count()))
            #expect(try tagged.orderBy("id").limit(5).all().map(\.title) == ["task 0", "task 2", "task 3", "task 4", "task 6"])
            #expect(try tasks.exclude(.field("tags__slug", .exact("urgent"))).count() == expected { $0 % 2 != 0 })
            #expect(try tasks.filter(.field("tags", .exact(.int(seed.tags[2].id)))).count() == expected { $0 % 4 == 0 })
            // isnull on relations.
            #expect(try tasks.filter(.field("tags", .isNull(true))).count() == expected { $0 % 2 != 0 && $0 % 3 != 0 })
            #expect(try tasks.filter(.field("assignee", .isNull(true))).count() == 50)
            #expect(try tasks.filter(.field("assignee", .isNull(false))).count() == 50)
            #expect(try tasks.filter(.field("project__lead", .isNull(true))).count() == expected { $0 % 3 == 1 })
            #expect(try tasks.filter(.field("project__lead__username", .isNull(true))).count() == expected { $0 % 3 == 1 })
            let projects = Project.objects(on: connection)
            #expect(try projects.filter(.field("lead__username", .exact("grace"))).all().map(\.name) == ["Apollo"])
            // Django's exclude keeps the rows where the relation is empty.
            #expect(
                try projects.exclude(.field("lead__username", .exact("grace"))).orderBy("name").all().map(\.name) == ["Borealis", "Cygnus"])
            #expect(try projects.filter(.field("tasks__title", .exact("task 1"))).all().map(\.name) == ["Borealis"])
            // A subquery across relations: the tasks of the accounts alan is a member of.
            let alan = seed.users[1]
            _ = try AccountMember.objects(on: connection).insert(["account_id": .int(seed.accounts[1].id), "user_id": .int(alan.id)])
            let alansTasks = tasks.filter(.inSubquery("project__account", Account.memberships(of: .int(alan.id))))
            #expect(try alansTasks.count() == expected { $0 % 3 == 1 })
            #expect(try projects.filter(.inSubquery("account", Account.memberships(of: .int(alan.id)))).all().map(\.name) == ["Borealis"])
            let ada = User.objects.filter(.field("username", .exact("ada"))).values("id")
            #expect(try projects.filter(.inSubquery("tasks__assignee", ada)).count() == 3)
            // Django's exclude keeps the project without a lead.
            #expect(try projects.exclude(.inSubquery("lead", ada)).orderBy("name").all().map(\.name) == ["Apollo", "Borealis"])
            // Updating and deleting take the same lookups.
            #expect(try tasks.filter(.field("project__name", .exact("Borealis"))).update(["done": true]) == 33)
            #expect(try tasks.filter(.field("done", .exact(true))).count() == expected { $0 % 3 == 1 || $0 % 4 == 0 })
            #expect(try tasks.filter(.field("project__lead__username", .exact("ada"))).delete() == 33)
            #expect(try tasks.count() == 67)
            // Every value is a parameter.
            let (_, statements) = try QueryCapture.capture { try tasks.filter(.field("project__account__name", .exact("x'; --"))).count() }
            #expect(statements.count == 1 && !statements[0].contains("x'"))
            // Unknown names are the FieldError with the names the model has.
            #expect(
                throws: FieldError(
                    model: "Project", field: "nme", validFields: ["id", "account_id", "name", "lead_id", "account", "lead", "tasks"])
            ) {
                try tasks.filter(.field("project__nme", .exact("x"))).count()
            }
            #expect(throws: FieldError.self) { try tasks.filter(.field("titel__x", .exact("x"))).count() }
        }
    }

    /// A sliced page with `selectRelated` is taken from the table before it is joined
    /// (`QueryCompiler.pagesBeforeJoining`): every page, under each ordering and a filter, holds
    /// the rows the unsliced, joined statement holds at those positions, with the same related rows.
    @Test func pagesTakenBeforeJoiningHoldTheSameRows() throws {
        try withModelsDatabase(schema: RelationSchema.sql) { connection, _ in
            let seed = try RelationSchema.seed(connection)
            _ = try Self.seedTasks(connection, seed)
            let tasks = ProjectTask.objects(on: connection).selectRelated("project__account", "assignee")
            func summary(_ task: ProjectTask) -> String {
                [
                    String(task.id), task.title, task.project.instance?.name ?? "-", task.project.instance?.account.instance?.name ?? "-",
                    task.assignee?.instance?.username ?? "-",
                ].joined(separator: "|")
            }
            for queryset in [
                tasks.orderBy("id"), tasks.orderBy("-done", "title"), tasks.filter(.field("done", .exact(false))).orderBy("-id"),
            ] {
                let whole = try queryset.all().map(summary)
                #expect(whole.count >= 75 && !whole.contains { $0.hasSuffix("|-|-|-") })
                var paged: [String] = []
                for start in stride(from: 0, to: whole.count, by: 7) {
                    let (page, statements) = try QueryCapture.capture { try queryset[start..<start + 7].all() }
                    #expect(statements.count == 1 && statements[0].contains(" FROM (SELECT "))
                    paged += page.map(summary)
                }
                #expect(paged == whole)
            }
        }
    }

    @Test func orderingAcrossRelationsWithNullsFirstOrLast() throws {
        try withModelsDatabase(schema: RelationSchema.sql) { connection, _ in
            let seed = try RelationSchema.seed(connection)
            _ = try Self.seedTasks(connection, seed)
            let projects = Project.objects(on: connection)
            #expect(
                try projects.orderBy([OrderTerm("lead__username", nulls: .first)]).all().map(\.name) == ["Borealis", "Cygnus", "Apollo"])
            #expect(
                try projects.orderBy([OrderTerm("-lead__username", nulls: .last)]).all().map(\.name) == ["Apollo", "Cygnus", "Borealis"])
            let tasks = ProjectTask.objects(on: connection)
            let ordered = try tasks.orderBy("-project__account__name", "project__name", "id").limit(3).all()
            #expect(ordered.map(\.title) == ["task 1", "task 4", "task 7"])
            // Ordering by a related column and selecting the same relation: one join.
            let (both, statements) = try QueryCapture.capture {
                try tasks.selectRelated("assignee").orderBy([OrderTerm("assignee__username", nulls: .first), OrderTerm("id")]).limit(2)
                    .all()
            }
            #expect(both.map(\.title) == ["task 1", "task 3"] && both.allSatisfy { $0.assignee == nil })
            #expect(statements.count == 1 && statements[0].components(separatedBy: "JOIN").count == 2)
            // Counting and pagination are unaffected by the joins.
            #expect(try tasks.orderBy("project__name").count() == 100)
            #expect(throws: ModelError.self) { try tasks.orderBy("tags__slug").all() }
            #expect(throws: FieldError.self) { try tasks.orderBy("project__nme").all() }
            #expect(throws: FieldError.self) { try tasks.selectRelated("tags").all() }
        }
    }

    @Test func manyToManyChangesRunInTheCallersTransaction() throws {
        try withModelsDatabase(schema: RelationSchema.sql) { connection, _ in
            let seed = try RelationSchema.seed(connection)
            let task = try ProjectTask.objects(on: connection).insert(["project": .int(seed.projects[0].id), "title": "t"])
            let tags = try task.related(\.tags, on: connection)
            func slugs() throws -> [String] { try tags.queryset.orderBy("slug").all().map(\.slug) }
            try tags.add([seed.tags[0], seed.tags[1]])
            try tags.add([seed.tags[0]])  // already there: ignored, as Django does
            #expect(try slugs() == ["backend", "urgent"])
            try tags.set([seed.tags[1], seed.tags[2]])
            #expect(try slugs() == ["backend", "frontend"])
            try tags.remove(keys: [.int(seed.tags[1].id), "999"])
            #expect(try slugs() == ["frontend"])
            struct Abandon: Error {}
            #expect(throws: Abandon.self) {
                try connection.transaction { _ in
                    try tags.clear()
                    try tags.set(keys: [.string(String(seed.tags[0].id))])
                    #expect(try slugs() == ["urgent"])
                    throw Abandon()
                }
            }
            #expect(try slugs() == ["frontend"])
            try tags.clear()
            #expect(try slugs() == [])
            #expect(throws: QueryValueError.self) { try tags.add(keys: ["not a key"]) }
            // The reverse relation's add sets the key column.
            let other = try ProjectTask.objects(on: connection).insert(["project": .int(seed.projects[1].id), "title": "moved"])
            try seed.projects[2].related(\.tasks, on: connection).add([other])
            #expect(try ProjectTask.objects(on: connection).get(pk: .int(other.id)).project.id == seed.projects[2].id)
        }
    }

    @Test func deletingFollowsOnDeleteCascadeAndSetNull() throws {
        try withModelsDatabase(schema: RelationSchema.sql) { connection, _ in
            let seed = try RelationSchema.seed(connection)
            _ = try Self.seedTasks(connection, seed)
            let tasks = ProjectTask.objects(on: connection)
            // SET NULL: grace's assignments and lead are cleared, the rows stay.
            let grace = seed.users[2]
            #expect(try tasks.filter(.field("assignee", .exact(.int(grace.id)))).count() == 25)
            try User.objects(on: connection).delete(grace)
            #expect(try tasks.count() == 100)
            #expect(try tasks.filter(.field("assignee", .exact(.int(grace.id)))).count() == 0)
            #expect(try tasks.filter(.field("assignee", .isNull(true))).count() == 75)
            #expect(try Project.objects(on: connection).get(pk: .int(seed.projects[0].id)).lead == nil)
            // CASCADE: the project's tasks go, and their rows in task_tags.
            let linksBefore: Int64 = try connection.query("SELECT count(*) FROM task_tags")[0][0]
            let apolloLinks: Int64 = try connection.query(
                "SELECT count(*) FROM task_tags JOIN tasks ON tasks.id = task_id WHERE project_id = $1", seed.projects[0].id)[0][0]
            #expect(apolloLinks > 0)
            try Project.objects(on: connection).delete(seed.projects[0])
            #expect(try tasks.count() == 66)
            #expect(try tasks.filter(.field("project", .exact(.int(seed.projects[0].id)))).count() == 0)
            let linksAfter: Int64 = try connection.query("SELECT count(*) FROM task_tags")[0][0]
            #expect(linksAfter == linksBefore - apolloLinks)
        }
    }
}
