import Testing
@testable import RESTFramework

@Suite struct ResolveTests {
    let urls: URLConf
    init() throws { urls = try referenceURLConf() }

    func route(_ path: String) -> (view: String, actions: [String: String], kwargs: [String: String], format: String?)? {
        guard let found = matched(urls, path) else { return nil }
        let actions = (found.endpoint.actions ?? [:]).reduce(into: [String: String]()) { $0[$1.key.rawValue] = $1.value.name }
        return (ViewNaming.className(of: found.endpoint.viewType), actions, found.kwargs, found.format)
    }

    @Test func listAndDetail() {
        let list = route("/api/users/")
        #expect(list?.view == "UserViewSet")
        #expect(list?.actions == ["GET": "list", "POST": "create"])
        #expect(list?.kwargs == [:] && list?.format == nil)

        let detail = route("/api/users/3/")
        #expect(detail?.actions == ["GET": "retrieve", "PUT": "update", "PATCH": "partial_update", "DELETE": "destroy"])
        #expect(detail?.kwargs == ["pk": "3"])
    }

    @Test func onlyImplementedActionsAreMapped() {
        #expect(route("/api/simple-users/")?.actions == ["GET": "list"])
        #expect(route("/api/simple-users/7/")?.actions == ["GET": "retrieve"])
    }

    @Test func extraActionsAtBothLevelsWithTheirMappings() {
        #expect(route("/api/users/recent_users/")?.actions == ["GET": "recent_users"])
        #expect(route("/api/users/3/set_password/")?.actions == ["POST": "set_password"])
        #expect(route("/api/users/3/set_password/")?.kwargs == ["pk": "3"])
        #expect(route("/api/users/3/unset_password/")?.actions == ["POST": "unset_password", "DELETE": "unset_password"])
        #expect(route("/api/users/3/password/")?.actions == ["PUT": "password", "DELETE": "delete_password"])
        #expect(route("/api/accounts/5/add-member/")?.actions == ["POST": "add_member"])
        #expect(route("/api/accounts/5/add_member/") == nil)
    }

    @Test func listExtraActionBeatsTheDetailLookupButOnlyUnderItsOwnPath() {
        #expect(route("/api/users/recent_users/")?.actions["GET"] == "recent_users")
        // Hyphenated, it is just a lookup value.
        #expect(route("/api/users/recent-users/")?.actions["GET"] == "retrieve")
        #expect(route("/api/users/recent-users/")?.kwargs == ["pk": "recent-users"])
    }

    @Test(arguments: [
        ("/api/users.json", "list", [String: String]()),
        ("/api/users.json/", "list", [:]),
        ("/api/users/3.json", "retrieve", ["pk": "3"]),
        ("/api/users/3.json/", "retrieve", ["pk": "3"]),
        ("/api/users/recent_users.json", "recent_users", [:]),
        ("/api/users/3/set_password.json", "set_password", ["pk": "3"]),
        ("/api/users/3/password.json/", "password", ["pk": "3"]),
        ("/api/accounts/5/add-member.json", "add_member", ["pk": "5"]),
    ])
    func formatSuffixes(path: String, action: String, kwargs: [String: String]) {
        let found = route(path)
        #expect(found?.format == "json")
        #expect(found?.kwargs == kwargs)
        #expect(found?.actions.values.contains(action) == true)
    }

    @Test func rootAndItsSuffix() {
        #expect(route("/api/")?.view == "APIRootView")
        #expect(route("/api/")?.format == nil)
        #expect(route("/api/.json")?.view == "APIRootView")
        #expect(route("/api/.json")?.format == "json")
        #expect(route("/api/.json/")?.format == "json")
    }

    @Test func plainViewsGetNoSuffix() {
        #expect(route("/api/auth-token/")?.view == "ObtainAuthToken")
        #expect(route("/api/auth-token.json") == nil)
    }

    @Test func aDotInsideAWiderCharacterIsNoFormatSeparator() {
        // U+0600 is a prepended mark: with the dot after it, it makes one `Character`, which
        // DRF's regex sees as no `.`; the byte scan for the dot must not find a format there.
        #expect(route("/api/users/3\u{600}.json/") == nil)
        #expect(route("/api/users/3\u{600}x.json/")?.format == "json")
        // A dot with a combining mark is no dot either (and no lookup value: it has a dot byte).
        #expect(route("/api/users/3.\u{301}json/") == nil)
    }

    @Test func literalSegmentsCompareAsStrings() throws {
        final class V: APIView {}
        let urls = try URLConf([.path("api/K/", V.asView(), name: "k"), .path("api/caf\u{E9}/", V.asView(), name: "cafe")])
        #expect(matched(urls, "/api/K/") != nil)
        #expect(matched(urls, "/api/k/") == nil)
        #expect(matched(urls, "/api/KK/") == nil)
        // Canonically equivalent text is the same `String`: the Kelvin sign is K, a decomposed é is é.
        #expect(matched(urls, "/api/\u{212A}/") != nil)
        #expect(matched(urls, "/api/cafe\u{301}/") != nil)
        #expect(matched(urls, "/api/caf\u{E9}/") != nil)
    }

    @Test func aLeadingSlashWithACombiningMarkIsNoSlash() throws {
        final class V: APIView {}
        let urls = try URLConf([.path("\u{301}x/", V.asView()), .path("", V.asView())])
        // "/\u{301}" is one Character, not "/": the path keeps it and matches nothing.
        #expect(matched(urls, "/\u{301}x/") == nil)
        #expect(matched(urls, "/") != nil)
        #expect(matched(urls, "") != nil)
    }

    @Test func aDotEndsTheLookupAndStartsAFormat() {
        // DRF's regex reads `1.5` as pk 1, format 5; negotiation then answers 404.
        let found = route("/api/users/1.5/")
        #expect(found?.kwargs == ["pk": "1"] && found?.format == "5")
        // Upper case is not a format, and a lookup takes no dot: nothing matches.
        #expect(route("/api/users/1.JSON/") == nil)
        #expect(route("/api/users/1.5.json/") == nil)
    }

    @Test func missingTrailingSlashRedirects() {
        guard case .redirect(let target) = urls.resolve("/api/users") else { Issue.record("no redirect"); return }
        #expect(target == "/api/users/")
        guard case .redirect(let detail) = urls.resolve("/api/users/3/set_password") else { Issue.record("no redirect"); return }
        #expect(detail == "/api/users/3/set_password/")
        guard case .redirect(let root) = urls.resolve("/api") else { Issue.record("no redirect"); return }
        #expect(root == "/api/")
    }

    @Test(arguments: [
        "/", "/api/nothing/", "/api/nothing", "/api/users/3/unknown/", "/api/users//", "/api/users/.json",
        "/api/users/3/4/", "/api/auth-token/extra/", "/api/simple-users/3/set_password/",
    ])
    func notFound(path: String) {
        guard case .notFound = urls.resolve(path) else { Issue.record("\(path) resolved"); return }
    }

    @Test func withoutTrailingSlashNothingRedirects() throws {
        var router = SimpleRouter(trailingSlash: false)
        try router.register("notes", NoteViewSet.self)
        let urls = try URLConf([.include("api/", router)])
        #expect(matched(urls, "/api/notes")?.endpoint.actions?[.get] == "list")
        #expect(matched(urls, "/api/notes/4")?.kwargs == ["pk": "4"])
        guard case .notFound = urls.resolve("/api/notes/") else { Issue.record("slashed path resolved"); return }
    }

    @Test func firstMatchingPatternWins() throws {
        let urls = try URLConf([
            .path("things/<int:id>/", ObtainAuthToken.asView(name: "by id"), name: "by-id"),
            .path("things/<slug>/", ObtainAuthToken.asView(name: "by slug"), name: "by-slug"),
        ])
        #expect(matched(urls, "/things/42/")?.endpoint.initkwargs.name == "by id")
        #expect(matched(urls, "/things/42/")?.kwargs == ["id": "42"])
        #expect(matched(urls, "/things/forty-two/")?.endpoint.initkwargs.name == "by slug")
        #expect(matched(urls, "/things/forty-two/")?.kwargs == ["slug": "forty-two"])
    }
}
