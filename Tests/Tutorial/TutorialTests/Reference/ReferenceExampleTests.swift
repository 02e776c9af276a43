import InMemoryLogging
import Logging
import RESTFramework
import RESTModels
import RESTTesting
import Testing

/// The reference's examples that run without a database.
@Suite struct ReferenceExampleTests {
    func send(_ app: Application, _ method: HTTPMethod, _ path: String, headers: Headers = [:], json: String? = nil)
        -> TestResponse {
        APIClient(app).generic(method, path, body: json ?? "", contentType: json == nil ? nil : "application/json",
                               headers: headers)
    }

    @Test func enumChoicesAreDataOnTheColumn() {
        #expect(Milestone.columns[1].choices == [
            Choice(value: "planned", displayName: "Planned"), Choice(value: "active", displayName: "Active"),
            Choice(value: "done", displayName: "Done"),
        ])
        #expect(Milestone.columns[2].choices?.map(\.displayName) == ["High", "Normal", "Low"])
        #expect(Milestone.columns[2].type == .smallint && Milestone.columns[2].isNullable)
    }

    @Test func viewsViewSetsAndReverse() throws {
        let app = Application(urls: try bookURLs())
        #expect(send(app, .get, "/api/ping/").text == #"{"pong":true,"page":"1"}"#)
        #expect(send(app, .post, "/api/ping/", json: #"{"a":[1]}"#).text == #"{"echo":{"a":[1]}}"#)
        #expect(send(app, .get, "/api/greetings/").text == #"["hello","bonjour","hallo"]"#)
        #expect(send(app, .get, "/api/greetings/1/").text == #"{"greeting":"bonjour"}"#)
        #expect(send(app, .get, "/api/greetings/9/").status == 404)
        #expect(send(app, .get, "/api/hello/").status == 200)
        #expect(try app.urls.reverse("book-detail", args: ["3"]) == "/api/books/3/")
        #expect(try app.urls.reverse("book-publish", args: ["3"]) == "/api/books/3/publish/")
        #expect(try app.urls.reverse("book-drafts") == "/api/books/drafts/")
    }

    /// docs/framework.md, "Filters": the controls `PublishedFilter` adds to the browsable page.
    @Test func aFilterBackendOfYourOwnWritesItsControls() {
        let request = APIRequestFactory().get("/api/books/?published=false")
        var html = HTMLWriter()
        PublishedFilter().toHTML(request, QuerySet<Book>(), view: APIView(), into: &html)
        #expect(
            html.string
                == #"<div class="filter published"><h3>Published</h3><form method="GET" action="/api/books/">"#
                + #"<select name="published"><option value="">Any</option><option value="true">Yes</option>"#
                + #"<option value="false" selected="selected">No</option></select>"#
                + #"<button type="submit" class="btn">Filter</button></form></div>"#)
    }

    /// docs/framework.md, "Related fields and nested serializers": what a list fetches for the page.
    @Test func relatedFieldSerializersStateTheirRelations() {
        #expect(IssueDetailSerializer.relatedPaths == ["project", "project__lead", "labels"])
        #expect(ProjectWithLeadSerializer.relatedPaths == ["lead"])
    }

    @Test func headers() {
        let example = headersExample()
        #expect(example.type == "application/json" && example.cookies == ["a=1", "b=2"])
        #expect(example.headers.fields.map(\.name) == ["Content-Type", "Set-Cookie", "Set-Cookie", "Vary"])
    }

    @Test func allowedHosts() throws {
        let app = Application(urls: try bookURLs(), settings: productionSettings())
        func status(_ host: String) -> Int { APIClient(app).get("/api/ping/", headers: ["Host": host]).status }
        #expect(status("api.example.com") == 200 && status("www.example.org:8443") == 200)
        #expect(status("testserver") == 400 && status("evil.com") == 400)
    }

    @Test func plainSerializer() throws {
        #expect(try validateContact(["name": "Ada", "email": "nope"]) == ["email": ["Enter a valid email address."]])
        #expect(try validateContact(["name": "Ada", "email": "ada@example.com", "code": "abc"])
                == ["code": ["Enter a code like ABC12."]])
        #expect(try validateContact(["name": " Ada ", "email": "ada@example.com", "age": "36"])
                == ["name": "Ada", "email": "ada@example.com", "age": 36])
    }

    @Test func representationAdjustedAfterSuper() throws {
        let ada: ValidatedData = ["name": "Ada"], a: ValidatedData = ["name": "A"], b: ValidatedData = ["name": "B"]
        let data = try BadgeSerializer(instance: ada).data
        #expect(data == ["name": "Ada", "badge": "gold"])
        #expect(JSONWriter.renderString(data) == #"{"name":"Ada","badge":"gold"}"#)
        let many = try BadgeSerializer.many(instances: [a, b]).data
        #expect(JSONWriter.renderString(many) == #"[{"name":"A","badge":"gold"},{"name":"B","badge":"gold"}]"#)
    }

    @Test func renderersAndNegotiation() throws {
        let app = Application(urls: try bookURLs(), settings: negotiationSettings())
        let text = send(app, .get, "/api/greetings/", headers: ["Accept": "text/plain"])
        #expect(text.headers["Content-Type"] == "text/plain; charset=utf-8")
        #expect(send(app, .get, "/api/greetings.txt").text == #"["hello","bonjour","hallo"]"#)
        #expect(send(app, .post, "/api/ping/", headers: ["Content-Type": "application/x-www-form-urlencoded"]).status == 201)
        let rendered = APIClient(app).post("/api/ping/", data: ["a": 1], format: .form)
        #expect(rendered.status == 415)
    }

    @Test func exceptions() throws {
        let response = try #require(exceptionSettings().exceptionHandler(PaymentRequired(), nil))
        #expect(response.status == 402)
        #expect(response.data == ["detail": "Payment required."])
        #expect(response.headers["X-Error-Code"] == "payment_required")
    }

    @Test func passwordHasher() {
        let hasher = PasswordHasher(iterations: 1_000)
        let encoded = hasher.makePassword("s3cret")
        #expect(encoded.hasPrefix("pbkdf2_sha256$1000$"))
        #expect(hasher.checkPassword("s3cret", encoded: encoded))
        #expect(!hasher.checkPassword("s3cret", encoded: PasswordHasher.makeUnusablePassword()))
    }

    // MARK: - Testing

    @Test func testClient() throws {
        let client = APIClient(Application(urls: try whoAmIURLs()))
        #expect(client.get("/api/whoami/").status == 403)

        client.forceAuthenticate(user: AppUser(id: 7, username: "ada", isStaff: false, isActive: true))
        let response = client.get("/api/whoami/")
        #expect(response.status == 200)
        #expect(response.headers["content-type"] == "application/json")
        #expect(response.json == ["username": "ada"])

        client.logout()
        client.credentials(token: "9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b")
        #expect(client.post("/api/ping/", data: ["a": [1]], format: .json).json == ["echo": ["a": [1]]])
        #expect(client.head("/api/ping/").body.isEmpty)
    }

    @Test func theExportLogsItsRows() throws {
        let logs = InMemoryLogHandler()
        let request = Request(method: .get, path: "/api/exports/", requestID: "test-1",
                              logger: Logger(label: "test") { _ in logs })
        _ = ExportViewSet.asView([.get: .list]).makeView().dispatch(request)
        #expect(logs.entries.map(\.message.description) == ["export listed"])
        #expect(logs.entries.first?.metadata["request_id"] == "test-1")
    }

    @Test func requestFactory() throws {
        let request = APIRequestFactory().get("/api/whoami/")
        forceAuthenticate(request, user: AppUser(id: 7, username: "ada", isStaff: false, isActive: true))
        let response = WhoAmIView.asView().makeView().dispatch(request)
        #expect(response.data == ["username": "ada"])
    }
}

/// Who is asking; only authenticated users may.
final class WhoAmIView: APIView, GetHandler {
    override class var permissionClasses: [any Permission]? { [IsAuthenticated()] }
    func get(_ request: Request) throws -> Response { Response(["username": .string(request.user.username)]) }
}

func whoAmIURLs() throws -> URLConf {
    try URLConf([
        .path("api/whoami/", WhoAmIView.asView(), name: "whoami"),
        .path("api/ping/", PingView.asView(), name: "ping"),
    ])
}
