import Testing
@testable import RESTFramework

@Suite struct ReverseTests {
    let urls: URLConf
    init() throws { urls = try referenceURLConf() }

    @Test func pathsByName() throws {
        #expect(try urls.reverse("user-list") == "/api/users/")
        #expect(try urls.reverse("user-detail", args: ["3"]) == "/api/users/3/")
        #expect(try urls.reverse("user-detail", kwargs: ["pk": "3"]) == "/api/users/3/")
        #expect(try urls.reverse("user-recent-users") == "/api/users/recent_users/")
        #expect(try urls.reverse("user-set-password", args: ["3"]) == "/api/users/3/set_password/")
        #expect(try urls.reverse("account-add-member", args: ["5"]) == "/api/accounts/5/add-member/")
        #expect(try urls.reverse("api-root") == "/api/")
        #expect(try urls.reverse("api-token") == "/api/auth-token/")
    }

    @Test func valuesAndLiteralsAreQuotedAsDjangoQuotesTheJoinedPath() throws {
        final class V: APIView {}
        let urls = try URLConf([
            .path("caf\u{E9} x/<str:name>/", V.asView(), name: "cafe"),
            .path("f/<str:format>/", V.asView(), name: "named-format"),
            .path("twice/<str:a>/<str:a>/", V.asView(), name: "twice"),
        ])
        #expect(try urls.reverse("cafe", kwargs: ["name": "a b:@!é%"]) == "/caf%C3%A9%20x/a%20b:@!%C3%A9%25/")
        #expect(try urls.reverse("cafe", args: ["~x;="], request: request(.get, "/")) == "http://testserver/caf%C3%A9%20x/~x;=/")
        #expect(try urls.reverse("named-format", kwargs: ["format": "json"]) == "/f/json/")
        #expect(try urls.reverse("twice", kwargs: ["a": "1"]) == "/twice/1/1/")
        #expect(try urls.reverse("twice", args: ["1", "2"]) == "/twice/1/1/")
        // Keys the pattern does not have, or a value with a slash: no match.
        #expect(throws: NoReverseMatch.self) { try urls.reverse("cafe", kwargs: ["name": "a", "other": "b"]) }
        #expect(throws: NoReverseMatch.self) { try urls.reverse("twice", kwargs: ["a": "1", "b": "2"]) }
        #expect(throws: NoReverseMatch.self) { try urls.reverse("cafe", kwargs: ["name": "a/b"]) }
        #expect(throws: NoReverseMatch.self) { try urls.reverse("cafe", kwargs: [:]) }
    }

    @Test func formatPicksTheSuffixPattern() throws {
        #expect(try urls.reverse("user-list", format: "json") == "/api/users.json")
        #expect(try urls.reverse("user-detail", kwargs: ["pk": "3"], format: "json") == "/api/users/3.json")
        #expect(try urls.reverse("user-set-password", kwargs: ["pk": "3"], format: "json") == "/api/users/3/set_password.json")
    }

    @Test func absoluteWithARequestKeepingFormatOverride() throws {
        #expect(try urls.reverse("user-list", request: request(.get, "/api/")) == "http://testserver/api/users/")
        let withFormat = request(.get, "/api/", query: "format=json&page=2")
        #expect(try urls.reverse("user-detail", args: ["3"], request: withFormat) == "http://testserver/api/users/3/?format=json")
        #expect(try urls.reverse("user-list", request: withFormat, format: "json") == "http://testserver/api/users.json?format=json")
        #expect(try urls.reverse("user-list", request: withFormat, urlFormatOverride: nil) == "http://testserver/api/users/")
    }

    @Test func valuesAreCheckedAndQuoted() throws {
        #expect(throws: NoReverseMatch.self) { try urls.reverse("user-detail", args: ["1.5"]) }
        #expect(throws: NoReverseMatch.self) { try urls.reverse("user-detail", args: ["a/b"]) }
        #expect(throws: NoReverseMatch.self) { try urls.reverse("user-detail", args: ["3", "4", "5"]) }
        // Two positional values fit the suffix pattern, as in Django.
        #expect(try urls.reverse("user-detail", args: ["3", "json"]) == "/api/users/3.json")
        #expect(throws: NoReverseMatch.self) { try urls.reverse("user-detail", kwargs: ["id": "3"]) }
        #expect(throws: NoReverseMatch.self) { try urls.reverse("user-list", format: "JSON") }
        // Positional values plus a format (a keyword) are Django's ValueError, not a miss.
        #expect(throws: ReverseArgumentsMixed.self) { try urls.reverse("user-detail", args: ["3"], format: "json") }
        #expect(try urls.reverse("user-detail", args: ["a b"]) == "/api/users/a%20b/")
        #expect(try urls.reverse("user-detail", args: ["é"]) == "/api/users/%C3%A9/")
    }

    @Test func unknownNamesSayWhatWasTried() {
        do {
            _ = try urls.reverse("nothing")
            Issue.record("reversed")
        } catch let error as NoReverseMatch {
            #expect(error.description == "Reverse for 'nothing' not found. 'nothing' is not a valid view function or pattern name.")
        } catch { Issue.record("\(error)") }
        do {
            _ = try urls.reverse("user-detail")
            Issue.record("reversed")
        } catch let error as NoReverseMatch {
            #expect(
                error.description
                    == #"Reverse for 'user-detail' with keyword arguments '{}' not found. 2 pattern(s) tried: ['^api/users/(?P<pk>[^/.]+)/$', '^api/users/(?P<pk>[^/.]+)\.(?P<format>[a-z0-9]+)/?$']"#
            )
        } catch { Issue.record("\(error)") }
    }

    @Test func theLastPatternOfANameIsTriedFirst() throws {
        // Django: with two patterns of one name, reverse finds the last one.
        let urls = try URLConf([
            .path("old/", ObtainAuthToken.asView(), name: "token"),
            .path("new/", ObtainAuthToken.asView(), name: "token"),
        ])
        #expect(try urls.reverse("token") == "/new/")
    }
}
