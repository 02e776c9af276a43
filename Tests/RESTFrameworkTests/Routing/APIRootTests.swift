import Testing
@testable import RESTFramework
import RESTTesting

@Suite struct APIRootTests {
    let app: Application
    init() throws {
        var router = DefaultRouter()
        try router.register("users", UserViewSet.self)
        try router.register("simple-users", SimpleUserViewSet.self, basename: "simple-user")
        try router.register("details", DetailOnlyViewSet.self, basename: "detail-only")
        try router.register("accounts", AccountViewSet.self, basename: "account")
        app = Application(urls: try URLConf([.include("api/", router)]))
    }

    @Test func linksToListRoutesInRegistrationOrder() {
        let response = send(app, .get, "/api/")
        #expect(response.status == 200)
        // No link for a viewset without a list route.
        #expect(
            bodyText(response)
                == #"{"users":"http://testserver/api/users/","simple-users":"http://testserver/api/simple-users/","accounts":"http://testserver/api/accounts/"}"#
        )
        #expect(response.headers["Allow"] == "GET, HEAD, OPTIONS")
    }

    @Test func aFormatSuffixIsKeptOnTheLinks() {
        for path in ["/api/.json", "/api/.json/"] {
            let response = send(app, .get, path)
            #expect(response.status == 200)
            #expect(
                bodyText(response)
                    == #"{"users":"http://testserver/api/users.json","simple-users":"http://testserver/api/simple-users.json","accounts":"http://testserver/api/accounts.json"}"#
            )
        }
    }

    @Test func formatQueryParameterIsKeptOnTheLinks() {
        let response = send(app, .get, "/api/", query: "format=json")
        #expect(
            bodyText(response)
                == #"{"users":"http://testserver/api/users/?format=json","simple-users":"http://testserver/api/simple-users/?format=json","accounts":"http://testserver/api/accounts/?format=json"}"#
        )
    }

    @Test func nameAndDescription() {
        let view = APIRootView()
        #expect(view.getViewName() == "Api Root")
        #expect(view.getViewDescription() == "The default basic root view for DefaultRouter")
        let options = send(app, .options, "/api/")
        #expect(bodyText(options).hasPrefix(#"{"name":"Api Root","description":"The default basic root view for DefaultRouter","#))
    }

    @Test func usesTheDefaultPermission() throws {
        var settings = APISettings()
        settings.permissionClasses = [IsAuthenticated()]
        var router = DefaultRouter()
        try router.register("users", UserViewSet.self)
        let app = Application(urls: try URLConf([.include("api/", router)]), settings: settings)
        let response = send(app, .get, "/api/")
        // No authenticators configured: DRF turns the 401 into a 403.
        #expect(response.status == 403)
    }

    @Test func anUnknownFormatIsNotFound() {
        #expect(send(app, .get, "/api/.xml").status == 404)
    }
}
