import Foundation
import PostgreSQL
import RESTFramework
import RESTModels
import RESTTesting
import TestSupport
import Testing
@testable import srf_tutorial_todo_api

/// The README tutorial's application: in process against a database of its own (its table made
/// by the tutorial's migration), and as the built `todo-api` executable behind a real nginx.
@Suite(.needsTestsRun) struct TodoAPITests {
    static let migrations = NginxProcess.projectRoot + "/Tests/Tutorial/migrations"

    let databaseURL = TestEnvironment.databaseURL
    let migrations = TodoAPITests.migrations

    /// The README's "Test it": the test client on a schema of its own, the tutorial's migration applied.
    @Test func createAndComplete() throws {
        try TemporarySchema.with(url: databaseURL, migrations: migrations) { schema in
            let client = APIClient(try makeApplication(), database: schema.connection)

            let created = client.post("/api/todos/", data: ["title": "Write the tutorial"], format: .json)
            #expect(created.status == 201)
            #expect(created.json["done"] == false)

            let completed = client.post("/api/todos/1/complete/")
            #expect(completed.json["done"] == true)
            #expect(client.get("/api/todos/").json["count"] == 1)
            #expect(client.get("/api/todos/9/").json["detail"] == "No Todo matches the given query.")
        }
    }

    /// The tutorial's inferred serializer is the one it used to spell out field by field, and
    /// DRF's for `class Meta: model = Todo; fields = ["url", "id", "title", "done", "created"]`
    /// (title `CharField(max_length=200)`, done `BooleanField(default=False)`, created
    /// `DateTimeField(auto_now_add=True)`): OPTIONS and errors alike.
    @Test func theInferredSerializerIsTheExplicitOne() throws {
        final class ExplicitTodoSerializer: ModelSerializer<Todo> {
            override class var fields: [any SerializerField] {
                [HyperlinkedIdentityField("url", viewName: "todo-detail"),
                 IntegerField("id", readOnly: true),
                 CharField("title", maxLength: 200),
                 BooleanField("done", required: false),
                 DateTimeField("created", readOnly: true)]
            }
        }
        #expect(TodoSerializer.configurationProblems == [])
        #expect(TodoSerializer().fieldsMetadata == ExplicitTodoSerializer().fieldsMetadata)
        #expect(
            JSONWriter.renderString(TodoSerializer().fieldsMetadata)
                == #"{"url":{"type":"field","required":false,"read_only":true,"label":"Url"},"#
                + #""id":{"type":"integer","required":false,"read_only":true,"label":"ID"},"#
                + #""title":{"type":"string","required":true,"read_only":false,"label":"Title","max_length":200},"#
                + #""done":{"type":"boolean","required":false,"read_only":false,"label":"Done"},"#
                + #""created":{"type":"datetime","required":false,"read_only":true,"label":"Created"}}"#)
        let long = JSON.string(String(repeating: "x", count: 201))
        let inferred = TodoSerializer(data: ["title": long, "done": "maybe"])
        let explicit = ExplicitTodoSerializer(data: ["title": long, "done": "maybe"])
        #expect(try !inferred.isValid() && !explicit.isValid())
        #expect(inferred.errors == explicit.errors)
        #expect(inferred.errors == ["title": ["Ensure this field has no more than 200 characters."], "done": ["Must be a valid boolean."]])
    }

    /// The README's model check: the model against the tutorial's migration.
    @Test func modelsMatchTheMigrations() throws {
        try TemporarySchema.with(url: databaseURL, migrations: migrations) { schema in
            try schema.assertModelsMatch([Todo.self])
        }
    }

    @Test func listCreateAndCompleteInProcess() throws {
        let schema = try TemporarySchema(url: databaseURL, migrations: migrations)
        defer { try? schema.drop() }
        let client = APIClient(try makeApplication(), database: schema.connection, defaultFormat: .json)

        #expect(client.get("/api/todos/").text == #"{"count":0,"next":null,"previous":null,"results":[]}"#)

        let created = client.generic(.post, "/api/todos/", body: #"{"title":"Write the tutorial"}"#, contentType: "application/json")
        #expect(created.status == 201)
        #expect(created.text.hasPrefix(#"{"url":"http://testserver/api/todos/1/","id":1,"title":"Write the tutorial","done":false,"created":""#))
        #expect(created.headers["Location"] == "http://testserver/api/todos/1/")

        let invalid = client.post("/api/todos/", data: ["title": ""])
        #expect(invalid.status == 400 && invalid.text == #"{"title":["This field may not be blank."]}"#)

        let completed = client.post("/api/todos/1/complete/")
        #expect(completed.status == 200)
        #expect(completed.text.hasPrefix(#"{"url":"http://testserver/api/todos/1/","id":1,"title":"Write the tutorial","done":true,"#))
        #expect(client.post("/api/todos/2/complete/").text == #"{"detail":"No Todo matches the given query."}"#)
        #expect(client.get("/api/todos/1/complete/").status == 405)

        let list = client.get("/api/todos/")
        #expect(list.text.hasPrefix(#"{"count":1,"next":null,"previous":null,"results":[{"url":"http://testserver/api/todos/1/","id":1,"title":"Write the tutorial","done":true,"#))
        #expect(client.get("/api/").text == #"{"todos":"http://testserver/api/todos/"}"#)
    }

    /// "Run it behind nginx": the built executable (the tutorial's todo-api), migrated with its own `migrate`.
    @Test func servedBehindNginx() throws {
        let stack = try APIStack(
            executable: "srf-tutorial-todo-api", migrations: Self.migrations, migrateWithExecutable: true, arguments: ["--workers", "2"])
        defer { stack.stop() }
        let origin = "http://127.0.0.1:\(stack.port)"
        let created = try stack.send("POST", "/api/todos/", headers: [("Content-Type", "application/json")],
                                     body: #"{"title":"Buy milk"}"#)
        #expect(created.status == 201, "\(created.text) \(stack.server.log)")
        #expect(created.text.hasPrefix(#"{"url":""# + origin + #"/api/todos/1/","id":1,"title":"Buy milk","done":false,"created":""#))
        let completed = try stack.send("POST", "/api/todos/1/complete/")
        #expect(completed.text.contains(#""done":true"#))
        let list = try stack.send("GET", "/api/todos/?format=json")
        #expect(list.status == 200 && list.header("content-type") == "application/json")
        #expect(list.text.hasPrefix(#"{"count":1,"next":null,"previous":null,"results":[{"url":""# + origin + #"/api/todos/1/?format=json""#))
        #expect(try stack.send("GET", "/api/todos").header("location") == "/api/todos/")
    }
}

/// The tutorial's binary as `manage.py`: `migrate`, `migrate check`, `migrate plan`, `check` and
/// `routes`, as the README runs them (here the folder is named, the README's default `./migrations`).
@Suite(.needsTestsRun) struct TodoAPICommandTests {
    @Test func theBinaryMigratesChecksAndPrintsItsRoutes() throws {
        let database = try TemporaryDatabase(prefix: "todo")
        defer { database.drop() }
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = database.url
        let folder = TodoAPITests.migrations
        func todoAPI(_ arguments: [String]) throws -> Subprocess.Result {
            let folderOption = arguments.first == "check" ? ["--migrations-dir", folder] : arguments.first == "migrate" ? ["--dir", folder] : []
            return try Subprocess.run(TestEnvironment.executable("srf-tutorial-todo-api"), arguments + folderOption, environment: environment)
        }
        let pending = try todoAPI(["check"])
        #expect(pending.status == 1 && pending.stderr.contains("1 migration(s) pending: run migrate"), "\(pending.stderr)")
        #expect(try todoAPI(["migrate", "check"]).status == 1)
        #expect(try todoAPI(["migrate", "plan"]).stdout == "0001_todos.sql\n")
        let applied = try todoAPI(["migrate"])
        #expect(applied.status == 0 && applied.stdout.hasPrefix("applied 0001_todos.sql ("), "\(applied.stderr)")
        #expect(try todoAPI(["migrate", "check"]).status == 0)
        let check = try todoAPI(["check"])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout.contains("todo-api: models: 1 match the database"), "\(check.stdout)")
        #expect(check.stdout.hasSuffix("todo-api: check passed\n"))
        let routes = try todoAPI(["routes"])
        let table = try makeApplication().urls.routeTable
        #expect(routes.status == 0 && routes.stdout == table + "\n")
    }
}

/// Needs no database: runs in a plain `swift test` too.
@Suite struct TutorialRouteTableTests {
    /// The tutorial's route table, as the README prints it (its only ```text block).
    @Test func routeTableAsTheReadmePrintsIt() throws {
        let table = try makeApplication().urls.routeTable
        let readme = try String(contentsOfFile: NginxProcess.projectRoot + "/README.md", encoding: .utf8)
        let printed = Snippets.blocks(in: Snippets.section("## Tutorial", of: readme) ?? "").first { $0.language == "text" }
        #expect(printed?.text == table, "the README's route table should read:\n\(table)")
    }
}
