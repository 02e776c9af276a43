import Foundation
import Testing
import TestSupport

/// The request id param straight over FastCGI to the real api-server (nginx itself refuses a
/// header with a newline or of 10 KB, a FastCGI peer can send anything): a valid one is echoed
/// and logged with the request's lines; anything else is neither.
@Suite(.needsTestsRun) struct RequestIDTests {
    static let id = "2c9f5e0b8a1d4e7f9b3c6d2a1e0f4b5c"

    static func params(_ path: String, requestID: String) -> [(String, String)] {
        FastCGIClient.params(path: path) + [("REQUEST_ID", requestID)]
    }

    @Test func aValidIDIsEchoedAndOnTheAccessAndErrorLines() throws {
        let server = try APIServerProcess(arguments: ["--workers", "1"])
        let ok = try FastCGIClient.send(to: server.address, params: Self.params("/anything", requestID: Self.id))
        #expect(ok.status == 200)
        #expect(ok.header("X-Request-ID") == Self.id)
        let failed = try FastCGIClient.send(to: server.address, params: Self.params("/__test/throw", requestID: "apache-YWJj@1"))
        #expect(failed.status == 500)
        #expect(failed.header("x-request-id") == "apache-YWJj@1")
        #expect(
            waitUntil(timeout: 5) {
                server.log.contains(#""GET /anything" 200 "#) && server.log.contains("request_id=\(Self.id)\n")
                    && server.log.contains(#""GET /__test/throw" 500 "#)
            }, "\(server.log)")
        let error = try #require(server.log.split(separator: "\n").first { $0.contains("GET /__test/throw failed") }, "\(server.log)")
        #expect(
            error.range(
                of: #"^\d{4}-\d\d-\d\dT[0-9:.]+Z error: worker 0: GET /__test/throw failed: .* request_id=apache-YWJj@1$"#,
                options: .regularExpression) != nil, "\(error)")
    }

    @Test func aHostileIDIsNeitherEchoedNorLogged() throws {
        let server = try APIServerProcess(arguments: ["--workers", "1"])
        let hostile = [
            "x\r\nX-Injected: 1", "x\n2026-12-07T03:40:00.123Z error: forged", String(repeating: "h", count: 10 * 1024),
            "has space", "\"quoted\"",
        ]
        for (n, value) in hostile.enumerated() {
            let response = try FastCGIClient.send(to: server.address, params: Self.params("/hostile/\(n)", requestID: value))
            #expect(response.status == 200)
            #expect(response.header("x-request-id") == nil, "\(value.prefix(40))")
            #expect(response.header("x-injected") == nil)
        }
        #expect(waitUntil(timeout: 5) { server.log.contains(#""GET /hostile/\#(hostile.count - 1)" 200"#) }, "\(server.log)")
        let lines = server.log.split(separator: "\n")
        #expect(!server.log.contains("X-Injected") && !server.log.contains("forged") && !server.log.contains("hhhhhhhh"))
        #expect(!server.log.contains("request_id"))
        // Every line is a whole log line.
        #expect(lines.allSatisfy { $0.range(of: #"^\d{4}-\d\d-\d\dT"#, options: .regularExpression) != nil }, "\(server.log)")
    }
}
