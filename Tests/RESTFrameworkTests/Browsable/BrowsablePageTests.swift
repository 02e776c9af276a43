import Testing
@testable import RESTFramework
import RESTTesting

/// The browsable API's page, in its pure parts: escaping, the linked body, breadcrumbs, and
/// what the renderer does to a 204.
struct BrowsablePageTests {
    @Test func everyValueIsEscaped() {
        var html = HTMLWriter()
        html.text(#"<a href="x" onclick='y'>&amp;</a>"#)
        #expect(html.string == "&lt;a href=&quot;x&quot; onclick=&#x27;y&#x27;&gt;&amp;amp;&lt;/a&gt;")
        var attribute = HTMLWriter()
        attribute.element("a", [("href", #""><script>"#)], text: "<script>")
        #expect(attribute.string == #"<a href="&quot;&gt;&lt;script&gt;">&lt;script&gt;</a>"#)
    }

    @Test func theBodyIsIndentedBy4WithItsHTTPLinksClickable() {
        var html = HTMLWriter()
        LinkedJSON.write(
            ["url": "http://example.com/a/?x=1&y=2", "js": "javascript:alert(1)", "list": [1, "<b>"], "empty": [:], "n": nil],
            into: &html)
        #expect(
            html.string == """
                {
                    &quot;url&quot;: "<a href="http://example.com/a/?x=1&amp;y=2" rel="nofollow">http://example.com/a/?x=1&amp;y=2</a>",
                    &quot;js&quot;: &quot;javascript:alert(1)&quot;,
                    &quot;list&quot;: [
                        1,
                        &quot;&lt;b&gt;&quot;
                    ],
                    &quot;empty&quot;: {},
                    &quot;n&quot;: null
                }
                """)
        // A quote in a URL cannot leave the attribute.
        var quoted = HTMLWriter()
        LinkedJSON.write(.string(#"https://e.com/"onmouseover="x"#), into: &quoted)
        #expect(quoted.string.hasPrefix(#""<a href="https://e.com/&quot;onmouseover=&quot;x" rel="nofollow">"#))
        #expect(!LinkedJSON.isLink("http://e.com/a b"))
    }

    @Test func breadcrumbPrefixesGoFromTheRootToThePath() {
        #expect(Breadcrumbs.prefixes(of: "/api/projects/7/") == ["/", "/api/", "/api/projects/", "/api/projects/7/"])
        #expect(Breadcrumbs.prefixes(of: "/api/users") == ["/", "/api/", "/api/users"])
    }

    /// Django sets `csrftoken` whenever a page uses the token: the forms' masked token is of the
    /// cookie's secret, kept when the browser has one, new (and set) when it has none.
    @Test func thePageSetsTheCSRFCookieItsFormsTokenIsMaskedFrom() throws {
        let sessions = Sessions(secretKey: "s3cret", store: InMemorySessionStore(), users: SessionTestUsers())
        let renderer = BrowsableAPIRenderer(loginURL: "/login/", logoutURL: "/logout/", sessions: sessions)
        let secret = String(repeating: "k", count: 32)
        for cookie in [nil, "csrftoken=" + secret] {
            let request = APIRequestFactory().get("/api/things/", headers: ["Accept": "text/html", "Cookie": cookie ?? ""])
            request.user = alice
            var response = Response(["a": 1])
            let page = String(decoding: renderer.render(&response, view: nil, request: request), as: UTF8.self)
            let set = try #require(response.headers["Set-Cookie"])
            let sent = try #require(set.firstMatch(of: /^csrftoken=([A-Za-z0-9]{32}); expires=/)).1
            if cookie != nil { #expect(sent == secret) }
            let token = try #require(page.firstMatch(of: /name="csrfmiddlewaretoken" value="([A-Za-z0-9]{64})"/)).1
            #expect(CSRFToken.unmask(String(token)) == String(sent))
            // The page lists the response's headers, not the cookie.
            #expect(!page.contains("Set-Cookie"))
        }
    }

    @Test func aNoContentAnswerIsShownAs200WithThePage() {
        let request = APIRequestFactory().get("/api/things/1/", headers: ["Accept": "text/html"])
        var response = Response(status: 204)
        let page = String(decoding: BrowsableAPIRenderer().render(&response, view: nil, request: request), as: UTF8.self)
        #expect(response.status == 200)
        #expect(page.contains(#"<b class="status">HTTP 204 No Content</b>"#))
        #expect(page.contains("<b>GET</b> /api/things/1/</pre>"))
        // No sign-in link without a login URL (DRF without `rest_framework.urls`).
        #expect(!page.contains("Log in"))
        var other = Response(["a": 1], status: 201)
        let signIn = BrowsableAPIRenderer(loginURL: "/login/").render(&other, view: nil, request: request)
        #expect(other.status == 201)
        #expect(String(decoding: signIn, as: UTF8.self).contains(#"<a class="login" href="/login/?next=/api/things/1/">Log in</a>"#))
    }
}
