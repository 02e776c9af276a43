import Testing
@testable import FastCGI

/// `Response.cgiEncoded()`: the bytes written on FCGI_STDOUT.
@Suite struct ResponseEncodingTests {
    func text(_ response: Response) -> String { String(decoding: response.cgiEncoded(), as: UTF8.self) }

    @Test func theRequestIDIsEchoedUnlessTheHandlerSetItsOwn() {
        let echoed = String(decoding: Response.text(200, "ok").cgiEncoded(requestID: "4f1c"), as: UTF8.self)
        #expect(echoed == "Status: 200 OK\r\ncontent-type: text/plain; charset=utf-8\r\nX-Request-ID: 4f1c\r\ncontent-length: 2\r\n\r\nok")
        var own = Response.text(200, "ok")
        own.headers.add("x-request-id", "mine")
        let kept = String(decoding: own.cgiEncoded(requestID: "4f1c"), as: UTF8.self)
        #expect(kept.contains("x-request-id: mine\r\n") && !kept.contains("4f1c"))
        #expect(!String(decoding: Response.text(200, "ok").cgiEncoded(), as: UTF8.self).lowercased().contains("x-request-id"))
    }

    @Test func handlerContentLengthIsNotDoubled() {
        var response = Response.json(200, "{}")
        response.headers.add("Content-Length", "2")
        #expect(!text(response).contains("content-length: 2"))  // the handler's own length is kept, not doubled
    }

    @Test func statusLineHeadersLengthAndBody() {
        var response = Response.json(201, "{}")
        response.headers.add("set-cookie", "a=1")
        response.headers.add("set-cookie", "b=2")
        #expect(
            text(response)
                == "Status: 201 Created\r\ncontent-type: application/json\r\nset-cookie: a=1\r\nset-cookie: b=2\r\ncontent-length: 2\r\n\r\n{}"
        )
    }

    @Test func handlerContentLengthIsKeptAndNoBodyStatusesGetNone() {
        #expect(text(Response(status: 200, headers: ["Content-Length": "0"])) == "Status: 200 OK\r\nContent-Length: 0\r\n\r\n")
        #expect(text(Response(status: 204)) == "Status: 204 No Content\r\n\r\n")
        #expect(text(Response(status: 304)) == "Status: 304 Not Modified\r\n\r\n")
    }

    @Test func lineBreaksCannotForgeHeadersAndStatusCannotBeOverridden() {
        let response = Response(status: 200, headers: ["x-a": "1\r\nx-b: 2", "Status": "302 Found", "x\nc": "3"], body: [])
        #expect(text(response) == "Status: 200 OK\r\nx-a: 1x-b: 2\r\nxc: 3\r\ncontent-length: 0\r\n\r\n")
    }

    @Test func unknownAndInvalidStatuses() {
        #expect(text(Response(status: 299)).hasPrefix("Status: 299 Success\r\n"))
        #expect(text(Response(status: 42)).hasPrefix("Status: 500 Internal Server Error\r\n"))
        #expect(HTTPReasonPhrase.for(413) == "Content Too Large")
    }
}
