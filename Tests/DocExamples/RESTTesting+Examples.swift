// The `///` examples of Sources/RESTTesting, and of RESTFramework's ForcedAuthentication (which
// RESTTesting's `forceAuthenticate` sets), compiled (DocCommentExampleTests finds them here).
import PostgreSQL
@testable import RESTFramework
import RESTModels
@testable import RESTTesting
import Testing

extension DocHost {
    // APIClient
    func apiClient() {
        let client = APIClient(app)
        client.credentials(token: "9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b")
        let created = client.post("/api/notes/", data: ["title": "Hi"], format: .json)
        #expect(created.status == 201)
        #expect(created.json["title"] == "Hi")
    }

    // APIClient.generic, RequestFormat
    func clientRequests(client: APIClient) {
        client.generic(.post, "/api/notes/", body: "{oops", contentType: "application/json")

        client.post("/api/notes/", data: ["title": "Hi"])                  // multipart, DRF's default
        client.post("/api/notes/", data: ["title": "Hi"], format: .json)   // application/json
    }

    // APIClient+Credentials
    func clientCredentials(client: APIClient, key: String, ada: User) {
        client.credentials(token: key)                        // Authorization: Token <key>
        client.credentials(username: "ada", password: "s3cret") // Authorization: Basic ...
        client.forceAuthenticate(user: ada)                   // no credentials, the views see ada
        client.logout()                                       // anonymous again
    }

    // TestResponse
    func testResponse(client: APIClient) {
        let response = client.get("/api/users/99/")
        response.status                  // 404
        response.headers["content-type"] // "application/json" (names are case-insensitive)
        response.json["detail"]          // "No User matches the given query."
    }

    // TemporarySchema, APIClient+Database
    func temporarySchema(databaseURL: String) throws {
        try TemporarySchema.with(url: databaseURL, migrations: "migrations") { schema in
            let client = APIClient(app, database: schema.connection)
            #expect(client.get("/api/todos/").status == 200)
        }
    }

    // TemporarySchema.assertModelsMatch
    func assertModelsMatch(databaseURL: String) throws {
        let schema = try TemporarySchema(url: databaseURL, migrations: "migrations")
        try schema.assertModelsMatch([Note.self])
    }

    // APIRequestFactory
    func requestFactory() {
        let factory = APIRequestFactory()
        let request = factory.post("/notes/", data: ["title": "new idea"], format: .json)
        forceAuthenticate(request, user: alice)
        let response = NoteViewSet.asView([.post: "create"]).makeView().dispatch(request)
        _ = response

        factory.generic(.post, "/notes/", body: "{not json", contentType: "application/json")
    }

    // forceAuthenticate
    func forcedAdmin(admin: User) {
        let request = APIRequestFactory().get("/accounts/")
        forceAuthenticate(request, user: admin)
    }

    // ForcedAuthentication
    func forcedAuthentication() {
        let request = APIRequestFactory().get("/api/users/")
        forceAuthenticate(request, user: alice)          // RESTTesting
        request.successfulAuthenticator is ForcedAuthentication   // after dispatch
    }

    // MultipartBody
    func multipartBody() {
        let body = MultipartBody.encode([("title", "Hi")])
        // --BoUnDaRyStRiNg\r\n
        // Content-Disposition: form-data; name="title"\r\n
        // \r\n
        // Hi\r\n
        // --BoUnDaRyStRiNg--\r\n
        _ = body
    }
}
