import PostgreSQL
import RESTFramework
import RESTModels
import RESTTesting
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

        /// A client of this app; with `connection`, attached to every request as a server does.
        func client(_ connection: Connection? = nil) -> APIClient {
            connection.map { APIClient(app, database: $0, defaultFormat: .json) } ?? APIClient(app, defaultFormat: .json)
        }
    }

    @Test func aLostConnectionIsA503WithoutAnInstalledHandler() throws {
        let api = try API()
        let response = api.client().get("/api/raw/lost/")
        #expect(response.status == 503)
        #expect(response.text == #"{"detail":"Service temporarily unavailable, try again later."}"#)
        #expect(api.errors.lines.isEmpty)
    }

    @Test func otherDatabaseAndModelErrorsAreStill500s() throws {
        let api = try API()
        for path in ["/api/raw/duplicate/", "/api/raw/missing/"] {
            let response = api.client().get(path)
            #expect(response.status == 500)
            #expect(response.text == #"{"detail":"A server error occurred."}"#)
        }
        #expect(api.errors.lines.count == 2)
    }

    @Test(.needsTestsRun) func aDroppedDatabaseUsedDirectlyIsA503AndAUniqueViolationStillA400() throws {
        let database = try TemporaryDatabase(prefix: "models")
        defer { database.drop() }
        let connection = try Connection(url: database.url)
        try connection.executeScript(Widget.schema)
        let api = try API()
        let client = api.client(connection)
        #expect(client.post("/api/widgets/", data: ["name": "cog"]).status == 201)
        let duplicate = client.post("/api/widgets/", data: ["name": "cog"])
        #expect(duplicate.status == 400)
        #expect(duplicate.text == #"{"name":["A widget with that name already exists."]}"#)
        #expect(client.get("/api/raw/raw_count/").text == #"{"rows":1}"#)

        let admin = try Connection(url: TestEnvironment.databaseURL)
        try admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1", database.name)
        try admin.executeScript("DROP DATABASE \"\(database.name)\"")
        let lost = client.get("/api/raw/raw_count/")
        #expect(lost.status == 503)
        #expect(lost.text == #"{"detail":"Service temporarily unavailable, try again later."}"#)
        #expect(api.errors.lines.isEmpty)
    }
}
