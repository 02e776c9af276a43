import Foundation
import PostgreSQL
import RESTFramework
import RESTModels
import TestSupport
import Testing
@testable import srf_tutorial_todo_api

/// The README tutorial's application: in process against a database of its own (its table made
/// by the tutorial's migration), and as the built `todo-api` executable behind a real nginx.
@Suite struct TodoAPITests {
    static let migrations = NginxProcess.projectRoot + "/Tests/Tutorial/migrations"

    /// Sends requests to the application in process, on one connection, as a worker would.
    struct Client {
        let app: Application
        let connection: Connection

        func send(_ method: HTTPMethod, _ path: String, json: String? = nil) -> (status: Int, text: String, headers: Headers) {
            var headers: Headers = ["Host": "testserver"]
            if json != nil { headers["Content-Type"] = "application/json" }
            let request = Request(method: method, path: path, headers: headers, body: Array((json ?? "").utf8))
            request.extensions[DatabaseKey.self] = connection
            let rendered = app.handle(request)
            return (rendered.status, String(decoding: rendered.body, as: UTF8.self), rendered.headers)
        }
    }

    @Test func listCreateAndCompleteInProcess() throws {
        let database = try TemporaryDatabase(prefix: "todo")
        defer { database.drop() }
        let connection = try Connection(url: database.url)
        try connection.executeScript(String(contentsOfFile: Self.migrations + "/0001_todos.sql", encoding: .utf8))
        let client = Client(app: try makeApplication(), connection: connection)

        #expect(client.send(.get, "/api/todos/").text == #"{"count":0,"next":null,"previous":null,"results":[]}"#)

        let created = client.send(.post, "/api/todos/", json: #"{"title":"Write the tutorial"}"#)
        #expect(created.status == 201)
        #expect(created.text.hasPrefix(#"{"url":"http://testserver/api/todos/1/","id":1,"title":"Write the tutorial","done":false,"created":""#))
        #expect(created.headers["Location"] == "http://testserver/api/todos/1/")

        let invalid = client.send(.post, "/api/todos/", json: #"{"title":""}"#)
        #expect(invalid.status == 400 && invalid.text == #"{"title":["This field may not be blank."]}"#)

        let completed = client.send(.post, "/api/todos/1/complete/")
        #expect(completed.status == 200)
        #expect(completed.text.hasPrefix(#"{"url":"http://testserver/api/todos/1/","id":1,"title":"Write the tutorial","done":true,"#))
        #expect(client.send(.post, "/api/todos/2/complete/").text == #"{"detail":"No Todo matches the given query."}"#)
        #expect(client.send(.get, "/api/todos/1/complete/").status == 405)

        let list = client.send(.get, "/api/todos/")
        #expect(list.text.hasPrefix(#"{"count":1,"next":null,"previous":null,"results":[{"url":"http://testserver/api/todos/1/","id":1,"title":"Write the tutorial","done":true,"#))
        #expect(client.send(.get, "/api/").text == #"{"todos":"http://testserver/api/todos/"}"#)
    }

    /// The tutorial's route table, as the README prints it (its only ```text block).
    @Test func routeTableAsTheReadmePrintsIt() throws {
        let table = try makeApplication().urls.routeTable
        let readme = try String(contentsOfFile: NginxProcess.projectRoot + "/README.md", encoding: .utf8)
        let printed = Snippets.blocks(in: Snippets.section("## Tutorial", of: readme) ?? "").first { $0.language == "text" }
        #expect(printed?.text == table, "the README's route table should read:\n\(table)")
    }

    /// "Run it behind nginx": the built executable (the tutorial's todo-api), migrated with the real `migrate`.
    @Test func servedBehindNginx() throws {
        let stack = try APIStack(executable: "srf-tutorial-todo-api", migrations: Self.migrations, arguments: ["--workers", "2"])
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
