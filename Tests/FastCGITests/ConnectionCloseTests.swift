import Foundation
import Testing
import FastCGI
import TestSupport

/// How a worker ends a connection: plainly once the request's input has been read to its end,
/// lingering (waiting for the web server's close) only when input may be left unread.
@Suite struct ConnectionCloseTests {
    /// One worker; the first client keeps its end open after the response. With a lingering
    /// close the worker would sit in libfcgi's 2 s wait for that client, and the second request
    /// would wait with it.
    @Test(arguments: [false, true])
    func aWorkerIsFreeAsSoonAsTheResponseIsWritten(withBody: Bool) throws {
        let server = try InProcessServer(workers: 1) { _, request in .text(200, "\(request.body.count)") }
        defer { server.stop() }
        let first = try FastCGIConnection(server.address)
        try first.beginRequest()
        let body = Array("{\"title\":\"x\"}".utf8)
        try first.sendParams(FastCGIClient.params(method: withBody ? "POST" : "GET", path: "/first",
                                                  body: withBody ? body : []))
        if withBody { #expect(first.sendStdin(body)) }
        #expect(first.endStdin())
        let response = try first.readResponse()
        #expect(response.status == 200)
        #expect(response.text == (withBody ? "\(body.count)" : "0"))
        // The server has closed its end: end of file, while ours stays open.
        #expect(try first.readRecord() == nil)

        let start = ContinuousClock.now
        let second = try FastCGIClient.request(to: server.address, path: "/second")
        #expect(second.status == 200)
        #expect(seconds(since: start) < 1.0, "the only worker was held by the first connection")
        first.close()
    }
}
