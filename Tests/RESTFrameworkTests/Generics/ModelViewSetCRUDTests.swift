import Testing
@testable import RESTFramework

/// The six standard actions of a ModelViewSet, end to end through a DefaultRouter and
/// `Application.handle`, over an in-memory store.
@Suite struct ModelViewSetCRUDTests {
    static func widget(_ id: Int, _ name: String, owner: Int, secret: Bool = false, prefix: String = "widgets") -> String {
        #"{"url":"http://testserver/api/\#(prefix)/\#(id)/","id":\#(id),"name":"\#(name)","owner":\#(owner),"secret":\#(secret)}"#
    }
    static let w1 = widget(1, "anvil", owner: 2), w2 = widget(2, "bolt", owner: 3)
    static let w3 = widget(3, "cog", owner: 2), w4 = widget(4, "dynamo", owner: 1, secret: true)

    // MARK: list

    @Test func listIsPaginatedWithTheSettings() throws {
        let api = try WidgetAPI()
        let first = api.send(.get, "/api/widgets/", token: "alice")
        #expect(first.status == 200)
        #expect(
            first.text == #"{"count":4,"next":"http://testserver/api/widgets/?page=2","previous":null,"results":["#
                + Self.w1 + "," + Self.w2 + "]}")
        #expect(first.headers["Allow"] == "GET, POST, HEAD, OPTIONS")
        let second = api.send(.get, "/api/widgets/", query: "page=2", token: "alice")
        #expect(
            second.text == #"{"count":4,"next":null,"previous":"http://testserver/api/widgets/","results":["#
                + Self.w3 + "," + Self.w4 + "]}")
        #expect(api.send(.get, "/api/widgets/", query: "page=3", token: "alice").text == #"{"detail":"Invalid page."}"#)
    }

    @Test func listIsAPlainArrayWithoutAPageSize() throws {
        let api = try WidgetAPI(pageSize: nil)
        let response = api.send(.get, "/api/widgets/", token: "alice")
        #expect(response.text == "[" + [Self.w1, Self.w2, Self.w3, Self.w4].joined(separator: ",") + "]")
    }

    @Test func hyperlinksFollowTheFormat() throws {
        let api = try WidgetAPI(pageSize: nil)
        let suffixed = api.send(.get, "/api/widgets/1.json", token: "alice")
        #expect(suffixed.text.hasPrefix(#"{"url":"http://testserver/api/widgets/1.json","id":1"#))
        let queried = api.send(.get, "/api/widgets/", query: "format=json", token: "alice")
        #expect(queried.text.hasPrefix(#"[{"url":"http://testserver/api/widgets/1/?format=json","id":1"#))
    }

    @Test func listNeedsAuthentication() throws {
        let response = try WidgetAPI().send(.get, "/api/widgets/")
        #expect(response.status == 401)
        #expect(response.headers["WWW-Authenticate"] == "Token")
    }

    // MARK: create

    @Test func createAnswers201WithLocation() throws {
        let api = try WidgetAPI()
        let response = api.send(.post, "/api/widgets/", token: "bob", json: #"{"name":"  gear ","owner":99,"id":7}"#)
        #expect(response.status == 201)
        #expect(response.text == Self.widget(5, "gear", owner: 3))
        #expect(response.headers["Location"] == "http://testserver/api/widgets/5/")
        #expect(api.store.row(5)?.owner == 3)
    }

    @Test func createKeepsTheFormatInLocation() throws {
        let api = try WidgetAPI()
        let response = api.send(.post, "/api/widgets.json", token: "bob", json: #"{"name":"gear"}"#)
        #expect(response.headers["Location"] == "http://testserver/api/widgets/5.json")
    }

    @Test func createValidates() throws {
        let api = try WidgetAPI()
        let response = api.send(.post, "/api/widgets/", token: "bob", json: #"{"secret":"maybe"}"#)
        #expect(response.status == 400)
        #expect(response.text == #"{"name":["This field is required."],"secret":["Must be a valid boolean."]}"#)
        #expect(api.store.snapshot.count == 4)
    }

    @Test func createWithoutAURLFieldHasNoLocation() throws {
        let api = try WidgetAPI()
        let response = api.send(.post, "/api/widget-notes/", token: "bob", json: #"{"name":"memo"}"#)
        #expect(response.status == 201)
        #expect(response.text == #"{"id":5,"name":"memo"}"#)
        #expect(response.headers["Location"] == nil)
    }

    // MARK: retrieve

    @Test func retrieveAnswersTheObject() throws {
        let response = try WidgetAPI().send(.get, "/api/widgets/3/", token: "alice")
        #expect(response.status == 200)
        #expect(response.text == Self.w3)
        #expect(response.headers["Allow"] == "GET, PUT, PATCH, DELETE, HEAD, OPTIONS")
    }

    @Test func unknownObjectsAre404WithTheModelName() throws {
        let api = try WidgetAPI()
        for pk in ["99", "-1", "0", "123456789012345678901234567890"] {
            let response = api.send(.get, "/api/widgets/\(pk)/", token: "alice")
            #expect(response.status == 404)
            #expect(response.text == #"{"detail":"No Widget matches the given query."}"#)
        }
        // The name from `querysetModelName` when the queryset type has none.
        #expect(api.send(.get, "/api/plain-widgets/99/", token: "alice").text == #"{"detail":"No Gizmo matches the given query."}"#)
    }

    @Test func nonIntegerLookupsAreNotFoundAfterPermissions() throws {
        let api = try WidgetAPI()
        let response = api.send(.get, "/api/widgets/abc/", token: "alice")
        #expect(response.status == 404)
        #expect(response.text == #"{"detail":"Not found."}"#)
        #expect(api.send(.get, "/api/widgets/abc/").status == 401)
        #expect(api.send(.delete, "/api/widgets/abc/", token: "reader").status == 403)
    }

    @Test func objectPermissionsRefuseWithA403() throws {
        let api = try WidgetAPI()
        let refused = api.send(.get, "/api/widgets/4/", token: "alice")
        #expect(refused.status == 403)
        #expect(refused.text == #"{"detail":"You do not have permission to perform this action."}"#)
        #expect(api.send(.get, "/api/widgets/4/", token: "staff").text == Self.w4)
    }

    // MARK: update and partial_update

    @Test func putNeedsTheRequiredFieldsAndChangesOnlyWhatIsSent() throws {
        let api = try WidgetAPI()
        let missing = api.send(.put, "/api/widgets/1/", token: "alice", json: #"{"secret":true}"#)
        #expect(missing.status == 400)
        #expect(missing.text == #"{"name":["This field is required."]}"#)
        #expect(api.store.row(1)?.secret == false)

        let renamed = api.send(.put, "/api/widgets/1/", token: "alice", json: #"{"name":"hammer","owner":3}"#)
        #expect(renamed.status == 200)
        #expect(renamed.text == Self.widget(1, "hammer", owner: 2))
        #expect(api.store.row(1)?.name == "hammer")
    }

    @Test func patchValidatesOnlyWhatIsSent() throws {
        let api = try WidgetAPI()
        let response = api.send(.patch, "/api/widgets/3/", token: "alice", json: #"{"secret":"yes"}"#)
        #expect(response.status == 200)
        #expect(response.text == Self.widget(3, "cog", owner: 2, secret: true))
        let blank = api.send(.patch, "/api/widgets/1/", token: "alice", json: #"{"name":" "}"#)
        #expect(blank.text == #"{"name":["This field may not be blank."]}"#)
    }

    /// The spec's "Order inside a handler on one object": 404, then 403, then the body, then validation.
    @Test func orderOfChecksOnOneObject() throws {
        let api = try WidgetAPI()
        let badBody = (contentType: "text/plain", body: "name=x")
        #expect(api.send(.put, "/api/widgets/99/", token: "alice", contentType: badBody.contentType, body: badBody.body).status == 404)
        #expect(api.send(.put, "/api/widgets/2/", token: "alice", contentType: badBody.contentType, body: badBody.body).status == 403)
        let unsupported = api.send(.put, "/api/widgets/1/", token: "alice", contentType: badBody.contentType, body: badBody.body)
        #expect(unsupported.status == 415)
        #expect(unsupported.text == #"{"detail":"Unsupported media type \"text/plain\" in request."}"#)
        let unparsable = api.send(.put, "/api/widgets/1/", token: "alice", json: "{")
        #expect(unparsable.status == 400)
        #expect(unparsable.text.hasPrefix(#"{"detail":"JSON parse error - "#))
        #expect(api.send(.put, "/api/widgets/1/", token: "alice", json: "{}").text == #"{"name":["This field is required."]}"#)
    }

    // MARK: destroy

    @Test func destroyAnswers204WithNoBody() throws {
        let api = try WidgetAPI()
        let response = api.send(.delete, "/api/widgets/3/", token: "alice")
        #expect(response.status == 204)
        #expect(response.body.isEmpty)
        #expect(response.headers["Content-Type"] == nil)
        #expect(api.store.row(3) == nil)
        #expect(api.send(.delete, "/api/widgets/3/", token: "alice").status == 404)
        #expect(api.send(.delete, "/api/widgets/2/", token: "alice").status == 403)
        #expect(api.store.row(2) != nil)
    }

    @Test func destroyWithoutADeletableQuerysetIsAConfigurationError() throws {
        let api = try WidgetAPI()
        let response = api.send(.delete, "/api/plain-widgets/1/", token: "alice")
        #expect(response.status == 500)
        #expect(api.store.row(1) != nil)
        #expect(api.log.lines.contains { $0.contains("does not conform to `DeletableQueryable`") })
    }
}
