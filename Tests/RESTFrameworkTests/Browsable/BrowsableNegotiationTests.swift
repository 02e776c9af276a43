import Testing
@testable import RESTFramework
import RESTTesting

/// Content negotiation with DRF's default renderers (JSON, then the browsable API): browsers
/// get the page, every other client JSON as before.
struct BrowsableNegotiationTests {
    static func select(accept: String?, query: String = "", suffix: String? = nil) throws -> (format: String, mediaType: String) {
        var headers = Headers()
        if let accept { headers["Accept"] = accept }
        let request = APIRequestFactory().get(query.isEmpty ? "/" : "/?" + query, headers: headers)
        let chosen = try ContentNegotiation.select(
            request: request, renderers: APISettings().rendererClasses, formatSuffix: suffix, overrideParameter: "format")
        return (chosen.renderer.format, chosen.mediaType)
    }

    @Test func theDefaultsAreDRFs() {
        let renderers = APISettings().rendererClasses
        #expect(renderers.map(\.mediaType) == ["application/json", "text/html"])
        #expect(renderers.map(\.format) == ["json", "api"])
        #expect(renderers.map(\.charset) == [nil, "utf-8"])
    }

    @Test func browsersGetThePage() throws {
        for accept in [
            "text/html", "text/html, */*", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "text/*",
            "text/html; q=0.1, application/xml",
        ] {
            #expect(try Self.select(accept: accept).format == "api", "\(accept)")
        }
        #expect(try Self.select(accept: "text/html").mediaType == "text/html")
    }

    @Test func everyOtherClientGetsJSONAsBefore() throws {
        for accept in [nil, "*/*", "application/json", "application/*", "application/json, text/html"] {
            #expect(try Self.select(accept: accept) == ("json", "application/json"), "\(accept ?? "none")")
        }
        // Same precedence: the renderers' order decides (the accepted entry is kept as sent).
        #expect(try Self.select(accept: "text/html, application/json;q=0.5") == ("json", "application/json;q=0.5"))
        #expect(try Self.select(accept: "application/json; indent=4, text/html") == ("json", "application/json; indent=4"))
        #expect(throws: NotAcceptable.self) { try Self.select(accept: "application/xml") }
    }

    @Test func formatApiAndTheApiSuffixSelectThePage() throws {
        #expect(try Self.select(accept: nil, query: "format=api").format == "api")
        #expect(try Self.select(accept: nil, suffix: "api").format == "api")
        #expect(try Self.select(accept: "*/*", suffix: "api") == ("api", "text/html"))
        #expect(throws: NotAcceptable.self) { try Self.select(accept: "text/html", query: "format=json") }
        // The format leaves only the page's renderer, which a JSON-only Accept refuses (DRF's 406).
        #expect(throws: NotAcceptable.self) { try Self.select(accept: "application/json", query: "format=api") }
        #expect(throws: NotFound.self) { try Self.select(accept: nil, query: "format=xml") }
    }
}
