import Testing
@testable import RESTFramework
import RESTTesting

/// The lifecycle end to end through an in-memory ViewSet: negotiation before authentication,
/// rendering of errors, HEAD and 204.
struct ResponseDispatchTests {
    typealias F = LifecycleFixtures

    @Test func allowIsWorkedOutOncePerEndpointAndFollowsOverrides() {
        typealias F = LifecycleFixtures
        let endpoint = F.NoteViewSet.asView(F.detailRoute, suffix: "Instance")
        let first = endpoint.makeView()
        #expect(first.endpointMemo?.allow.peek == nil)
        #expect(first.allowedMethods == [.get, .put, .delete, .head, .options])
        // A later view of the same endpoint reads what the first worked out: the same buffer.
        let second = endpoint.makeView()
        #expect(second.endpointMemo?.allow.peek?.header == "GET, PUT, DELETE, HEAD, OPTIONS")
        second.allowedMethods.withUnsafeBufferPointer { a in
            first.allowedMethods.withUnsafeBufferPointer { b in #expect(a.baseAddress == b.baseAddress) }
        }
        // Another endpoint of the class has its own.
        #expect(F.NoteViewSet.asView(F.listRoute).makeView().allowedMethods == [.get, .post, .head, .options])

        final class GetOnly: APIView, GetHandler {
            override var allowedMethods: [HTTPMethod] { [.get] }
            func get(_ request: Request) throws -> Response { Response(["ok": true]) }
        }
        let view = GetOnly.asView().makeView()
        view.settings = APISettings()
        let response = view.dispatch(APIRequestFactory().get("/x/"))
        #expect(response.headers["Allow"] == "GET")
    }

    @Test func compactJSONWithoutCharset() {
        let response = F.serve(.get, token: "alice")
        #expect(response.status == 200)
        #expect(response.text == #"[{"id":1,"title":"a/b é"}]"#)
        #expect(response.headers["Content-Type"] == "application/json")
        #expect(response.headers["Allow"] == "GET, POST, HEAD, OPTIONS")
    }

    @Test func notAcceptableComesBeforeAuthentication() {
        let response = F.serve(.get, token: "bad", accept: "application/xml")
        #expect(response.status == 406)
        #expect(response.text == #"{"detail":"Could not satisfy the request Accept header."}"#)
        #expect(response.headers["Content-Type"] == "application/json")
        #expect(response.headers["WWW-Authenticate"] == nil)
    }

    @Test func unknownFormatIs404BeforeAuthentication() {
        for response in [F.serve(.get, token: "bad", format: "xml"), F.serve(.get, token: "bad", query: "format=yaml")] {
            #expect(response.status == 404)
            #expect(response.text == #"{"detail":"Not found."}"#)
        }
        #expect(F.serve(.get, token: "alice", format: "json").status == 200)
        #expect(F.serve(.get, token: "alice", query: "format=json").status == 200)
    }

    @Test func errorBodiesAreIndentedWhenAcceptAsks() {
        let response = F.serve(.get, accept: "application/json; indent=2")
        #expect(response.status == 401)
        #expect(response.headers["WWW-Authenticate"] == "Token")
        #expect(response.text == "{\n  \"detail\": \"Authentication credentials were not provided.\"\n}")
        let ok = F.serve(.get, token: "alice", accept: "application/json; indent=4")
        #expect(ok.text == "[\n    {\n        \"id\": 1,\n        \"title\": \"a/b é\"\n    }\n]")
    }

    @Test func headDropsTheBodyAndKeepsTheHeaders() {
        let response = F.serve(.head, token: "alice")
        #expect(response.status == 200)
        #expect(response.body.isEmpty)
        #expect(response.headers["Content-Type"] == "application/json")
        #expect(response.headers["Allow"] == "GET, POST, HEAD, OPTIONS")
    }

    @Test func noContentHasNoBodyAndNoContentType() {
        let response = F.serve(.delete, route: F.detailRoute, suffix: "Instance", token: "staff", kwargs: ["pk": "1"])
        #expect(response.status == 204)
        #expect(response.body.isEmpty)
        #expect(response.headers["Content-Type"] == nil)
        #expect(response.headers["Allow"] == "GET, PUT, DELETE, HEAD, OPTIONS")
    }

    @Test func bodiesThroughTheView() {
        let created = F.serve(.post, token: "staff", contentType: "application/json; charset=utf-8", body: #"{"title":"x"}"#)
        #expect(created.status == 201)
        #expect(created.text == #"{"title":"x"}"#)
        let form = F.serve(.post, token: "staff", contentType: "application/x-www-form-urlencoded", body: "title=a+b&title=c")
        #expect(form.text == #"{"title":"c"}"#)
        let bad = F.serve(.post, token: "staff", contentType: "application/json", body: #"{"title":"x",}"#)
        #expect(bad.status == 400)
        #expect(
            bad.text == #"{"detail":"JSON parse error - Expecting property name enclosed in double quotes: line 1 column 14 (char 13)"}"#)
        let unsupported = F.serve(.post, token: "staff", contentType: "text/plain", body: "x")
        #expect(unsupported.status == 415)
        #expect(unsupported.text == #"{"detail":"Unsupported media type \"text/plain\" in request."}"#)
        let list = F.serve(.post, token: "staff", contentType: "application/json", body: "[1]")
        #expect(list.text == #"{"non_field_errors":["Invalid data. Expected a dictionary, but got list."]}"#)
        let null = F.serve(.post, token: "staff", contentType: "application/json", body: "null")
        #expect(null.text == #"{"non_field_errors":["No data provided"]}"#)
        let empty = F.serve(.post, token: "staff", contentType: "application/json")
        #expect(empty.status == 201)
        #expect(empty.text == "{}")
    }
}
