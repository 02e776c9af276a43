import Foundation
import TestSupport
import Testing

/// The log behind a real nginx (the project's site and fastcgi_params, which pass nginx's
/// `$request_id` as REQUEST_ID): the request id in the access line, the response and a view's
/// `Logger` line; JSON lines; `--log-level`; unhandled errors; hostile ids. The application is
/// `srf-logging-fixture` (Tests/LoggingFixture), with `--log-file`, so that what reaches its raw
/// stdout and stderr can be checked apart.
@Suite(.needsTestsRun) struct LoggingTests {
    static let timestamp = #"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z"#

    static func matches(_ line: String, _ pattern: String) -> Bool {
        line.range(of: pattern, options: .regularExpression) != nil
    }

    final class Stack {
        let directory: String
        let logPath: String
        let server: ChildProcess
        let nginx: NginxProcess

        /// - Parameter params: directives after the project's `include` of fastcgi_params.
        init(_ arguments: [String] = [], params: String = "") throws {
            directory = try TestEnvironment.makeTemporaryDirectory("logging")
            logPath = directory + "/api.log"
            let socketPath = directory + "/api.sock"
            server = try ChildProcess(
                TestEnvironment.executable("srf-logging-fixture"),
                ["--listen", "unix:" + socketPath, "--workers", "2", "--log-file", logPath] + TestEnvironment.socketGroupArguments
                    + arguments,
                logPath: directory + "/stdout-stderr.log")
            guard waitUntil(timeout: 15, { FileManager.default.fileExists(atPath: socketPath) }) else {
                throw TestSupportError("srf-logging-fixture did not start: \(server.log)")
            }
            let template = try String(contentsOfFile: NginxProcess.projectRoot + "/deploy/nginx/api-server.conf", encoding: .utf8)
            let paramsFile = NginxProcess.projectRoot + "/deploy/nginx/fastcgi_params"
            nginx = try NginxProcess(site: { port in
                template.replacingOccurrences(of: "@LISTEN@", with: "127.0.0.1:\(port)")
                    .replacingOccurrences(of: "@SOCKET@", with: socketPath)
                    .replacingOccurrences(of: "include @PARAMS@;", with: "include \(paramsFile);\n\(params)")
                    .replacingOccurrences(of: "@MAX_BODY@", with: "1m")
                    // nginx's own id for the request, so the tests can compare it with api-server's.
                    .replacingOccurrences(of: "location / {", with: "add_header X-Nginx-Request-ID $request_id always;\n    location / {")
            })
        }

        func send(_ path: String, headers: [(String, String)] = []) throws -> RawHTTPClient.Response {
            try RawHTTPClient.send(port: nginx.port, method: "GET", path: path, headers: headers)
        }

        var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }
        var lines: [String] { log.split(separator: "\n").map(String.init) }
        /// Waits for the access line of the request with this id (written after the response).
        func accessLine(_ requestID: String, _ request: String) -> String? {
            var found: String?
            _ = waitUntil(timeout: 5) {
                found = lines.first { $0.contains(request) && $0.contains(requestID) }
                return found != nil
            }
            return found
        }

        deinit {
            nginx.stop()
            server.stop()
        }
    }

    @Test func nginxsRequestIDIsInTheAccessLineTheResponseAndTheViewsLogger() throws {
        let stack = try Stack()
        let response = try stack.send("/api/reports/")
        #expect(response.status == 200, "\(stack.nginx.errorLog) \(stack.log)")
        let id = try #require(response.header("X-Request-ID"), "\(response.headers)")
        #expect(id == response.header("X-Nginx-Request-ID"))
        #expect(id.range(of: "^[0-9a-f]{32}$", options: .regularExpression) != nil, "\(id)")

        let access = try #require(stack.accessLine(id, #""GET /api/reports/" 200 "#), "\(stack.log)")
        let accessPattern = "^\(Self.timestamp) 127.0.0.1 \"GET /api/reports/\" 200 \\d+ [0-9.]+ms w\\d request_id=\(id)$"
        #expect(Self.matches(access, accessPattern), "\(access)")
        let viewPattern = "^\(Self.timestamp) info: report listed rows=3 request_id=\(id)$"
        #expect(stack.lines.contains { Self.matches($0, viewPattern) }, "\(stack.log)")
        // A Logger of the LoggingSystem APIServerMain bootstrapped writes there too.
        let globalPattern = "^\(Self.timestamp) notice: logged through the LoggingSystem$"
        #expect(stack.lines.contains { Self.matches($0, globalPattern) }, "\(stack.log)")
        #expect(!stack.log.contains("report details"))  // debug, below the default level

        let next = try stack.send("/api/reports/")
        #expect(next.header("X-Request-ID") != id)
        #expect(next.header("X-Request-ID") == next.header("X-Nginx-Request-ID"))
    }

    @Test func jsonLinesParseWithTheirFields() throws {
        let stack = try Stack(["--log-format", "json", "--log-level", "debug"])
        let response = try stack.send("/api/reports/?page=1")
        let id = try #require(response.header("X-Request-ID"))
        _ = try #require(stack.accessLine(id, #""type":"access""#), "\(stack.log)")
        let objects = try stack.lines.map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "not JSON: \(line)")
        }
        #expect(objects.allSatisfy { Self.matches($0["time"] as? String ?? "", "^\(Self.timestamp)$") })
        #expect(objects.allSatisfy { $0["level"] is String && $0["message"] is String && $0.keys.contains("request_id") })
        let access = try #require(objects.first { $0["type"] as? String == "access" })
        #expect(access["request_id"] as? String == id)
        #expect(access["method"] as? String == "GET")
        #expect(access["path"] as? String == "/api/reports/")
        #expect(access["query"] as? String == "page=1")
        #expect(access["status"] as? Int == 200)
        #expect((access["bytes"] as? Int ?? 0) > 0)
        #expect(access["duration_ms"] is Double || access["duration_ms"] is Int)
        let view = try #require(objects.first { $0["message"] as? String == "report listed" }, "\(stack.log)")
        #expect(view["level"] as? String == "info")
        #expect(view["request_id"] as? String == id)
        #expect(view["logger"] as? String == "request")
        #expect(view["rows"] as? String == "3")
        let debug = try #require(objects.first { $0["message"] as? String == "report details" }, "\(stack.log)")
        #expect(debug["level"] as? String == "debug")
        let global = try #require(objects.first { $0["logger"] as? String == "fixture.global" })
        #expect(global["request_id"] is NSNull)
    }

    @Test func theLogLevelLeavesOutWhatIsBelowIt() throws {
        let stack = try Stack(["--log-level", "error"])
        let listed = try stack.send("/api/reports/")
        let failed = try stack.send("/api/reports/boom/")
        #expect(failed.status == 500)
        let failedID = try #require(failed.header("X-Request-ID"))
        let listedID = try #require(listed.header("X-Request-ID"))
        _ = try #require(stack.accessLine(failedID, "500"), "\(stack.log)")
        // Access lines stay (--access-log decides them); errors stay; the rest is below error.
        #expect(stack.accessLine(listedID, #""GET /api/reports/" 200"#) != nil)
        #expect(stack.log.contains(" error: Unhandled error in ReportViewSet"))
        for left in ["report listed", "logged through the LoggingSystem", "listening on", "allowed hosts"] {
            #expect(!stack.log.contains(left), "\(left): \(stack.log)")
        }
    }

    @Test func anUnhandledErrorIsLoggedWithTimeLevelAndRequestIDAndNothingReachesRawStderr() throws {
        let stack = try Stack()
        let response = try stack.send("/api/reports/boom/")
        #expect(response.status == 500)
        #expect(response.text == #"{"detail":"A server error occurred."}"#)
        let id = try #require(response.header("X-Request-ID"))
        _ = try #require(stack.accessLine(id, "\" 500 "), "\(stack.log)")
        let pattern = "^\(Self.timestamp) error: Unhandled error in ReportViewSet: .*the report generator failed.* request_id=\(id)$"
        #expect(stack.lines.contains { Self.matches($0, pattern) }, "\(stack.log)")
        // Everything went to the log (start-up lines included): raw stdout and stderr stayed empty.
        #expect(stack.log.contains("listening on"))
        #expect(stack.server.log.isEmpty, "raw output: \(stack.server.log)")
    }

    @Test func aClientsXRequestIDNeverReplacesNginxsNorReachesTheLogRaw() throws {
        let stack = try Stack()
        let hostile = "evil-" + String(repeating: "x", count: 4000) + "\u{1}" + "\"quote"
        let response = try stack.send("/api/reports/", headers: [("X-Request-ID", hostile)])
        #expect(response.status == 200)
        let id = try #require(response.header("X-Request-ID"))
        #expect(id == response.header("X-Nginx-Request-ID"))
        _ = try #require(stack.accessLine(id, "\" 200 "), "\(stack.log)")
        #expect(!stack.log.contains("evil-"))
        #expect(response.headers.filter { $0.name.lowercased() == "x-request-id" }.count == 1)
    }

    /// Behind a proxy whose X-Request-ID is trusted, the documented override passes the header
    /// as REQUEST_ID: a valid one is used; a hostile one is no id at all.
    @Test func aForwardedRequestIDIsValidatedBeforeItIsUsed() throws {
        let stack = try Stack(params: "fastcgi_param REQUEST_ID $http_x_request_id;")
        let forwarded = try stack.send("/api/reports/", headers: [("X-Request-ID", "lb-7f3a:42")])
        #expect(forwarded.header("X-Request-ID") == "lb-7f3a:42")
        #expect(stack.accessLine("request_id=lb-7f3a:42", #""GET /api/reports/" 200"#) != nil, "\(stack.log)")

        let hostile = try stack.send("/api/reports/?hostile", headers: [("X-Request-ID", "evil " + String(repeating: "y", count: 4000))])
        #expect(hostile.status == 200)
        #expect(hostile.header("X-Request-ID") == nil)
        let access = try #require(stack.accessLine("?hostile", "\" 200 "), "\(stack.log)")
        #expect(!access.contains("request_id"))
        #expect(!stack.log.contains("evil"))
    }
}

/// deploy/systemd/api-server.service: the access log goes to the journal, whose default rate
/// limit (10,000 messages in 30 s per service) would drop lines of a busy API; the unit lifts it.
@Suite struct JournaldRateLimitTests {
    @Test func theUnitKeepsEveryAccessLineInTheJournal() throws {
        let unit = try String(contentsOfFile: NginxProcess.projectRoot + "/deploy/systemd/api-server.service", encoding: .utf8)
        let settings = unit.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") }
        #expect(settings.contains("StandardError=journal"))
        #expect(settings.contains("LogRateLimitIntervalSec=0"))
    }
}
