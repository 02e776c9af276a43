import PostgreSQL
import RESTFramework
import RESTModels
import TestSupport
import Testing

/// Database errors answer for themselves: an application that never installs an exception
/// handler (these settings leave `exceptionHandler` alone) answers a lost connection used
/// directly with 503, and leaves the other database errors as they were.
@Suite struct DefaultExceptionHandlerTests {
    /// Raw SQL on the request's connection (no queryset to translate the error), and errors
    /// raised as a view would meet them.
    final class RawViewSet: ViewSet {
        override class var extraActions: [ExtraAction] {
            [
                .action("raw_count", detail: false) { (view: RawViewSet, request) in
                    let result = try request.database.query("SELECT count(*) FROM widgets")
                    return Response(["rows": .int(Int64(result.count))])
                },
                .action("lost", detail: false) { (view: RawViewSet, request) in
                    throw PostgresError(kind: .connection, message: "server closed the connection unexpectedly")
                },
                .action("duplicate", detail: false) { (view: RawViewSet, request) in
                    throw PostgresError(kind: .server, sqlState: "23505", message: "duplicate key value violates unique constraint")
                },
                .action("missing", detail: false) { (view: RawViewSet, request) in
                    throw ModelError.doesNotExist(model: "Widget")
                },
            ]
        }
    }

    struct API {
        let app: Application
        let errors = ErrorLines()

        init() throws {
            var router = DefaultRouter()
            try router.register("raw", RawViewSet.self, basename: "raw")
            try router.register("widgets", WidgetViewSet.self)
            var settings = APISettings()
            let errors = self.errors
            settings.errorLog = { errors.append($0) }
            app = Application(urls: try URLConf([.include("api/", router)]), settings: settings)
        }

        func send(_ method: HTTPMethod, _ path: String, json: String? = nil, connection: Connection? = nil) -> (status: Int, text: String) {
            var headers: Headers = ["Host": "testserver"]
            if json != nil { headers["Content-Type"] = "application/json" }
            let request = Request(method: method, path: path, headers: headers, body: Array((json ?? "").utf8))
            if let connection { request.extensions[DatabaseKey.self] = connection }
            let rendered = app.handle(request)
            return (rendered.status, String(decoding: rendered.body, as: UTF8.self))
        }
    }

    @Test func aLostConnectionIsA503WithoutAnInstalledHandler() throws {
        let api = try API()
        let response = api.send(.get, "/api/raw/lost/")
        #expect(response.status == 503)
        #expect(response.text == #"{"detail":"Service temporarily unavailable, try again later."}"#)
        #expect(api.errors.lines.isEmpty)
    }

    @Test func otherDatabaseAndModelErrorsAreStill500s() throws {
        let api = try API()
        for path in ["/api/raw/duplicate/", "/api/raw/missing/"] {
            let response = api.send(.get, path)
            #expect(response.status == 500)
            #expect(response.text == #"{"detail":"A server error occurred."}"#)
        }
        #expect(api.errors.lines.count == 2)
    }

    @Test func aDroppedDatabaseUsedDirectlyIsA503AndAUniqueViolationStillA400() throws {
        let database = try TemporaryDatabase(prefix: "models")
        defer { database.drop() }
        let connection = try Connection(url: database.url)
        try connection.executeScript(Widget.schema)
        let api = try API()
        #expect(api.send(.post, "/api/widgets/", json: #"{"name":"cog"}"#, connection: connection).status == 201)
        let duplicate = api.send(.post, "/api/widgets/", json: #"{"name":"cog"}"#, connection: connection)
        #expect(duplicate.status == 400)
        #expect(duplicate.text == #"{"name":["A widget with that name already exists."]}"#)
        #expect(api.send(.get, "/api/raw/raw_count/", connection: connection).text == #"{"rows":1}"#)

        let admin = try Connection(url: TestEnvironment.databaseURL)
        try admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1", database.name)
        try admin.executeScript("DROP DATABASE \"\(database.name)\"")
        let lost = api.send(.get, "/api/raw/raw_count/", connection: connection)
        #expect(lost.status == 503)
        #expect(lost.text == #"{"detail":"Service temporarily unavailable, try again later."}"#)
        #expect(api.errors.lines.isEmpty)
    }
}
