import Foundation
import Synchronization
import Testing
import TestSupport

/// End to end through a private Apache 2.4 running `deploy/apache/api-server.conf` (mod_proxy_fcgi
/// to api-server's unix socket), and through its mod_fcgid notes.
@Suite(.needsTestsRun) struct ApacheTests {
    /// api-server on a socket Apache's workers (www-data) may use.
    final class Server {
        let directory: String
        let socketPath: String
        let child: ChildProcess
        let database: TemporaryDatabase?

        init(testRoutes: Bool = false, databaseURL: String? = nil, arguments: [String] = []) throws {
            directory = try TestEnvironment.makeTemporaryDirectory("apache-api")
            socketPath = directory + "/api.sock"
            var environment = ProcessInfo.processInfo.environment
            if let databaseURL {
                database = nil
                environment["DATABASE_URL"] = databaseURL
            } else {
                let database = try TemporaryDatabase.migrated(prefix: "apache")
                self.database = database
                environment["DATABASE_URL"] = database.url
            }
            child = try ChildProcess(
                TestEnvironment.executable("api-server"),
                ["--listen", "unix:" + socketPath, "--workers", "2"] + TestEnvironment.socketGroupArguments
                    + (testRoutes ? ["--test-routes"] : []) + arguments,
                environment: environment, logPath: directory + "/server.log")
            let socketPath = self.socketPath
            guard waitUntil(timeout: 15, { FileManager.default.fileExists(atPath: socketPath) }) else {
                throw TestSupportError("api-server did not start: \(child.log)")
            }
        }

        deinit {
            child.stop()
            database?.drop()
        }
    }

    static func json(_ response: RawHTTPClient.Response) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any], "body: \(response.text)")
    }

    /// With mod_unique_id loaded, mod_proxy_fcgi passes its UNIQUE_ID as a param: api-server
    /// takes it as the request id (deploy/apache/api-server.conf says so).
    @Test func modUniqueIDsIDIsTheRequestID() throws {
        let server = try Server(testRoutes: true)
        let apache = try ApacheProcess(fastcgiSocket: server.socketPath, extraModules: ["unique_id"])
        defer { apache.stop() }
        let response = try RawHTTPClient.send(port: apache.port, method: "GET", path: "/__test/echo", headers: [("X-Request-ID", "client")])
        #expect(response.status == 200, "apache: \(apache.errorLog) server: \(server.child.log)")
        let id = try #require(response.header("X-Request-ID"), "\(response.headers)")
        #expect(id != "client" && id.count >= 16, "\(id)")
        #expect(waitUntil(timeout: 5) { server.child.log.contains("request_id=\(id)") }, "\(server.child.log)")
    }

    @Test func requestReachesTheResponderExactly() throws {
        let server = try Server(testRoutes: true)
        let apache = try ApacheProcess(fastcgiSocket: server.socketPath)
        defer { apache.stop() }

        let body = #"{"name":"ünï"}"#
        let response = try RawHTTPClient.send(
            port: apache.port, method: "PATCH", path: "/__test/echo?status=201&x=%41&y=a+b",
            headers: [
                ("Authorization", "Token 9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b"),
                ("Content-Type", "application/json"), ("X-Custom-Thing", "v1"),
            ],
            body: Array(body.utf8))
        #expect(response.status == 201, "apache: \(apache.errorLog) server: \(server.child.log)")
        #expect(response.header("content-type") == "application/json")
        // Apache joins a repeated response header into one line (nginx keeps them apart); both
        // mean the same in HTTP.
        #expect(response.headers.filter { $0.name.lowercased() == "x-echo" }.map(\.value) == ["first, second"])
        let echo = try Self.json(response)
        #expect(echo["method"] as? String == "PATCH")
        #expect(echo["path"] as? String == "/__test/echo")
        #expect(echo["query"] as? String == "status=201&x=%41&y=a+b")
        #expect(echo["host"] as? String == "127.0.0.1:\(apache.port)")
        #expect(echo["scheme"] as? String == "http")
        #expect(echo["body"] as? String == body)
        #expect(echo["content_type"] as? String == "application/json")
        let headers = (echo["headers"] as? [[String]]) ?? []
        // Exactly once: CGIPassAuth passes it; nothing else may add a second copy.
        #expect(headers.filter { $0.first == "authorization" } == [["authorization", "Token 9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b"]])
        #expect(headers.contains(["x-custom-thing", "v1"]))
        #expect(headers.contains(["host", "127.0.0.1:\(apache.port)"]))
        #expect(headers.contains(["content-length", String(Array(body.utf8).count)]))
    }

    /// The path the application routes on is the decoded request path, the same through Apache
    /// as through nginx (PATH_INFO/SCRIPT_NAME under mod_proxy_fcgi being the classic trap).
    @Test func pathIsTheRequestPathAsNginxPassesIt() throws {
        let server = try Server(testRoutes: true)
        let apache = try ApacheProcess(fastcgiSocket: server.socketPath)
        defer { apache.stop() }
        let nginx = try NginxProcess(fastcgiSocket: server.socketPath)
        defer { nginx.stop() }

        let cases = [
            ("/api/users/3/", "/api/users/3/"),
            ("/api/users/3.json", "/api/users/3.json"),
            ("/api/users/3/set_password.json/", "/api/users/3/set_password.json/"),
            ("/", "/"),
            ("/api/a%20b/%C3%BC/", "/api/a b/ü/"),
            ("/api/x+y/%3F%25%26/", "/api/x+y/?%&/"),
            ("/api/users/../notes/", "/api/notes/"),
        ]
        for (requested, expected) in cases {
            let throughApache = try Self.json(RawHTTPClient.send(port: apache.port, method: "GET", path: requested + "?q=%2F"))
            let throughNginx = try Self.json(RawHTTPClient.send(port: nginx.port, method: "GET", path: requested + "?q=%2F"))
            #expect(throughApache["path"] as? String == expected, "\(requested) through Apache")
            #expect(throughNginx["path"] as? String == expected, "\(requested) through nginx")
        }
    }

    @Test func theApplicationThroughApache() throws {
        let server = try Server()
        let apache = try ApacheProcess(fastcgiSocket: server.socketPath)
        defer { apache.stop() }

        let accounts = try RawHTTPClient.send(port: apache.port, method: "GET", path: "/api/public-accounts/")
        #expect(accounts.status == 200, "apache: \(apache.errorLog) server: \(server.child.log)")
        #expect(accounts.text == #"{"count":0,"next":null,"previous":null,"results":[]}"#)
        #expect(accounts.header("content-type") == "application/json")
        #expect(accounts.header("allow") == "GET, HEAD, OPTIONS")

        let missing = try RawHTTPClient.send(port: apache.port, method: "GET", path: "/api/nothing-here/")
        #expect(missing.status == 404)
        #expect(missing.text == #"{"detail":"Not found."}"#)
        #expect(missing.header("content-type") == "application/json")

        let redirect = try RawHTTPClient.send(port: apache.port, method: "POST", path: "/api/public-accounts?x=1")
        #expect(redirect.status == 301)
        #expect(redirect.header("location") == "/api/public-accounts/?x=1")

        let notAllowed = try RawHTTPClient.send(
            port: apache.port, method: "POST", path: "/api/public-accounts/",
            headers: [("Content-Type", "application/json")], body: Array(#"{"a":1}"#.utf8))
        #expect(notAllowed.status == 405)
        #expect(notAllowed.text == #"{"detail":"Method \"POST\" not allowed."}"#)
    }

    @Test func bodyLimits() throws {
        let server = try Server(testRoutes: true, arguments: ["--max-body-size", "1k"])
        let apache = try ApacheProcess(fastcgiSocket: server.socketPath)
        defer { apache.stop() }

        let fine = try RawHTTPClient.send(
            port: apache.port, method: "POST", path: "/__test/echo",
            body: [UInt8](repeating: 120, count: 1000))
        #expect(fine.status == 200)
        #expect(try Self.json(fine)["body_length"] as? Int == 1000)

        // Over api-server's limit: its own JSON 413, through Apache.
        let overResponder = try RawHTTPClient.send(
            port: apache.port, method: "POST", path: "/__test/echo",
            body: [UInt8](repeating: 120, count: 4096))
        #expect(overResponder.status == 413, "apache: \(apache.errorLog)")
        #expect(overResponder.text == #"{"detail":"Request body is too large."}"#)

        // Over Apache's LimitRequestBody (10 MiB): refused by Apache before the responder.
        let overApache = try RawHTTPClient.send(
            port: apache.port, method: "POST", path: "/__test/echo",
            body: [UInt8](repeating: 120, count: 10 * 1024 * 1024 + 1))
        #expect(overApache.status == 413)
    }

    @Test func aDatabaseThatIsDownIsA503() throws {
        let nowhere = try TestEnvironment.makeTemporaryDirectory("nodb")
        let server = try Server(databaseURL: "postgres://postgres@/none?host=\(nowhere)&port=5999")
        let apache = try ApacheProcess(fastcgiSocket: server.socketPath)
        defer { apache.stop() }
        let response = try RawHTTPClient.send(port: apache.port, method: "GET", path: "/api/public-accounts/")
        #expect(response.status == 503, "\(server.child.log)")
        #expect(response.text == #"{"detail":"Service temporarily unavailable, try again later."}"#)
        #expect(response.header("content-type") == "application/json")
    }

    /// The mod_fcgid notes, as written: Apache spawns api-server with the socket on fd 0.
    @Test func theModFcgidNotes() throws {
        let database = try TemporaryDatabase.migrated(prefix: "fcgid")
        defer { database.drop() }
        let apache = try ApacheProcess(fcgidExecutable: TestEnvironment.executable("api-server"), databaseURL: database.url)
        defer { apache.stop() }

        let accounts = try RawHTTPClient.send(port: apache.port, method: "GET", path: "/api/public-accounts/")
        #expect(accounts.status == 200, "apache: \(apache.errorLog)")
        #expect(accounts.text == #"{"count":0,"next":null,"previous":null,"results":[]}"#)
        #expect(accounts.header("allow") == "GET, HEAD, OPTIONS")
        let redirect = try RawHTTPClient.send(port: apache.port, method: "GET", path: "/api/public-accounts")
        #expect(redirect.status == 301)
        #expect(redirect.header("location") == "/api/public-accounts/")
        let missing = try RawHTTPClient.send(port: apache.port, method: "GET", path: "/api/a%20b/")
        #expect(missing.status == 404 && missing.text == #"{"detail":"Not found."}"#)
        // --log-file: the access log in its own file.
        #expect(waitUntil(timeout: 5) { apache.fcgidLog.contains("\"GET /api/public-accounts/\" 200") }, "\(apache.fcgidLog)")
    }

    /// The same from a build under a folder only its owner may enter (a clone in /root or in a
    /// Debian 12 home, 0700): www-data, whom mod_fcgid runs it as, still gets an answer.
    @Test func theModFcgidNotesWithTheBuildInAPrivateHome() throws {
        let database = try TemporaryDatabase.migrated(prefix: "fcgid")
        defer { database.drop() }
        let home = try TestEnvironment.makeTemporaryDirectory("fcgid-home") + "/home"
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: false)
        chmod(home, 0o700)
        try FileManager.default.copyItem(atPath: TestEnvironment.executable("api-server"), toPath: home + "/api-server")
        let apache = try ApacheProcess(fcgidExecutable: home + "/api-server", databaseURL: database.url)
        defer { apache.stop() }
        let accounts = try RawHTTPClient.send(port: apache.port, method: "GET", path: "/api/public-accounts/")
        #expect(accounts.status == 200, "apache: \(apache.errorLog)")
    }

    /// The vhost streams bodies, so a client that sends a few bytes every 100 ms holds an
    /// api-server worker while it does (each read is well within --io-timeout). With
    /// `--request-timeout 2` it is answered 408 after about 2 s and the worker is free again;
    /// the other worker answers meanwhile.
    @Test func aBodyThatTricklesIsCutAtTheRequestTimeout() throws {
        let server = try Server(testRoutes: true, arguments: ["--request-timeout", "2"])
        let apache = try ApacheProcess(fastcgiSocket: server.socketPath)
        defer { apache.stop() }
        let port = apache.port

        let trickled = Mutex<Result<(response: RawHTTPClient.Response?, seconds: Double), any Error>?>(nil)
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            let result = Result { try RawHTTPClient.trickle(port: port, path: "/__test/echo", contentLength: 100_000, giveUpAfter: 10) }
            trickled.withLock { $0 = result }
            done.signal()
        }
        usleep(500_000)
        let otherStart = Date()
        let other = try RawHTTPClient.send(port: port, method: "GET", path: "/__test/echo", timeout: 5)
        let otherTook = Date().timeIntervalSince(otherStart)
        #expect(other.status == 200)
        #expect(otherTook < 1, "a request beside the trickling one took \(otherTook) s")

        #expect(done.wait(timeout: .now() + 15) == .success)
        let outcome = try #require(trickled.withLock { $0 }).get()
        #expect(
            outcome.seconds >= 1.8 && outcome.seconds < 4.5,
            "answered after \(outcome.seconds) s; apache: \(apache.errorLog) server: \(server.child.log)")
        // Passed on by Apache (api-server gives it a moment to read the answer before closing).
        let response = try #require(outcome.response, "closed without an answer; apache: \(apache.errorLog)")
        #expect(response.status == 408, "\(response.status) \(response.text)")
        #expect(response.text == #"{"detail":"Request timeout."}"#)

        // Both workers are free: two slow requests at once take one round.
        let start = Date()
        let group = DispatchGroup()
        let statuses = Mutex<[Int]>([])
        for _ in 0..<2 {
            group.enter()
            Thread.detachNewThread {
                let status = (try? RawHTTPClient.send(port: port, method: "GET", path: "/__test/sleep?ms=400", timeout: 5))?.status ?? 0
                statuses.withLock { $0.append(status) }
                group.leave()
            }
        }
        group.wait()
        #expect(statuses.withLock { $0 } == [200, 200])
        #expect(Date().timeIntervalSince(start) < 0.79, "took \(Date().timeIntervalSince(start)) s: a worker is still held")
        #expect(server.child.log.contains(" 408 "), "log: \(server.child.log)")
    }
}
