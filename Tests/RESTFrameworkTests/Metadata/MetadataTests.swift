import Testing
@testable import RESTFramework
import RESTTesting

struct MetadataTests {
    typealias F = LifecycleFixtures

    static let fields =
        #"{"url":{"type":"field","required":false,"read_only":true,"label":"Url"},"#
        + #""id":{"type":"integer","required":false,"read_only":true,"label":"ID"},"#
        + #""title":{"type":"string","required":true,"read_only":false,"label":"Title","max_length":200},"#
        + #""body":{"type":"string","required":false,"read_only":false,"label":"Body"},"#
        + #""is_pinned":{"type":"boolean","required":false,"read_only":false,"label":"Is pinned"},"#
        + #""created":{"type":"datetime","required":false,"read_only":true,"label":"Created"}}"#

    static let head =
        #"{"name":"Note List","description":"","renders":["application/json","text/html"],"#
        + #""parses":["application/json","application/x-www-form-urlencoded","multipart/form-data"]"#

    @Test func staffSeesPostOnTheListRoute() {
        let response = F.serve(.options, token: "staff")
        #expect(response.status == 200)
        #expect(response.text == Self.head + #","actions":{"POST":"# + Self.fields + "}}")
        #expect(response.headers["Allow"] == "GET, POST, HEAD, OPTIONS")
    }

    @Test func actionsAreOmittedWhenThePermissionChecksRefuse() {
        let response = F.serve(.options, token: "alice")
        #expect(response.status == 200)
        #expect(response.text == Self.head + "}")
    }

    @Test func optionsItselfNeedsThePermissions() {
        #expect(F.serve(.options).status == 401)
    }

    @Test func putNeedsTheObjectButMissingObjectsAreNever404() {
        let detail = Self.head.replacingOccurrences(of: "Note List", with: "Note Instance")
        let found = F.serve(.options, route: F.detailRoute, suffix: "Instance", token: "staff", kwargs: ["pk": "1"])
        #expect(found.text == detail + #","actions":{"PUT":"# + Self.fields + "}}")
        let missing = F.serve(.options, route: F.detailRoute, suffix: "Instance", token: "staff", kwargs: ["pk": "404"])
        #expect(missing.status == 200)
        #expect(missing.text == detail + "}")
        let forbidden = F.serve(.options, route: F.detailRoute, suffix: "Instance", token: "staff", kwargs: ["pk": "7"])
        #expect(forbidden.text == detail + "}")
    }

    @Test func bothMethodsWhenTheRouteMapsBoth() throws {
        let view = F.NoteViewSet.asView([.post: "create", .put: "update"]).makeView()
        view.settings = APISettings()
        let request = APIRequestFactory().options("/", headers: ["Authorization": "Token staff"])
        _ = view.dispatch(request)
        let actions = try SimpleMetadata().determineActions(request, view: view as! F.NoteViewSet)
        #expect(actions.keys == ["POST", "PUT"])
        #expect(view.request === request)
    }

    @Test func plainViewsHaveNoActions() throws {
        final class Ping: APIView, PostHandler {
            override class var viewDescription: String { "Answers pong." }
            func post(_ request: Request) throws -> Response { Response(["pong": true]) }
        }
        let view = Ping.asView().makeView()
        view.settings = APISettings()
        let response = TestResponse(view.render(view.dispatch(APIRequestFactory().options("/ping/"))))
        #expect(
            response.text == #"{"name":"Ping","description":"Answers pong.","renders":["application/json","text/html"],"#
                + #""parses":["application/json","application/x-www-form-urlencoded","multipart/form-data"]}"#)
    }

    @Test func fieldInfoLabels() {
        #expect(FieldInfo.label(forFieldName: "id") == "ID")
        #expect(FieldInfo.label(forFieldName: "date_joined") == "Date joined")
        #expect(FieldInfo.label(forFieldName: "is_staff") == "Is staff")
        #expect(FieldInfo.label(forFieldName: "url") == "Url")
        #expect(FieldInfo(name: "x", type: .string, required: true, readOnly: true).required == false)
        #expect(
            FieldInfo(type: .string, label: "Password", minLength: 8, maxLength: 128).json
                == .object([
                    ("type", "string"), ("required", false), ("read_only", false), ("label", "Password"),
                    ("min_length", 8), ("max_length", 128),
                ]))
    }
}
