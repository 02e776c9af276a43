import Testing
@testable import RESTFramework
import RESTTesting

/// End to end through `Application.handle`: resolution, the router's bindings, dispatch.
@Suite struct RoutedDispatchTests {
    let app: Application
    init() throws { app = Application(urls: try referenceURLConf()) }

    func get(_ path: String, _ method: HTTPMethod = .get, query: String = "") -> TestResponse {
        send(app, method, path, query: query)
    }

    @Test func listRoute() {
        let response = get("/api/users/")
        #expect(response.status == 200)
        #expect(response.headers["Allow"] == "GET, POST, HEAD, OPTIONS")
        #expect(
            bodyText(response)
                == #"{"action":"list","detail":false,"basename":"user","suffix":"List","name":"User List","kwargs":{},"format":null}"#)
        #expect(bodyText(get("/api/users/", .post)).hasPrefix(#"{"action":"create","detail":false"#))
    }

    @Test func detailRoute() {
        let response = get("/api/users/3/")
        #expect(response.headers["Allow"] == "GET, PUT, PATCH, DELETE, HEAD, OPTIONS")
        #expect(
            bodyText(response)
                == #"{"action":"retrieve","detail":true,"basename":"user","suffix":"Instance","name":"User Instance","kwargs":{"pk":"3"},"format":null}"#
        )
        #expect(bodyText(get("/api/users/3/", .patch)).hasPrefix(#"{"action":"partial_update""#))
        #expect(get("/api/users/3/", .delete).status == 204)
    }

    @Test func extraActionsCarryTheirNames() {
        let recent = get("/api/users/recent_users/")
        #expect(recent.headers["Allow"] == "GET, HEAD, OPTIONS")
        #expect(
            bodyText(recent)
                == #"{"action":"recent_users","detail":false,"basename":"user","suffix":null,"name":"Recent users","kwargs":{},"format":null}"#
        )

        let setPassword = get("/api/users/3/set_password/", .post)
        #expect(setPassword.headers["Allow"] == "POST, OPTIONS")
        #expect(
            bodyText(setPassword)
                == #"{"action":"set_password","detail":true,"basename":"user","suffix":null,"name":"Set password","kwargs":{"pk":"3"},"format":null}"#
        )

        let addMember = get("/api/accounts/5/add-member/", .post)
        #expect(
            bodyText(addMember).hasPrefix(#"{"action":"add_member","detail":true,"basename":"account","suffix":null,"name":"Add member""#))
    }

    @Test func mappedMethodsOfOneExtraRoute() {
        let put = get("/api/users/3/password/", .put)
        #expect(put.status == 200)
        #expect(put.headers["Allow"] == "PUT, DELETE, OPTIONS")
        #expect(bodyText(put).hasPrefix(#"{"action":"password","detail":true,"basename":"user","suffix":null,"name":"Change Password""#))
        let delete = get("/api/users/3/password/", .delete)
        #expect(delete.status == 204)
        #expect(delete.headers["Allow"] == "PUT, DELETE, OPTIONS")
        #expect(get("/api/users/3/unset_password/", .delete).headers["Allow"] == "POST, DELETE, OPTIONS")
    }

    @Test func unmappedMethodsAre405WithAllow() {
        let response = get("/api/simple-users/", .post)
        #expect(response.status == 405)
        #expect(response.headers["Allow"] == "GET, HEAD, OPTIONS")
        #expect(bodyText(response) == #"{"detail":"Method \"POST\" not allowed."}"#)
        let getOnPassword = get("/api/users/3/password/")
        #expect(getOnPassword.status == 405)
        #expect(getOnPassword.headers["Allow"] == "PUT, DELETE, OPTIONS")
    }

    @Test func headFollowsGet() {
        let response = get("/api/simple-users/", .head)
        #expect(response.status == 200)
        #expect(response.body.isEmpty)
        #expect(response.headers["Allow"] == "GET, HEAD, OPTIONS")
    }

    @Test func optionsNamesTheView() {
        #expect(bodyText(get("/api/users/3/set_password/", .options)).hasPrefix(#"{"name":"Set password","description":"""#))
        #expect(bodyText(get("/api/simple-users/", .options)).hasPrefix(#"{"name":"Simple User List""#))
        #expect(bodyText(get("/api/simple-users/2/", .options)).hasPrefix(#"{"name":"Simple User Instance""#))
        #expect(bodyText(get("/api/auth-token/", .options)).hasPrefix(#"{"name":"Obtain Auth Token""#))
    }

    @Test func formatSuffixReachesTheView() {
        let response = get("/api/users/3/set_password.json", .post)
        #expect(response.status == 200)
        #expect(bodyText(response).hasSuffix(#""kwargs":{"pk":"3"},"format":"json"}"#))
    }

    @Test func trailingSlashRedirectForEveryMethodKeepsTheQuery() {
        for method in [HTTPMethod.get, .post, .delete] {
            let response = get("/api/users", method, query: "page=2")
            #expect(response.status == 301)
            #expect(response.headers["Location"] == "/api/users/?page=2")
            #expect(response.headers["Allow"] == nil)
        }
    }

    @Test func notFound() {
        for path in ["/api/nothing/", "/api/users/1.5/", "/api/users.xml", "/nothing"] {
            let response = get(path)
            #expect(response.status == 404, "\(path)")
            #expect(bodyText(response) == #"{"detail":"Not found."}"#, "\(path)")
        }
    }

    @Test func reverseActionIsAbsolute() throws {
        final class Probe: ViewSet, RetrieveAction {
            func retrieve(_ request: Request) throws -> Response {
                Response([
                    "list": .string(try reverseAction("list")),
                    "detail": .string(try reverseAction("detail", args: ["9"])),
                    "extra": .string(try reverseAction("set-password", args: ["9"])),
                ])
            }
        }
        var router = DefaultRouter()
        try router.register("users", UserViewSet.self)
        try router.register("probe", Probe.self, basename: "user-probe")
        // The probe answers as basename `user` would: point it at the users' names.
        let endpoint = Probe.asView([.get: "retrieve"], basename: "user")
        let app = Application(urls: try URLConf([.include("api/", router), .path("api/probe-as-user/", endpoint)]))
        let plain = send(app, .get, "/api/probe-as-user/")
        #expect(
            bodyText(plain)
                == #"{"list":"http://testserver/api/users/","detail":"http://testserver/api/users/9/","extra":"http://testserver/api/users/9/set_password/"}"#
        )
        let withFormat = send(app, .get, "/api/probe-as-user/", query: "format=json")
        #expect(
            bodyText(withFormat)
                == #"{"list":"http://testserver/api/users/?format=json","detail":"http://testserver/api/users/9/?format=json","extra":"http://testserver/api/users/9/set_password/?format=json"}"#
        )
    }
}
