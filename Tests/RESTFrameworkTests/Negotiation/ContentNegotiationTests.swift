import Testing
@testable import RESTFramework
import RESTTesting

/// A second renderer, to see which one negotiation picks.
private struct PlainTextRenderer: Renderer {
    var mediaType: String { "text/plain" }
    var format: String { "txt" }
    func render(_ data: JSON?, acceptedMediaType: String?, request: Request?) -> [UInt8] { Array("text".utf8) }
}

/// A renderer whose own type carries a parameter or a wildcard (the no-Accept shortcut must not apply).
private struct TypedRenderer: Renderer {
    let mediaType: String
    var format: String { "typed" }
    func render(_ data: JSON?, acceptedMediaType: String?, request: Request?) -> [UInt8] { [] }
}

struct ContentNegotiationTests {
    static func select(
        accept: String?, query: String = "", suffix: String? = nil,
        renderers: [any Renderer] = [JSONRenderer()]
    ) throws -> (renderer: String, mediaType: String) {
        var headers = Headers()
        if let accept { headers["Accept"] = accept }
        let request = APIRequestFactory().get(query.isEmpty ? "/" : "/?" + query, headers: headers)
        let chosen = try ContentNegotiation.select(
            request: request, renderers: renderers, formatSuffix: suffix, overrideParameter: "format")
        return (chosen.renderer.mediaType, chosen.mediaType)
    }

    @Test func noAcceptOrWildcardTakesTheFirstRenderer() throws {
        #expect(try Self.select(accept: nil) == ("application/json", "application/json"))
        #expect(try Self.select(accept: "*/*") == ("application/json", "application/json"))
        #expect(try Self.select(accept: "*/*", renderers: [PlainTextRenderer(), JSONRenderer()]).renderer == "text/plain")
        #expect(try Self.select(accept: "application/*") == ("application/json", "application/json"))
    }

    @Test func noAcceptSkipsARendererWhoseTypeHasParameters() throws {
        // `*/*` has no `version`: DRF's match fails for that renderer, the next one wins.
        let versioned: [any Renderer] = [TypedRenderer(mediaType: "application/json; version=2"), PlainTextRenderer()]
        #expect(try Self.select(accept: nil, renderers: versioned) == ("text/plain", "text/plain"))
        #expect(try Self.select(accept: "*/*", renderers: versioned) == ("text/plain", "text/plain"))
        // `q` alone does not count; a wildcard renderer answers with the entry's text.
        #expect(try Self.select(accept: nil, renderers: [TypedRenderer(mediaType: "text/plain; q=0.5")]).mediaType == "text/plain; q=0.5")
        #expect(try Self.select(accept: nil, renderers: [TypedRenderer(mediaType: "*/*")]).mediaType == "*/*")
        #expect(throws: NotAcceptable.self) { try Self.select(accept: nil, renderers: []) }
    }

    @Test func acceptedMediaTypeKeepsTheClientsParameters() throws {
        #expect(try Self.select(accept: "application/json; indent=4").mediaType == "application/json; indent=4")
        #expect(try Self.select(accept: "application/json;q=0.9").mediaType == "application/json;q=0.9")
        // A wildcard entry: the renderer's own type plus the entry's parameters, joined as DRF joins them.
        #expect(try Self.select(accept: "*/*; indent=2").mediaType == "application/json;indent=2")
        #expect(try Self.select(accept: "APPLICATION/JSON").mediaType == "APPLICATION/JSON")
    }

    @Test func moreSpecificEntriesWinAndQualityIsIgnored() throws {
        let both: [any Renderer] = [JSONRenderer(), PlainTextRenderer()]
        #expect(try Self.select(accept: "application/json;q=0.1, text/plain; charset=utf-8", renderers: both).renderer == "text/plain")
        #expect(try Self.select(accept: "*/*, text/plain", renderers: both).renderer == "text/plain")
        #expect(try Self.select(accept: "text/*, application/json", renderers: both).renderer == "application/json")
        // Same precedence: renderer order decides, as DRF loops renderers inside each level.
        #expect(try Self.select(accept: "text/plain, application/json", renderers: both).renderer == "application/json")
        // DRF ignores q, even q=0.
        #expect(try Self.select(accept: "application/json;q=0").renderer == "application/json")
    }

    @Test func unsatisfiableAcceptIs406() {
        for accept in ["text/html", "text/*", "application/xml, text/csv", "", "application"] {
            #expect(throws: NotAcceptable.self, "\(accept)") { try Self.select(accept: accept) }
        }
        #expect(NotAcceptable().message == "Could not satisfy the request Accept header.")
        #expect(NotAcceptable().statusCode == 406)
    }

    @Test func formatSuffixAndQueryParameterFilterRenderers() throws {
        let both: [any Renderer] = [JSONRenderer(), PlainTextRenderer()]
        #expect(try Self.select(accept: nil, suffix: "txt", renderers: both).renderer == "text/plain")
        #expect(try Self.select(accept: nil, query: "format=txt", renderers: both).renderer == "text/plain")
        #expect(try Self.select(accept: nil, query: "format=json", suffix: "txt", renderers: both).renderer == "text/plain")
        #expect(try Self.select(accept: nil, query: "format=", renderers: both).renderer == "application/json")
        // The format narrows the renderers; Accept must still match one of them.
        #expect(throws: NotAcceptable.self) { try Self.select(accept: "text/plain", query: "format=json", renderers: both) }
    }

    @Test func unknownFormatIs404() {
        #expect(throws: NotFound.self) { try Self.select(accept: nil, suffix: "xml") }
        #expect(throws: NotFound.self) { try Self.select(accept: nil, query: "format=api") }
        #expect(NotFound().message == "Not found.")
    }

    @Test func mediaTypeParsingAndPrecedence() {
        let type = MediaType(#"Text/HTML ; Charset="utf-8"; q=0.5; level=1"#)
        #expect(type.fullType == "text/html")
        #expect(type.mainType == "text" && type.subType == "html")
        #expect(type.parameter("charset") == "utf-8")
        #expect(type.precedence == 3)
        #expect(MediaType("text/html;q=0.3").precedence == 2)
        #expect(MediaType("text/*").precedence == 1)
        #expect(MediaType("*/*; indent=2").precedence == 0)
        #expect(MediaType("application/json").matches(MediaType("application/json; indent=4")))
        #expect(!MediaType("application/json; indent=4").matches(MediaType("application/json")))
        #expect(MediaType("application/json; indent=4").matches(MediaType("application/json; indent=4; q=1")))
        #expect(
            HeaderParameters.parse(#"form-data; name="a;b"; filename*=UTF-8''%E2%82%AC.txt"#).parameters.map(\.value) == ["a;b", "€.txt"])
    }

    @Test func rendererIndent() {
        let renderer = JSONRenderer()
        let data: JSON = ["a": [1]]
        func text(_ accepted: String?) -> String {
            String(decoding: renderer.render(data, acceptedMediaType: accepted, request: nil), as: UTF8.self)
        }
        #expect(text(nil) == #"{"a":[1]}"#)
        #expect(text("application/json") == #"{"a":[1]}"#)
        #expect(text("application/json; indent=2") == "{\n  \"a\": [\n    1\n  ]\n}")
        #expect(text("application/json; indent=\"1\"") == "{\n \"a\": [\n  1\n ]\n}")
        #expect(text("application/json; indent=99") == text("application/json; indent=8"))
        #expect(text("application/json; indent=8").contains("\n        \"a\""))
        for compact in ["0", "-3", "x", "", "2.5", "1__0"] {
            #expect(text("application/json; indent=\(compact)") == #"{"a":[1]}"#, "\(compact)")
        }
        // Python's int(): whitespace, sign, underscores between digits, other scripts' digits.
        #expect(JSONRenderer.indent(from: "application/json; indent=+3") == 3)
        #expect(JSONRenderer.indent(from: "application/json; indent=\" 1_0 \"") == 8)
        #expect(JSONRenderer.indent(from: "application/json; indent=\u{0664}") == 4)
        #expect(renderer.render(nil, acceptedMediaType: "application/json; indent=4", request: nil).isEmpty)
        #expect(renderer.charset == nil)
    }
}
