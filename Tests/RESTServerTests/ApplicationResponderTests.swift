import FastCGI
import RESTFramework
@testable import RESTServer
import Testing

/// The FastCGI request's headers are the view's, and the view's response headers are what
/// FastCGI writes: one `Headers` value handed across, order and repeats as they were.
@Suite struct ApplicationResponderTests {
    @Test func headersCrossWithoutConversion() {
        let fastCGI = FastCGI.Request(params: [
            ("REQUEST_METHOD", "GET"), ("PATH_INFO", "/a/"), ("HTTP_HOST", "h"),
            ("HTTP_X_A", "1"), ("HTTP_ACCEPT", "*/*"), ("HTTP_X_A", "2"),
        ])
        let request = RESTFramework.Request(fastCGI: fastCGI)
        #expect(request.headers == fastCGI.headers)
        #expect(request.headers.fields.map(\.name) == ["host", "accept", "x-a"])
        #expect(request.headers["X-A"] == "2" && request.host == "h")

        let rendered = RenderedResponse(status: 201, headers: ["Location": "/a/1/", "Vary": "Accept", "vary": "Cookie"], body: [])
        let response = FastCGI.Response(rendered)
        #expect(response.headers == rendered.headers)
        #expect(response.status == 201)
    }
}
