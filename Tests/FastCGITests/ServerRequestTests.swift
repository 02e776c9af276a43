import Foundation
import Synchronization
import Testing
import FastCGI
import TestSupport

/// What the handler sees and what the client gets back, over a real unix socket.
@Suite(.needsTestsRun) struct ServerRequestTests {
    @Test func paramsAndHeadersReachTheHandler() throws {
        let seen = Mutex<Request?>(nil)
        let server = try InProcessServer { _, request in
            seen.withLock { $0 = request }
            return .text(200, "ok")
        }
        defer { server.stop() }
        let response = try FastCGIClient.request(
            to: server.address, method: "DELETE", path: "/users/7/", query: "force=1&x=%20",
            headers: [("Host", "api.example.com"), ("X-Forwarded-For", "10.1.2.3"), ("Accept", "application/json"), ("X-Empty", "")])
        #expect(response.status == 200)
        let request = try #require(seen.withLock { $0 })
        #expect(request.method == "DELETE")
        #expect(request.path == "/users/7/")
        #expect(request.queryString == "force=1&x=%20")
        #expect(request.scheme == "http")
        #expect(request.host == "api.example.com")
        #expect(request.remoteAddress == "127.0.0.1")
        #expect(request.headers["x-forwarded-for"] == "10.1.2.3")
        #expect(request.headers["accept"] == "application/json")
        #expect(request.headers.fields.map(\.name) == ["host", "x-forwarded-for", "accept", "x-empty"])
        #expect(request.params["SERVER_SOFTWARE"] == "test-client")
        #expect(request.body.isEmpty)
        #expect(request.contentLength == nil)
    }

    /// Header values are Latin-1, a character per byte, as WSGI hands them to Django: UTF-8 text
    /// and bytes that are not UTF-8 both arrive whole (DRF decides what `Token café` means from
    /// the bytes), while the path stays UTF-8.
    @Test func headerValuesArriveAsLatin1() throws {
        let params: [([UInt8], [UInt8])] = [
            (Array("REQUEST_METHOD".utf8), Array("GET".utf8)), (Array("PATH_INFO".utf8), Array("/ü/".utf8)),
            (Array("HTTP_AUTHORIZATION".utf8), Array("Token café".utf8)), (Array("HTTP_X_LATIN1".utf8), [0x63, 0x61, 0x66, 0xE9]),
            (Array("CONTENT_TYPE".utf8), Array("text/plaïn".utf8)), (Array("HTTP_ACCEPT".utf8), Array("application/json".utf8)),
        ]
        let request = try Self.requestSeen(sendingRaw: params)
        #expect(request.path == "/ü/")
        #expect(request.headers["authorization"] == "Token caf\u{C3}\u{A9}")
        #expect(request.headers["x-latin1"] == "caf\u{E9}")
        #expect(request.headers["content-type"] == "text/pla\u{C3}\u{AF}n")
        #expect(request.contentType == "text/pla\u{C3}\u{AF}n")
        #expect(request.headers["accept"] == "application/json")
    }

    /// The params stay bytes until `paramList` is read; read, they are what was sent, in order:
    /// names and values as UTF-8 (invalid bytes replaced), header values as Latin-1, repeats and
    /// empty values kept, a value split from its name at the first `=` only.
    @Test func paramListIsEveryParamAsSent() throws {
        let params: [([UInt8], [UInt8])] = [
            (Array("REQUEST_METHOD".utf8), Array("GET".utf8)), (Array("PATH_INFO".utf8), Array("/ü/".utf8)),
            (Array("SERVER_PROTOCOL".utf8), Array("HTTP/1.1".utf8)), (Array("X_ODD".utf8), [0x61, 0xFF, 0x62]),
            (Array("HTTP_X_LATIN1".utf8), [0x63, 0x61, 0x66, 0xE9]), (Array("QUERY_STRING".utf8), []),
            (Array("MY_PARAM".utf8), Array("a=b".utf8)), (Array("SERVER_PROTOCOL".utf8), Array("again".utf8)),
        ]
        var request = try Self.requestSeen(sendingRaw: params)
        let expected: [(String, String)] = [
            ("FCGI_ROLE", "RESPONDER"),  // added by libfcgi
            ("REQUEST_METHOD", "GET"), ("PATH_INFO", "/ü/"), ("SERVER_PROTOCOL", "HTTP/1.1"), ("X_ODD", "a\u{FFFD}b"),
            ("HTTP_X_LATIN1", "caf\u{E9}"), ("QUERY_STRING", ""), ("MY_PARAM", "a=b"), ("SERVER_PROTOCOL", "again"),
        ]
        #expect(request.paramList.map(\.0) == expected.map(\.0))
        #expect(request.paramList.map(\.1) == expected.map(\.1))
        #expect(request.params["SERVER_PROTOCOL"] == "again")  // the last of a repeated name, as PHP-FPM
        #expect(request.headers.fields.map(\.name) == ["x-latin1"])
        request.paramList = [("A", "1")]
        #expect(request.paramList.map(\.0) == ["A"])
        #expect(request.params == ["A": "1"])
    }

    @Test func schemeAndHostFromServerParamsWhenThereIsNoHostHeader() throws {
        let seen = Mutex<Request?>(nil)
        let server = try InProcessServer { _, request in
            seen.withLock { $0 = request }
            return .text(200, "ok")
        }
        defer { server.stop() }
        let params: [(String, String)] = [
            ("REQUEST_METHOD", "GET"), ("PATH_INFO", ""), ("REQUEST_URI", "/fallback/?q=1"), ("HTTPS", "on"),
            ("SERVER_NAME", "api.example.com"), ("SERVER_PORT", "8443"), ("CONTENT_LENGTH", ""), ("CONTENT_TYPE", ""),
        ]
        _ = try FastCGIClient.send(to: server.address, params: params)
        let request = try #require(seen.withLock { $0 })
        #expect(request.scheme == "https")
        #expect(request.host == "api.example.com:8443")
        #expect(request.path == "/fallback/")
        #expect(request.queryString == "q=1")
    }

    @Test func statusOrderedRepeatedHeadersAndBodyReachTheClient() throws {
        let server = try InProcessServer { _, _ in
            var response = Response.json(201, #"{"id":7}"#)
            response.headers.add("location", "/users/7/")
            response.headers.add("set-cookie", "a=1")
            response.headers.add("set-cookie", "b=2")
            response.headers.add("x-evil", "1\r\nx-injected: yes")
            return response
        }
        defer { server.stop() }
        let response = try FastCGIClient.request(to: server.address, method: "POST", path: "/users/", body: Array("{}".utf8))
        #expect(response.status == 201)
        #expect(String(decoding: response.stdout.prefix(20), as: UTF8.self) == "Status: 201 Created\r")
        #expect(response.headers.map(\.name) == ["content-type", "location", "set-cookie", "set-cookie", "x-evil", "content-length"])
        #expect(response.headerValues("set-cookie") == ["a=1", "b=2"])
        #expect(response.header("x-injected") == nil)
        #expect(response.header("content-length") == "8")
        #expect(response.text == #"{"id":7}"#)
        #expect(response.appStatus == 0)
        #expect(response.protocolStatus == 0)
    }

    @Test func binaryBodyRoundTrips() throws {
        let server = try InProcessServer { _, request in
            Response(status: 200, headers: ["content-type": "application/octet-stream"], body: request.body)
        }
        defer { server.stop() }
        let body = (0..<4096).map { UInt8($0 % 256) }
        let response = try FastCGIClient.request(
            to: server.address, method: "PUT", path: "/blob",
            headers: [("Content-Type", "application/octet-stream")], body: body)
        #expect(response.status == 200)
        #expect(response.body == body)
    }

    @Test func largeBodyUnderTheLimitArrivesWhole() throws {
        let server = try InProcessServer(maxBodySize: 4 << 20) { _, request in
            Response(status: 200, body: request.body)
        }
        defer { server.stop() }
        var generator = SystemRandomNumberGenerator()
        let body = (0..<(3 << 20)).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let response = try FastCGIClient.request(to: server.address, method: "POST", path: "/upload", body: body)
        #expect(response.status == 200)
        #expect(response.body.count == body.count)
        #expect(response.body == body)
    }

    @Test func accessLogHasOneLinePerRequest() throws {
        let server = try InProcessServer { _, _ in .text(204, "") }
        defer { server.stop() }
        _ = try FastCGIClient.request(to: server.address, method: "GET", path: "/logged", query: "a=1")
        let logged = waitUntil(timeout: 5) { server.log.contains("\"GET /logged?a=1\" 204 0 ") }
        #expect(logged, "log: \(server.log)")
        #expect(server.log.contains("127.0.0.1 \"GET /logged?a=1\""))
    }

    /// The request a handler sees for params sent as raw bytes (values that are not UTF-8),
    /// after a 200 came back.
    /// A param sent twice counts with its last value (PHP-FPM's rule), read from libfcgi's
    /// params as from a list: nginx sends `SCRIPT_NAME` twice with Debian's `fastcgi_params`
    /// plus `fastcgi_param SCRIPT_NAME "";`, and the first value doubled the path.
    @Test func repeatedParamsCountWithTheirLastValue() throws {
        let params: [(String, String)] = [
            ("REQUEST_METHOD", "GET"), ("SCRIPT_NAME", "/users/7/"), ("HTTP_HOST", "example.com"), ("CONTENT_LENGTH", "9"),
            ("HTTP_AUTHORIZATION", "Token a"), ("HTTP_X_UNKNOWN", "1"), ("QUERY_STRING", "a=1"),
            ("SCRIPT_NAME", ""), ("PATH_INFO", "/users/7/"), ("HTTP_HOST", "example.com:8080"), ("CONTENT_LENGTH", ""),
            ("HTTP_AUTHORIZATION", "Token b"), ("HTTP_X_UNKNOWN", "2"), ("QUERY_STRING", "b=2"), ("REQUEST_METHOD", "DELETE"),
        ]
        let request = try Self.requestSeen(sendingRaw: params.map { (Array($0.0.utf8), Array($0.1.utf8)) })
        #expect(request.method == "DELETE")
        #expect(request.path == "/users/7/")
        #expect(request.queryString == "b=2")
        #expect(request.host == "example.com:8080")
        #expect(request.contentLength == nil)
        #expect(request.headers.values("host") == ["example.com:8080"])
        #expect(request.headers.values("content-length") == [])
        #expect(request.headers.values("authorization") == ["Token b"])
        #expect(request.headers.values("x-unknown") == ["2"])
        #expect(request.params["PATH_INFO"] == "/users/7/")
        #expect(request.params["SCRIPT_NAME"] == "")
    }

    /// nginx sends a POST's Content-Type and Content-Length twice: CGI's CONTENT_TYPE and
    /// CONTENT_LENGTH from `fastcgi_params`, then the headers as HTTP_CONTENT_TYPE and
    /// HTTP_CONTENT_LENGTH. The headers hold one field each, the HTTP_ param's value, moved
    /// last; the fields come from CGI's params.
    @Test func contentHeadersSentTwiceAsNginxDoesAreKeptOnce() throws {
        let params: [(String, String)] = [
            ("REQUEST_METHOD", "POST"), ("CONTENT_TYPE", "application/json"), ("CONTENT_LENGTH", "0"),
            ("HTTP_HOST", "example.com"), ("HTTP_CONTENT_TYPE", "text/plain"), ("HTTP_CONTENT_LENGTH", "3"),
            ("HTTP_X_A", "1"), ("HTTP_CONTENT_TYPE", "text/html"),
        ]
        let request = try Self.requestSeen(sendingRaw: params.map { (Array($0.0.utf8), Array($0.1.utf8)) })
        #expect(request.headers.fields.map(\.name) == ["host", "content-length", "x-a", "content-type"])
        #expect(request.headers.values("content-type") == ["text/html"])
        #expect(request.headers.values("Content-Length") == ["3"])
        #expect(request.contentType == "application/json")
        #expect(request.contentLength == 0)
        #expect(request.params["HTTP_CONTENT_TYPE"] == "text/html")
    }

    static func requestSeen(sendingRaw params: [([UInt8], [UInt8])]) throws -> Request {
        let seen = Mutex<Request?>(nil)
        let server = try InProcessServer { _, request in
            seen.withLock { $0 = request }
            return .text(200, "ok")
        }
        defer { server.stop() }
        let connection = try FastCGIConnection(server.address)
        defer { connection.close() }
        try connection.beginRequest()
        try connection.sendParams(bytes: params)
        _ = connection.endStdin()
        #expect(try connection.readResponse().status == 200)
        return try #require(seen.withLock { $0 })
    }
}
