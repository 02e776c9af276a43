import Testing
@testable import RESTFramework
import RESTTesting

final class UsernameViewSet: ViewSet, ListAction, RetrieveAction {
    override class var lookupField: String { "username" }
    override class var lookupValueRegex: String? { #"[\w.@+-]+"# }
    override class var extraActions: [ExtraAction] {
        [
            .action("groups", detail: true) { (view: UsernameViewSet, _) in describe(view) }
        ]
    }
    func list(_ request: Request) throws -> Response { describe(self) }
    func retrieve(_ request: Request) throws -> Response { describe(self) }
}

final class KwargViewSet: ViewSet, RetrieveAction {
    override class var lookupField: String { "id" }
    override class var lookupURLKwarg: String? { "account_id" }
    override class var lookupValueRegex: String? { "[0-9]+" }
    func retrieve(_ request: Request) throws -> Response { describe(self) }
}

@Suite struct LookupTests {
    func urls() throws -> URLConf {
        var router = DefaultRouter()
        try router.register("people", UsernameViewSet.self, basename: "person")
        try router.register("accounts", KwargViewSet.self, basename: "account")
        return try URLConf([.include("api/", router)])
    }

    @Test func lookupFieldNamesTheKwarg() throws {
        let urls = try urls()
        #expect(matched(urls, "/api/people/alice/")?.kwargs == ["username": "alice"])
        #expect(matched(urls, "/api/people/alice/groups/")?.kwargs == ["username": "alice"])
        #expect(try urls.reverse("person-detail", kwargs: ["username": "bob"]) == "/api/people/bob/")
    }

    @Test func aCustomRegexMayAcceptDots() throws {
        let urls = try urls()
        #expect(matched(urls, "/api/people/a.b@c/")?.kwargs == ["username": "a.b@c"])
        #expect(matched(urls, "/api/people/a.b@c/")?.format == nil)
        // With a dot allowed, `a.b.json` is the longest lookup plus a format, as the regex reads it.
        #expect(matched(urls, "/api/people/a.b.json")?.kwargs == ["username": "a.b"])
        #expect(matched(urls, "/api/people/a.b.json")?.format == "json")
        #expect(matched(urls, "/api/people/a%20b/") == nil)
    }

    @Test func lookupURLKwargAndAConverterShapedRegex() throws {
        let urls = try urls()
        #expect(matched(urls, "/api/accounts/12/")?.kwargs == ["account_id": "12"])
        #expect(matched(urls, "/api/accounts/ab/") == nil)
        #expect(try urls.reverse("account-detail", args: ["12"]) == "/api/accounts/12/")
        #expect(throws: NoReverseMatch.self) { try urls.reverse("account-detail", args: ["ab"]) }
        // `[0-9]+` is the int shape: no regex is compiled for it.
        let lookup = try SimpleRouter().getLookup(KwargViewSet.self)
        guard case .parameter("account_id", .int) = lookup else { Issue.record("\(lookup)"); return }
    }

    @Test func routeTableShowsTheLookupRegex() throws {
        let table = try urls().routeTable
        #expect(table.contains(#"^api/people/(?P<username>[\w.@+-]+)/$"#))
        #expect(table.contains(#"^api/accounts/(?P<account_id>[0-9]+)\.(?P<format>[a-z0-9]+)/?$"#))
    }

    @Test func builtInMatchersNeedNoRegex() {
        #expect(SegmentMatcher.lookup.matches("42"))
        #expect(!SegmentMatcher.lookup.matches("4.2"))
        #expect(!SegmentMatcher.lookup.matches(""))
        #expect(SegmentMatcher.int.matches("007") && !SegmentMatcher.int.matches("-7"))
        #expect(SegmentMatcher.slug.matches("a-b_C9") && !SegmentMatcher.slug.matches("a.b"))
        #expect(SegmentMatcher.string.matches("a.b"))
    }
}

@Suite struct NestedPrefixTests {
    @Test func aPrefixWithAParameterNestsAViewset() throws {
        var router = DefaultRouter()
        try router.register("accounts", AccountViewSet.self, basename: "account")
        try router.register("accounts/<int:account_pk>/notes", NoteViewSet.self, basename: "account-note")
        let urls = try URLConf([.include("api/", router)])
        #expect(matched(urls, "/api/accounts/5/notes/3/")?.kwargs == ["account_pk": "5", "pk": "3"])
        #expect(matched(urls, "/api/accounts/5/notes.json")?.kwargs == ["account_pk": "5"])
        #expect(matched(urls, "/api/accounts/5/members/")?.endpoint.actions?[.get] == "members")
        #expect(matched(urls, "/api/accounts/x/notes/") == nil)
        #expect(try urls.reverse("account-note-detail", kwargs: ["account_pk": "5", "pk": "3"]) == "/api/accounts/5/notes/3/")
        #expect(urls.routeTable.contains("^api/accounts/(?P<account_pk>[0-9]+)/notes/(?P<pk>[^/.]+)/$"))
        // The root cannot link to a list that needs arguments, and leaves it out, as DRF does.
        let app = Application(urls: urls)
        #expect(bodyText(send(app, .get, "/api/")) == #"{"accounts":"http://testserver/api/accounts/"}"#)
    }
}
