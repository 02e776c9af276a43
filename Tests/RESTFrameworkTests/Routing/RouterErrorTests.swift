import Testing
@testable import RESTFramework

final class ListNamedExtraViewSet: ViewSet, ListAction {
    override class var extraActions: [ExtraAction] {
        [
            .action("list", detail: false) { (view: ListNamedExtraViewSet, _) in describe(view) },
            .action("destroy", detail: true) { (view: ListNamedExtraViewSet, _) in describe(view) },
        ]
    }
    func list(_ request: Request) throws -> Response { describe(self) }
}

final class MappingNamedDestroyViewSet: ViewSet, RetrieveAction {
    override class var extraActions: [ExtraAction] {
        [
            .action("archive", detail: true, methods: [.post]) { (view: MappingNamedDestroyViewSet, _) in describe(view) }
                .mapping(.delete, "destroy") { (view: MappingNamedDestroyViewSet, _) in describe(view) }
        ]
    }
    func retrieve(_ request: Request) throws -> Response { describe(self) }
}

final class SharedPathViewSet: ViewSet, ListAction {
    override class var extraActions: [ExtraAction] {
        [
            .action("recent", detail: false) { (view: SharedPathViewSet, _) in describe(view) },
            .action("latest", detail: false, urlPath: "recent") { (view: SharedPathViewSet, _) in describe(view) },
        ]
    }
    func list(_ request: Request) throws -> Response { describe(self) }
}

final class SlashedPathViewSet: ViewSet, ListAction {
    override class var extraActions: [ExtraAction] {
        [
            .action("recent", detail: false, urlPath: "recent/") { (view: SlashedPathViewSet, _) in describe(view) }
        ]
    }
    func list(_ request: Request) throws -> Response { describe(self) }
}

final class BadRegexViewSet: ViewSet, RetrieveAction {
    override class var lookupValueRegex: String? { "[0-9" }
    func retrieve(_ request: Request) throws -> Response { describe(self) }
}

@Suite struct RouterErrorTests {
    func message(_ body: () throws -> Void) -> String? {
        do { try body() } catch let error as ImproperlyConfigured { return error.message } catch { return "\(error)" }
        return nil
    }

    @Test func missingBasenameSaysTheFix() {
        var router = SimpleRouter()
        let text = message { try router.register("accounts", AccountViewSet.self) }
        #expect(
            text?.hasPrefix(
                "`basename` argument not specified, and could not automatically determine the name from the viewset AccountViewSet, as it does not have a `.queryset` attribute"
            ) == true)
        #expect(text?.contains("Pass `basename:` to `register`") == true)
        #expect(router.registry.isEmpty)
    }

    @Test func basenameComesFromTheQuerysetModel() throws {
        var router = DefaultRouter()
        try router.register("users", UserViewSet.self)
        try router.register("people", AccountViewSet.self, basename: "person")
        #expect(router.registry.map(\.basename) == ["user", "person"])
    }

    @Test func duplicateBasename() throws {
        var router = DefaultRouter()
        try router.register("users", UserViewSet.self)
        let text = message { try router.register("people", UserViewSet.self) }
        #expect(text == "Router with basename \"user\" is already registered. Please provide a unique basename for viewset \"UserViewSet\"")
        // The same viewset twice is fine with distinct basenames.
        try router.register("people", UserViewSet.self, basename: "person")
        #expect(router.registry.count == 2)
    }

    @Test func extraActionsNamedAfterExistingRoutes() {
        var router = SimpleRouter()
        let text = message { try router.register("things", ListNamedExtraViewSet.self, basename: "thing") }
        #expect(
            text
                == "Cannot use the following extra actions of ListNamedExtraViewSet, as they are existing routes: destroy, list. Give each extra action (and each `mapping` handler) a name of its own."
        )
    }

    @Test func mappingHandlerNamedAfterAnExistingRoute() {
        var router = SimpleRouter()
        let text = message { try router.register("things", MappingNamedDestroyViewSet.self, basename: "thing") }
        #expect(
            text?.hasPrefix("Cannot use the following extra actions of MappingNamedDestroyViewSet, as they are existing routes: destroy.")
                == true)
    }

    @Test func extraActionsSharingAURLPath() {
        var router = SimpleRouter()
        let text = message { try router.register("things", SharedPathViewSet.self, basename: "thing") }
        #expect(
            text
                == "Extra actions 'latest' and 'recent' of SharedPathViewSet share the URL path 'recent' (detail: false), so one route would hide the other; give one of them another `urlPath:`."
        )
    }

    @Test func malformedURLPath() {
        var router = SimpleRouter()
        let text = message { try router.register("things", SlashedPathViewSet.self, basename: "thing") }
        #expect(text?.hasPrefix("Extra action 'recent' of SlashedPathViewSet has the URL path 'recent/'") == true)
    }

    @Test func invalidLookupRegex() {
        var router = SimpleRouter()
        let text = message { try router.register("things", BadRegexViewSet.self, basename: "thing") }
        #expect(text == "The lookup pattern `[0-9` is not a valid regular expression; fix `lookupValueRegex`.")
    }

    @Test func badRouteSyntax() {
        #expect(
            message { _ = try URLConf([.path("x/<float:f>/", ObtainAuthToken.asView())]) }?.contains("write <name>, <int:name>") == true)
        #expect(message { _ = try URLConf([.path("x/<id", ObtainAuthToken.asView())]) } == "URL route 'x/<id' has an unclosed '<'.")
        #expect(
            message { _ = try URLConf([.path("x/v<int:id>/", ObtainAuthToken.asView())]) }?.contains("mixes text and a parameter") == true)
    }
}
