import RESTFramework
import RESTModels
import Testing

/// The reference's examples that run without a database.
@Suite struct ReferenceExampleTests {
    func send(_ app: Application, _ method: HTTPMethod, _ path: String, headers: Headers = [:], json: String? = nil)
        -> (status: Int, text: String, headers: Headers) {
        var headers = headers
        headers["Host"] = "testserver"
        if json != nil { headers["Content-Type"] = "application/json" }
        let rendered = app.handle(Request(method: method, path: path, headers: headers, body: Array((json ?? "").utf8)))
        return (rendered.status, String(decoding: rendered.body, as: UTF8.self), rendered.headers)
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

    @Test func headers() {
        let example = headersExample()
        #expect(example.type == "application/json" && example.cookies == ["a=1", "b=2"])
        #expect(example.headers.fields.map(\.name) == ["Content-Type", "Set-Cookie", "Set-Cookie", "Vary"])
    }

    @Test func allowedHosts() throws {
        let app = Application(urls: try bookURLs(), settings: productionSettings())
        func status(_ host: String) -> Int { app.handle(Request(method: .get, path: "/api/ping/", headers: ["Host": host])).status }
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
        var form: Headers = ["Content-Type": "application/x-www-form-urlencoded"]
        form["Host"] = "testserver"
        let rendered = app.handle(Request(method: .post, path: "/api/ping/", headers: form, body: Array("a=1".utf8)))
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
}
