import RESTFramework
import RESTTesting
import Testing

@Suite struct APIClientTests {
    let client: APIClient
    init() throws { client = APIClient(try makeApp()) }

    @Test func forcedUserReachesPermissionsWhateverTheAuthenticators() {
        #expect(client.get("/private/").status == 401)
        client.forceAuthenticate(user: ada, token: "forced-token")
        let forced = client.get("/private/")
        #expect(forced.status == 200)
        #expect(forced.json["user"] == "ada")
        // The authenticators are not asked, even with credentials they would refuse (DRF).
        client.credentials(token: "wrong")
        #expect(client.get("/private/").status == 200)
        #expect(client.get("/echo/").json["auth"] == "forced-token")
        client.logout()
        #expect(client.get("/private/").status == 401)
    }

    @Test func tokenAndBasicCredentials() {
        client.credentials(token: adaToken)
        #expect(client.get("/private/").json == ["user": "ada"])
        client.credentials(username: "ada", password: "s3cret")
        #expect(client.get("/private/").json == ["user": "ada"])
        client.credentials(username: "ada", password: "wrong")
        let refused = client.get("/private/")
        #expect(refused.status == 401)
        #expect(refused.json["detail"] == "Invalid username/password.")
        client.credentials(["Authorization": "Token \(adaToken)"])
        #expect(client.get("/private/").status == 200)
        client.credentials(Headers())
        #expect(client.get("/private/").status == 401)
    }

    @Test func defaultFormatIsMultipartAsDRFs() {
        let response = client.post("/echo/", data: ["title": "Hi", "done": true, "tags": ["a", "b"], "none": nil])
        #expect(response.json["content_type"] == "multipart/form-data; boundary=BoUnDaRyStRiNg")
        // A list is a field per item; `request.data` of a form keeps the last, as Django's QueryDict does.
        #expect(response.json["data"] == ["title": "Hi", "done": "True", "tags": "b"])
        let request = APIRequestFactory().post("/echo/", data: ["title": "Hi"])
        #expect(
            String(decoding: request.body, as: UTF8.self)
                == "--BoUnDaRyStRiNg\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nHi\r\n--BoUnDaRyStRiNg--\r\n")
    }

    @Test func jsonAndFormBodies() {
        let json = client.post("/echo/", data: ["title": "Hi", "n": 3, "nested": ["a": [1, 2]]], format: .json)
        #expect(json.json["content_type"] == "application/json")
        #expect(json.json["data"] == ["title": "Hi", "n": 3, "nested": ["a": [1, 2]]])
        let form = client.patch("/echo/", data: ["title": "a b&c", "n": 3], format: .form)
        #expect(form.json["content_type"] == "application/x-www-form-urlencoded")
        #expect(form.json["data"] == ["title": "a b&c", "n": "3"])
        #expect(APIRequestFactory().put("/echo/", data: ["title": "a b&c"], format: .form).body == Array("title=a+b%26c".utf8))
        let jsonClient = APIClient(client.app, defaultFormat: .json)
        #expect(jsonClient.put("/echo/", data: ["x": nil]).json["data"] == ["x": nil])
    }

    @Test func withoutDataNoBodyAndNoContentType() {
        let response = client.delete("/echo/")
        #expect(response.json["method"] == "DELETE")
        #expect(response.json["content_type"] == .null)
        #expect(response.json["data"] == [:])
    }

    @Test func rawBodiesGoAsGiven() {
        let malformed = client.generic(.post, "/echo/", body: "{oops", contentType: "application/json")
        #expect(malformed.status == 400)
        #expect(
            malformed.json["detail"] == "JSON parse error - Expecting property name enclosed in double quotes: line 1 column 2 (char 1)")
    }

    @Test func getDataIsTheQueryString() {
        #expect(client.get("/echo/", data: ["page": 2, "q": "a b"]).json["query"] == "page=2&q=a+b")
        #expect(client.get("/echo/?page=3").json["query"] == "page=3")
    }

    @Test func headHasTheHeadersOfGetAndNoBody() {
        let get = client.get("/echo/")
        let head = client.head("/echo/")
        #expect(head.status == 200)
        #expect(head.body.isEmpty && !get.body.isEmpty)
        #expect(head.headers["content-type"] == get.headers["Content-Type"])
        #expect(head.json == .null)
    }

    @Test func responseReadsAsTextBytesAndJSON() throws {
        let response = client.options("/echo/")
        #expect(response.headers["ALLOW"] == "GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS")
        #expect(response.text.hasPrefix(#"{"name":"Echo""#))
        #expect(response.bytes == Array(response.text.utf8))
        #expect(try response.decodedJSON()["name"] == "Echo")
        #expect(throws: JSONParseError.self) {
            try TestResponse(RenderedResponse(status: 200, headers: [:], body: Array("<p>".utf8))).decodedJSON()
        }
    }

    @Test func extensionsReachTheView() {
        client.extensions[MarkerKey.self] = "from the client"
        #expect(client.get("/echo/").json["marker"] == "from the client")
    }

    @Test func factoryRequestsForAViewCalledDirectly() {
        let factory = APIRequestFactory()
        let request = factory.get("/private/")
        #expect(request.host == "testserver")
        let anonymous = PrivateEcho.asView().makeView().dispatch(request)
        #expect(anonymous.status == 401)
        let forced = factory.get("/private/")
        forceAuthenticate(forced, user: ada)
        let response = PrivateEcho.asView().makeView().dispatch(forced)
        #expect(response.status == 200)
        #expect(response.data == ["user": "ada"])
        #expect(forced.successfulAuthenticator is ForcedAuthentication)
    }
}
