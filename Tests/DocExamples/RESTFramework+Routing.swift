// The `///` examples of Sources/RESTFramework/Routing, compiled (DocCommentExampleTests finds them here).
import PostgreSQL
@testable import RESTFramework
@testable import RESTModels

extension DocHost {
    // APIView.reverse
    func link() throws {
        let link = try reverse("user-detail", args: [String(user.id)])   // "http://host/api/users/7/"
        _ = link
    }

    // DefaultRouter
    func defaultRouter() throws {
        var router = DefaultRouter()
        try router.register("users", UserViewSet.self)
        try router.register("notes", NoteViewSet.self)
        let urls = try URLConf([.include("api/", router)])
        // GET /api/  → {"users":"http://host/api/users/","notes":"http://host/api/notes/"}
        // GET /api/users/3.json → the user detail, format "json"
        _ = urls
    }

    // ExtraActionChecks
    func extraActionChecks() throws {
        try ExtraActionChecks.validate(UserViewSet.extraActions, of: UserViewSet.self,
                                       against: RouteTemplate.simpleRouterRoutes)
    }

    // formatSuffixPatterns
    func formatSuffixes() throws {
        let urls = formatSuffixPatterns([URLPattern(try RoutePattern(path: "health/"), Health.asView())])
        // ^health/$   ^health\.(?P<format>[a-z0-9]+)/?$
        _ = urls
    }

    // RouteMatcher
    func routeMatcher(listPattern: RoutePattern, detailPattern: RoutePattern) throws {
        let matcher = try RouteMatcher([listPattern, detailPattern])
        var trace = RouteMatcher.Trace()
        matcher.match("users/3/", trace: &trace)   // Match(patternIndex: 1, captures: ["3"], format: nil)
    }

    // RoutePattern
    func routePatterns() throws {
        let detail = RoutePattern([.literal("users/"), .parameter("pk", .lookup), .literal("/")])
        detail.regex                        // ^users/(?P<pk>[^/.]+)/$
        try RoutePattern(path: "orgs/<int:org>/")   // Django's path() syntax
    }

    // RouteTemplate, Route, DynamicRoute, RouteURLTemplate
    func routeTemplates() throws {
        var routes = RouteTemplate.simpleRouterRoutes
        routes.append(.route(Route(url: "{prefix}/{lookup}/history{trailing_slash}",
                                   mapping: [(.get, "history")], name: "{basename}-history",
                                   detail: true, initkwargs: ViewInitKwargs(suffix: "History"))))
        let router = SimpleRouter(routes: routes)
        _ = router

        Route(url: "{prefix}{trailing_slash}", mapping: [(.get, "list")], name: "{basename}-list",
              detail: false, initkwargs: ViewInitKwargs(suffix: "List"))

        DynamicRoute(url: "{prefix}/{lookup}/{url_path}{trailing_slash}", name: "{basename}-{url_name}", detail: true)

        try RouteURLTemplate.expand("{prefix}/{lookup}{trailing_slash}", prefix: "users",
                                    lookup: .parameter("pk", .lookup), trailingSlash: true)
        // ^users/(?P<pk>[^/.]+)/$
    }

    // RouteTemplate, Route: actions by their cases
    func routeTemplatesByCase() {
        var routes = RouteTemplate.simpleRouterRoutes
        routes.append(.route(Route(url: "{prefix}/{lookup}/history{trailing_slash}",
                                   mapping: [(.get, .extra("history"))], name: "{basename}-history",
                                   detail: true, initkwargs: ViewInitKwargs(suffix: "History"))))
        let router = SimpleRouter(routes: routes)
        _ = router

        Route(url: "{prefix}{trailing_slash}", mapping: [(.get, .list)], name: "{basename}-list",
              detail: false, initkwargs: ViewInitKwargs(suffix: "List"))
    }

    // Router
    func simpleRouter() throws {
        var router = SimpleRouter()
        try router.register("users", UserViewSet.self)
        let urls = try URLConf([.include("api/", router)])
        _ = urls
    }

    // Router.registry
    func registry() {
        router.registry.map(\.basename)   // ["user", "simple-user"]
    }

    // SegmentMatcher, SegmentRegex
    func segments() throws {
        SegmentMatcher.lookup.matches("42")        // true
        SegmentMatcher.lookup.matches("1.5")       // false: a dot starts a format suffix
        try SegmentMatcher(regex: "[0-9a-f]{8}")   // a custom lookup

        let hex = try SegmentRegex("[0-9a-f]+")
        hex.matches("beef")   // true
    }

    // SimpleRouter
    func registrations() throws {
        var router = SimpleRouter()                        // or SimpleRouter(trailingSlash: false)
        try router.register("users", UserViewSet.self)     // basename "user", from the queryset model
        try router.register("accounts", AccountViewSet.self, basename: "account")
        // users/ users/recent_users/ users/{pk}/ users/{pk}/set_password/ ...
    }

    // URLConf.reverse, NoReverseMatch, routeTable, URLResolution
    func reversing(urls: URLConf) throws {
        try urls.reverse("user-detail", args: ["3"])                       // "/api/users/3/"
        try urls.reverse("user-list", request: request, format: "json")    // "http://host/api/users.json"

        do { _ = try urls.reverse("user-detail") }
        catch let error as NoReverseMatch { print(error) }   // "... 2 pattern(s) tried: [...]"

        print(urls.routeTable)
        // ^api/users/$   user-list   get=list post=create   User List

        switch urls.resolve("/api/users/3.json") {
        case .match(let endpoint, let kwargs, let format): print(endpoint, kwargs, format ?? "")   // kwargs ["pk": "3"], format "json"
        case .redirect(let location): print(location)   // "/api/users/" for "/api/users"
        case .notFound: print("404")
        }
    }

    // URLConf
    func urlConf() throws {
        var router = DefaultRouter()
        try router.register("users", UserViewSet.self)
        let urls = try URLConf([
            .include("api/", router),
            .path("api/auth-token/", ObtainAuthToken.asView(), name: "api-token"),
        ])
        urls.resolve("/api/users/3.json")   // .match(user detail, kwargs: ["pk": "3"], format: "json")
        urls.resolve("/api/users")          // .redirect(to: "/api/users/")
        try urls.reverse("user-detail", args: ["3"])   // "/api/users/3/"
    }

    // URLPattern
    func pattern() throws {
        let pattern = URLPattern(try RoutePattern(path: "health/"), Health.asView(), name: "health")
        _ = pattern
    }
}
