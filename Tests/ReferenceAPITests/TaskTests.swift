import Foundation
import PostgreSQL
import ReferenceAPI
import RESTFramework
import RESTModels
import RESTTesting
import TestSupport
import Testing

/// `tasks` (reference-api-2.md) on the demo data: the serializer's fields and links, the
/// filters, search and ordering, the writes and who may make them. The projects viewset is
/// another part of the issue, so these tests route `TaskViewSet` beside a read-only projects
/// route of their own, which is all a task's `project` link needs (`project-detail`).
///
/// Demo tasks: 1-3 of "Difference Engine No. 2" and 4 of "Jacquard cards" (account Analytical
/// Engine: ada admin, alan member, grace admin), 5-6 of "Bombe" (Bletchley Park: alan admin,
/// ada member), 7-8 of "Compiler A-0" (Harvard Mark I: grace alone).
@Suite(.needsTestsRun) struct TaskTests {
    /// `project-detail` for the links: projects by UUID, nothing else.
    final class ProjectLinkViewSet: ReadOnlyModelViewSet<QuerySet<Project>> {
        override class var queryset: QuerySet<Project>? { Project.objects.orderBy("name") }
        override class var serializerClass: Serializer.Type? { ProjectLinkSerializer.self }
    }

    final class ProjectLinkSerializer: ModelSerializer<Project> {
        override class var modelFields: ModelFieldSelection? { ["url", "name"] }
    }

    struct Loaded {
        let client: APIClient
        let connection: Connection
        let schema: TemporarySchema
        let tokens: [String: String]

        func send(_ method: HTTPMethod, _ target: String, as user: String, json: String? = nil) -> TestResponse {
            client.generic(
                method, target, body: Array((json ?? "").utf8), contentType: json == nil ? nil : "application/json",
                headers: Headers([("Authorization", "Token " + (tokens[user] ?? ""))]))
        }

        func project(_ name: String) throws -> String {
            try Project.objects(on: connection).filter(.field("name", .exact(.string(name)))).get().id.uuidString.lowercased()
        }

        func ids(_ target: String, as user: String = "ada") throws -> [Int] {
            let reply = send(.get, target, as: user)
            guard reply.status == 200, let object = try JSONSerialization.jsonObject(with: Data(reply.body)) as? [String: Any],
                let results = object["results"] as? [[String: Any]]
            else { throw TestSupportError("\(target): \(reply.status) \(reply.text)") }
            return results.compactMap { $0["id"] as? Int }
        }
    }

    static func loaded() throws -> Loaded {
        let schema = try TemporarySchema(url: TestEnvironment.databaseURL, migrations: NginxProcess.projectRoot + "/migrations")
        let configuration = ReferenceConfiguration(passwordIterations: 3)
        let report = try DemoData.load(with: ReferenceAdmin(connection: schema.connection, configuration: configuration))
        var router = DefaultRouter()
        try router.register("projects", ProjectLinkViewSet.self, basename: "project")
        try router.register("tasks", TaskViewSet.self, basename: "task")
        let app = Application(
            urls: try URLConf([.include("api/", router)]), settings: ReferenceAPI.settings(configuration: configuration))
        var tokens = Dictionary(uniqueKeysWithValues: report.tokens.map { ($0.username, $0.key) })
        tokens["admin"] = report.adminToken
        return Loaded(client: APIClient(app, database: schema.connection), connection: schema.connection, schema: schema, tokens: tokens)
    }

    @Test func aTaskReadsWithItsLinksTagsInSlugOrderAndDjangosFormats() throws {
        let api = try Self.loaded()
        defer { try? api.schema.drop() }
        let engine = try api.project("Difference Engine No. 2")
        let first =
            #"{"url":"http://testserver/api/tasks/1/","id":1,"project":"http://testserver/api/projects/\#(engine)/","#
            + #""project_name":"Difference Engine No. 2","title":"Cast the gear wheels","assignee":"grace","#
            + #""tags":["backend","urgent"],"priority":1,"priority_display":"high","done":false,"due":"2026-02-01","#
            + #""estimate":"2 04:00:00","created":"<dt>"}"#
        let detail = api.send(.get, "/api/tasks/1/", as: "ada")
        #expect(detail.status == 200 && detail.text.maskingDatetimes == first)
        let list = api.send(.get, "/api/tasks/", as: "ada")
        #expect(list.text.maskingDatetimes.hasPrefix(#"{"count":6,"next":null,"previous":null,"results":["# + first + ","))
        // Another account's task is not found; a member reads without admin rights.
        #expect(api.send(.get, "/api/tasks/7/", as: "ada").text == #"{"detail":"No Task matches the given query."}"#)
        #expect(try api.ids("/api/tasks/", as: "grace") == [1, 2, 3, 4, 7, 8])
        #expect(api.send(.get, "/api/tasks/", as: "").status == 401)
    }

    @Test func filtersSearchAndOrdering() throws {
        let api = try Self.loaded()
        defer { try? api.schema.drop() }
        #expect(try api.ids("/api/tasks/?tags__slug=urgent") == [1, 6])
        #expect(try api.ids("/api/tasks/?priority__in=1,3") == [1, 3, 5])
        #expect(try api.ids("/api/tasks/?priority=2&done=true") == [2, 6])
        #expect(try api.ids("/api/tasks/?due__isnull=true") == [3, 6])
        #expect(try api.ids("/api/tasks/?due__gte=2026-01-01&due__lte=2026-02-01") == [1, 2])
        #expect(try api.ids("/api/tasks/?assignee__username=alan") == [4, 5])
        #expect(try api.ids("/api/tasks/?project=\(try api.project("Bombe"))") == [5, 6])
        #expect(try api.ids("/api/tasks/?search=bombe") == [5, 6])
        #expect(try api.ids("/api/tasks/?search=the deck") == [4])
        #expect(try api.ids("/api/tasks/?ordering=-due&due__isnull=false") == [4, 1, 2, 5])
        #expect(try api.ids("/api/tasks/?ordering=title") == [1, 2, 4, 6, 5, 3])
        let bad = api.send(.get, "/api/tasks/?priority=9&due__gte=x&project=abc", as: "ada")
        #expect(
            bad.status == 400
                && bad.text
                    == #"{"priority":["Select a valid choice. 9 is not one of the available choices."],"due__gte":["Enter a valid date."],"project":["“abc” is not a valid UUID."]}"#
        )
    }

    @Test func writesAreForAdminsOfTheTasksAccount() throws {
        let api = try Self.loaded()
        defer { try? api.schema.drop() }
        let engine = try api.project("Difference Engine No. 2"), bombe = try api.project("Bombe")
        let made = api.send(
            .post, "/api/tasks/", as: "ada",
            json: #"{"project":"https://elsewhere.example/api/projects/\#(engine.uppercased())/","title":"Gears","#
                + #""tags":["urgent","docs","urgent"],"assignee":"alan","estimate":"P1DT2H"}"#)
        #expect(made.status == 201)
        #expect(
            made.text.maskingDatetimes
                == #"{"url":"http://testserver/api/tasks/9/","id":9,"project":"http://testserver/api/projects/\#(engine)/","#
                + #""project_name":"Difference Engine No. 2","title":"Gears","assignee":"alan","tags":["docs","urgent"],"#
                + #""priority":2,"priority_display":"normal","done":false,"due":null,"estimate":"1 02:00:00","created":"<dt>"}"#)
        // ada only reads Bombe's tasks: the link is no project of hers to write, the task no task to change.
        let refused = api.send(.post, "/api/tasks/", as: "ada", json: #"{"project":"/api/projects/\#(bombe)/","title":"x"}"#)
        #expect(refused.status == 400 && refused.text == #"{"project":["Invalid hyperlink - Object does not exist."]}"#)
        let forbidden = api.send(.patch, "/api/tasks/5/", as: "ada", json: #"{"title":"x"}"#)
        #expect(forbidden.status == 403 && forbidden.text == #"{"detail":"You do not have permission to perform this action."}"#)
        let errors = api.send(
            .post, "/api/tasks/", as: "ada",
            json: #"{"project":"/api/tasks/1/","title":"","assignee":"zed","tags":"urgent","priority":"high"}"#)
        #expect(
            errors.text
                == #"{"project":["Invalid hyperlink - Incorrect URL match."],"title":["This field may not be blank."],"assignee":["Object with username=zed does not exist."],"tags":["Expected a list of items but got type \"str\"."],"priority":["\"high\" is not a valid choice."]}"#
        )
        // A write of tags replaces them; PUT without tags keeps them.
        let patched = api.send(.patch, "/api/tasks/1/", as: "ada", json: #"{"tags":["research"],"assignee":null}"#)
        #expect(patched.status == 200 && patched.text.contains(#""assignee":null,"tags":["research"],"#))
        let put = api.send(.put, "/api/tasks/1/", as: "ada", json: #"{"project":"/api/projects/\#(engine)/","title":"Cast"}"#)
        #expect(put.status == 200 && put.text.contains(#""title":"Cast","assignee":null,"tags":["research"],"#))
        #expect(api.send(.delete, "/api/tasks/1/", as: "alan").status == 403)
        #expect(api.send(.delete, "/api/tasks/1/", as: "ada").status == 204)
        #expect(try Task.objects(on: api.connection).count() == 8)
    }
}
