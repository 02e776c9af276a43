import PostgreSQL
import RESTFramework
import RESTModels
import TestSupport
import Testing

/// A ModelViewSet over a real table, driven through `Application.handle` with the connection
/// attached to each request.
@Suite(.needsTestsRun) struct WidgetViewSetTests {
    static func widget(_ id: Int, _ name: String, ownerID: Int? = nil, owner: String? = nil) -> String {
        let ownerIDText = ownerID.map(String.init) ?? "null"
        let ownerText = owner.map { "\"\($0)\"" } ?? "null"
        return
            #"{"url":"http://testserver/api/widgets/\#(id)/","id":\#(id),"name":"\#(name)","owner_id":\#(ownerIDText),"owner":\#(ownerText)}"#
    }

    @Test func crudThroughTheRouter() throws {
        try withModelsDatabase(schema: Widget.schema) { connection, _ in
            try seedUsers(connection)
            let api = try WidgetsAPI(connection: connection, pageSize: 2)

            let created = api.send(.post, "/api/widgets/", json: #"{"name":"gear","owner_id":1}"#)
            #expect(created.status == 201)
            #expect(created.text == Self.widget(1, "gear", ownerID: 1, owner: "ada"))
            #expect(created.headers["Location"] == "http://testserver/api/widgets/1/")
            _ = api.send(.post, "/api/widgets/", json: #"{"name":"cog"}"#)
            _ = api.send(.post, "/api/widgets/", json: #"{"name":"bolt","owner_id":"3"}"#)

            let list = api.send(.get, "/api/widgets/")
            #expect(list.status == 200)
            #expect(
                list.text == #"{"count":3,"next":"http://testserver/api/widgets/?page=2","previous":null,"results":["#
                    + Self.widget(1, "gear", ownerID: 1, owner: "ada") + "," + Self.widget(2, "cog") + "]}")
            #expect(
                api.send(.get, "/api/widgets/", query: "page=2").text
                    == #"{"count":3,"next":null,"previous":"http://testserver/api/widgets/","results":["#
                    + Self.widget(3, "bolt", ownerID: 3, owner: "grace") + "]}")

            #expect(api.send(.get, "/api/widgets/3/").text == Self.widget(3, "bolt", ownerID: 3, owner: "grace"))
            let missing = api.send(.get, "/api/widgets/99/")
            #expect(missing.status == 404 && missing.text == #"{"detail":"No Widget matches the given query."}"#)
            #expect(api.send(.get, "/api/widgets/99999999999999999999/").text == #"{"detail":"No Widget matches the given query."}"#)
            let notInteger = api.send(.get, "/api/widgets/abc/")
            #expect(notInteger.status == 404 && notInteger.text == #"{"detail":"Not found."}"#)

            let duplicate = api.send(.post, "/api/widgets/", json: #"{"name":"cog"}"#)
            #expect(duplicate.status == 400 && duplicate.text == #"{"name":["A widget with that name already exists."]}"#)
            let badOwner = api.send(.post, "/api/widgets/", json: #"{"name":"x","owner_id":99}"#)
            #expect(badOwner.text == #"{"owner_id":["Invalid pk \"99\" - object does not exist."]}"#)

            let put = api.send(.put, "/api/widgets/2/", json: #"{"name":"sprocket","owner_id":2}"#)
            #expect(put.status == 200 && put.text == Self.widget(2, "sprocket", ownerID: 2, owner: "alan"))
            let patch = api.send(.patch, "/api/widgets/2/", json: #"{"owner_id":null}"#)
            #expect(patch.text == Self.widget(2, "sprocket"))
            #expect(api.send(.patch, "/api/widgets/2/", json: #"{"name":"sprocket"}"#).status == 200)
            #expect(api.send(.patch, "/api/widgets/2/", json: #"{"name":"gear"}"#).status == 400)

            let deleted = api.send(.delete, "/api/widgets/2/")
            #expect(deleted.status == 204 && deleted.text.isEmpty)
            #expect(api.send(.get, "/api/widgets/2/").status == 404)
            #expect(try Widget.objects(on: connection).ids().sorted() == [1, 3])

            #expect(api.send(.get, "/api/widgets/owners/").text == #"["ada","grace"]"#)
            #expect(api.errors.lines.isEmpty)
        }
    }

    @Test func aListPageCostsTheSameQueriesForOneRowAndFifty() throws {
        try withModelsDatabase(schema: Widget.schema) { connection, _ in
            try seedUsers(connection)
            let api = try WidgetsAPI(connection: connection, pageSize: 100)
            _ = try Widget.objects(on: connection).insert(["name": "w0", "owner_id": 1])
            let (one, oneStatements) = QueryCapture.capture { api.send(.get, "/api/widgets/") }
            #expect(one.status == 200)
            for index in 1..<50 {
                _ = try Widget.objects(on: connection).insert(["name": .string("w\(index)"), "owner_id": .int(Int64(index % 4 + 1))])
            }
            let (fifty, fiftyStatements) = QueryCapture.capture { api.send(.get, "/api/widgets/") }
            #expect(fifty.text.hasPrefix(#"{"count":50,"#))
            // count(*) and one SELECT with the owners' names in it, whatever the page's size.
            #expect(oneStatements.count == 2)
            #expect(fiftyStatements == oneStatements)
            #expect(fiftyStatements.last?.contains("SELECT username FROM users") == true)

            let (_, detailStatements) = QueryCapture.capture { api.send(.get, "/api/widgets/7/") }
            #expect(detailStatements.count == 1)
            // Create: the unique check, the related lookup, one INSERT ... RETURNING.
            let (_, createStatements) = QueryCapture.capture { api.send(.post, "/api/widgets/", json: #"{"name":"new","owner_id":2}"#) }
            #expect(createStatements.count == 3)
        }
    }

    @Test func countStrategiesOfThePaginator() throws {
        try withModelsDatabase(schema: Widget.schema) { connection, _ in
            for index in 0..<25 { _ = try Widget.objects(on: connection).insert(["name": .string("w\(index)")]) }
            try connection.executeScript("ANALYZE widgets")
            let estimated = try WidgetsAPI(connection: connection, countStrategy: .estimated)
            let (page, statements) = QueryCapture.capture { estimated.send(.get, "/api/widgets/", query: "page=2") }
            #expect(page.text.hasPrefix(#"{"count":25,"next":"http://testserver/api/widgets/?page=3","#))
            #expect(statements.first?.contains("pg_class") == true && statements.count == 2)
            let uncounted = try WidgetsAPI(connection: connection, countStrategy: .none)
            let (last, lastStatements) = QueryCapture.capture { uncounted.send(.get, "/api/widgets/", query: "page=3") }
            #expect(last.text.hasPrefix(#"{"count":null,"next":null,"previous":"http://testserver/api/widgets/?page=2","#))
            #expect(lastStatements.count == 1)
        }
    }

    @Test func anOutageIsA503AndARequestWithoutAConnectionToo() throws {
        // A connection to a server that goes away: this test's own database is dropped and its
        // sessions terminated, so no other test sees the outage.
        let database = try TemporaryDatabase(prefix: "models")
        defer { database.drop() }
        let connection = try Connection(url: database.url)
        try connection.executeScript(Widget.schema)
        let api = try WidgetsAPI(connection: connection)
        #expect(api.send(.get, "/api/widgets/").status == 200)

        let admin = try Connection(url: TestEnvironment.databaseURL)
        try admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1", database.name)
        try admin.executeScript("DROP DATABASE \"\(database.name)\"")
        for _ in 0..<2 {
            let response = api.send(.get, "/api/widgets/")
            #expect(response.status == 503)
            #expect(response.text == #"{"detail":"Service temporarily unavailable, try again later."}"#)
        }
        #expect(api.errors.lines.isEmpty)

        let unattached = api.send(.get, "/api/widgets/", attach: false)
        #expect(unattached.status == 503)
    }
}
