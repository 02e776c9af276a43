import Foundation
import Testing
import TestSupport

/// End to end: a real nginx with the project's site (`deploy/nginx/api-server.conf`, upstream
/// keep-alive on) and `fastcgi_params` in front of api-server.
@Suite(.needsTestsRun) struct NginxTests {
    @Test func requestAndResponseSurviveNginx() throws {
        let server = try APIServerProcess(arguments: ["--workers", "2"])
        let nginx = try NginxProcess(fastcgiSocket: server.socketPath)
        defer { nginx.stop() }

        let response = try RawHTTPClient.send(
            port: nginx.port, method: "POST", path: "/__test/echo?status=201&x=%41",
            headers: [("X-Custom-Thing", "v1"), ("Content-Type", "application/json")],
            body: Array(#"{"name":"ünï"}"#.utf8))
        #expect(response.status == 201, "nginx: \(nginx.errorLog) server: \(server.log)")
        #expect(response.header("content-type") == "application/json")
        #expect(response.headers.filter { $0.name.lowercased() == "x-echo" }.map(\.value) == ["first", "second"])
        let echo = try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any], "body: \(response.text)")
        #expect(echo["method"] as? String == "POST")
        #expect(echo["path"] as? String == "/__test/echo")
        #expect(echo["query"] as? String == "status=201&x=%41")
        #expect(echo["scheme"] as? String == "http")
        #expect(echo["host"] as? String == "127.0.0.1:\(nginx.port)")
        #expect(echo["remote_addr"] as? String == "127.0.0.1")
        #expect(echo["content_type"] as? String == "application/json")
        #expect(echo["body"] as? String == #"{"name":"ünï"}"#)
        let headers = (echo["headers"] as? [[String]]) ?? []
        #expect(headers.contains(["x-custom-thing", "v1"]))
        #expect(headers.contains(["host", "127.0.0.1:\(nginx.port)"]))
        #expect(headers.contains(["content-length", String(Array(#"{"name":"ünï"}"#.utf8).count)]))
    }

    @Test func serverErrorsAndBodyLimitSurviveNginx() throws {
        let server = try APIServerProcess(arguments: ["--workers", "2", "--max-body-size", "1k"])
        let nginx = try NginxProcess(fastcgiSocket: server.socketPath)
        defer { nginx.stop() }

        let failed = try RawHTTPClient.send(port: nginx.port, method: "GET", path: "/__test/throw")
        #expect(failed.status == 500)
        #expect(failed.text == #"{"detail":"A server error occurred."}"#)

        let tooLarge = try RawHTTPClient.send(
            port: nginx.port, method: "POST", path: "/__test/echo",
            body: [UInt8](repeating: 120, count: 4096))
        #expect(tooLarge.status == 413, "nginx: \(nginx.errorLog)")
        #expect(tooLarge.text == #"{"detail":"Request body is too large."}"#)

        let fine = try RawHTTPClient.send(port: nginx.port, method: "GET", path: "/anything")
        #expect(fine.status == 200)
        #expect(fine.text.contains(#""path":"/anything""#))
        #expect(fine.header("content-length") == String(fine.body.count))
    }

    /// More clients at once than workers, through nginx's kept upstream connections: every
    /// request is answered (a worker pinned to an idle kept connection would starve the rest).
    @Test func moreClientsThanWorkersThroughKeptConnections() throws {
        let server = try APIServerProcess(arguments: ["--workers", "2"])
        let nginx = try NginxProcess(fastcgiSocket: server.socketPath)
        defer { nginx.stop() }
        let port = nginx.port
        let results = inParallel(12) { client in
            try (0..<15).map { round in
                try RawHTTPClient.send(port: port, method: "GET", path: "/c\(client)/r\(round)").status
            }
        }
        let statuses = try results.flatMap { try $0.get() }
        #expect(statuses.count == 180)
        #expect(statuses.allSatisfy { $0 == 200 }, "nginx: \(nginx.errorLog) server: \(server.log)")
    }

    /// Debian's stock `/etc/nginx/fastcgi_params` with the usual overrides after the include:
    /// nginx then sends SCRIPT_NAME and HTTP_HOST twice, and the
    /// last of each must win (PHP-FPM's rule). With the first, the path came out doubled
    /// (`/api/users//api/users/`) and every request was a 404.
    @Test func debiansStockParamsWithOverridesAfterTheInclude() throws {
        let stock = "/etc/nginx/fastcgi_params"
        let params = try String(contentsOfFile: stock, encoding: .utf8)
        // The case this test is about: the stock file sets both params the overrides repeat.
        try #require(params.contains("SCRIPT_NAME") && params.contains("HTTP_HOST"), "\(stock) changed: \(params)")
        let server = try APIServerProcess(arguments: ["--workers", "2"])
        let nginx = try NginxProcess(
            location: """
                        include \(stock);
                        fastcgi_param SCRIPT_NAME "";
                        fastcgi_param PATH_INFO $uri;
                        fastcgi_param HTTP_HOST $http_host;
                        fastcgi_pass unix:\(server.socketPath);
                """)
        defer { nginx.stop() }

        let response = try RawHTTPClient.send(port: nginx.port, method: "GET", path: "/api/a%20b/users/?x=1")
        #expect(response.status == 200, "nginx: \(nginx.errorLog) server: \(server.log)")
        #expect(response.text.contains(#""path":"/api/a b/users/""#), "body: \(response.text)")

        let echo = try RawHTTPClient.send(port: nginx.port, method: "GET", path: "/__test/echo?x=1")
        let body = try #require(try JSONSerialization.jsonObject(with: Data(echo.body)) as? [String: Any], "body: \(echo.text)")
        #expect(body["path"] as? String == "/__test/echo")
        // `$http_host` (with the port) overrides the stock `$host` (without it).
        #expect(body["host"] as? String == "127.0.0.1:\(nginx.port)")
        let headers = (body["headers"] as? [[String]]) ?? []
        #expect(headers.filter { $0.first == "host" } == [["host", "127.0.0.1:\(nginx.port)"]])
    }
}
