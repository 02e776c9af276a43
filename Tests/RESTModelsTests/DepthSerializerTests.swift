import PostgreSQL
import RESTFramework
import RESTModels
import RESTTesting
import TestSupport
import Testing

/// DRF: `class Meta: model = Task; fields = ["id", "project", "title", "tags"]; depth = 2`.
final class DepthTwoTaskSerializer: ModelSerializer<ProjectTask> {
    override class var modelFields: ModelFieldSelection? { ["id", "project", "title", "tags"] }
    override class var depth: Int { 2 }
}

final class DepthTwoTaskViewSet: ModelViewSet<QuerySet<ProjectTask>> {
    override class var queryset: QuerySet<ProjectTask>? { ProjectTask.objects.orderBy("id") }
    override class var serializerClass: Serializer.Type? { DepthTwoTaskSerializer.self }
}

/// DRF: `HyperlinkedModelSerializer` with `fields = ["url", "project", "title"]`.
final class LinkedTaskSerializer: HyperlinkedModelSerializer<ProjectTask> {
    override class var modelFields: ModelFieldSelection? { ["url", "project", "title"] }
}

final class LinkedTaskViewSet: ModelViewSet<QuerySet<ProjectTask>> {
    override class var queryset: QuerySet<ProjectTask>? { ProjectTask.objects.orderBy("id") }
    override class var serializerClass: Serializer.Type? { LinkedTaskSerializer.self }
}

/// `ModelSerializer.depth` on the real PostgreSQL: the nested rows of a list come with the page
/// (the view reads `relatedPaths`), never a query per row.
@Suite(.needsTestsRun) struct DepthSerializerTests {
    /// DRF (select_related("project__account", "project__lead"), prefetch_related("tags")) renders
    /// `{"id": 1, "project": {"id": 1, "name": "Apollo", "account": {"id": 1, "name": "Acme", ...},
    /// "lead": {"id": 3, "username": "grace", ...}}, "title": "task 0", "tags": [{"id": 2,
    /// "slug": "backend", "name": "Backend"}, ...]}`; the statements do not grow with the page.
    @Test func aDepthTwoListReadsTheNestedRowsWithThePage() throws {
        try withModelsDatabase(schema: RelationSchema.sql) { connection, _ in
            let seed = try RelationSchema.seed(connection)
            _ = try RelationsTests.seedTasks(connection, seed)
            #expect(DepthTwoTaskSerializer.configurationProblems == [])
            #expect(DepthTwoTaskSerializer.relatedPaths == ["project", "project__account", "project__lead", "tags"])
            var counts: [Int] = []
            for pageSize in [10, 100] {
                var router = DefaultRouter()
                try router.register("tasks", DepthTwoTaskViewSet.self, basename: "task")
                var settings = APISettings()
                settings.pageSize = pageSize
                settings.paginationClass = { PageNumberPagination() }
                let app = Application(urls: try URLConf([.include("api/", router)]), settings: settings)
                let client = APIClient(app, database: connection)
                client.forceAuthenticate(user: seed.users[0])
                let (response, statements) = try QueryCapture.capture { client.get("/api/tasks/") }
                #expect(response.status == 200)
                let results = response.json["results"]?.arrayValue ?? []
                #expect(results.count == pageSize)
                counts.append(statements.count)
                let first = results.first
                #expect(first?["title"] == "task 0")
                #expect(first?["project"]?["id"] == .int(seed.projects[0].id))
                #expect(first?["project"]?["name"] == "Apollo")
                #expect(first?["project"]?["account"]?["name"] == "Acme")
                #expect(first?["project"]?["account"]?["owner"] == .int(seed.users[0].id))
                #expect(first?["project"]?["lead"]?["username"] == "grace")
                #expect(first?["tags"]?.arrayValue?.compactMap { $0["slug"]?.stringValue } == ["backend", "frontend", "urgent"])
                #expect(first?["tags"]?.arrayValue?.first?["name"] == "Backend")
                // Borealis has no lead: null, as DRF renders a nested serializer of no row.
                #expect(results[1]["project"]?["lead"] == .null)
            }
            #expect(counts[0] == counts[1] && counts[1] <= 3, "\(counts)")
        }
    }

    /// DRF 3.18.3 renders `{"url": "http://testserver/api/tasks/1/", "project":
    /// "http://testserver/api/projects/1/", "title": "task 0"}` and takes the project as a link
    /// (201), refusing another route's with its message.
    @Test func hyperlinkedModelSerializerRendersAndTakesLinks() throws {
        try withModelsDatabase(schema: RelationSchema.sql) { connection, _ in
            let seed = try RelationSchema.seed(connection)
            let tasks = try RelationsTests.seedTasks(connection, seed)
            var router = DefaultRouter()
            try router.register("projects", RelatedProjectViewSet.self, basename: "project")
            try router.register("tasks", LinkedTaskViewSet.self, basename: "task")
            let app = Application(urls: try URLConf([.include("api/", router)]), settings: APISettings())
            let client = APIClient(app, database: connection)
            client.forceAuthenticate(user: seed.users[0])
            let project = "http://testserver/api/projects/\(seed.projects[0].id)/"

            let one = client.get("/api/tasks/\(tasks[0].id)/")
            #expect(one.status == 200)
            #expect(
                one.text == #"{"url":"http://testserver/api/tasks/\#(tasks[0].id)/","project":"\#(project)","title":"task 0"}"#)

            let created = client.post("/api/tasks/", data: ["project": .string(project), "title": "linked"], format: .json)
            #expect(created.status == 201, "\(created.text)")
            #expect(created.json["project"] == .string(project))
            #expect(created.json["title"] == "linked")

            let wrong = client.post("/api/tasks/", data: ["project": "http://testserver/api/tasks/1/", "title": "x"], format: .json)
            #expect(wrong.text == #"{"project":["Invalid hyperlink - Incorrect URL match."]}"#)
            #expect(wrong.status == 400)
        }
    }
}
