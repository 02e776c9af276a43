// The `///` examples of Sources/RESTFramework/Browsable, compiled (DocCommentExampleTests finds them here).
@testable import RESTFramework

extension DocHost {
    // BrowsableAPIRenderer
    func browsableAPIRenderer() {
        var settings = APISettings()
        settings.rendererClasses = [JSONRenderer(), BrowsableAPIRenderer(loginURL: "/api/auth/login/",
                                                                          logoutURL: "/api/auth/logout/")]
        _ = settings
    }

    func browsableAPIRendererWithSessions(sessions: Sessions) {
        let renderer =
        BrowsableAPIRenderer(loginURL: "/api/auth/login/", logoutURL: "/api/auth/logout/", sessions: sessions)
        _ = renderer
    }

    // HTMLWriter, LinkedJSON, Breadcrumbs
    func browsablePage(urls: URLConf, request: Request) {
        do {
            var html = HTMLWriter()
            html.markup("<b>")
            html.text("<script>")
            html.markup("</b>")
            html.string   // <b>&lt;script&gt;</b>
            html.open("input", [("type", "search"), ("name", "q"), ("value", request.query["q"] ?? "")])
        }
        do {
            var html = HTMLWriter()
            LinkedJSON.write(["url": "http://example.com/api/users/1/"], into: &html)
            // {\n    "url": "<a href="http://example.com/api/users/1/" rel="nofollow">http://example.com/api/users/1/</a>"\n}
        }
        Breadcrumbs.of("/api/projects/", urls: urls)
        // [("Api Root", "/api/"), ("Project List", "/api/projects/")]
    }
}
