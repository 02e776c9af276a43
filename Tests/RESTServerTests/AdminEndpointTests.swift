import Foundation
import TestSupport
import Testing

/// `--admin-listen` on the real api-server behind a real nginx: requests through nginx show up
/// in `/metrics` by route name, method and status with consistent histograms, promtool accepts
/// the text, the admin endpoints are not reachable through nginx, and `/ready` follows the
/// database (on a cluster of its own, stopped here), with one process and with `--processes`
/// (more of that in `AdminProcessesTests`).
@Suite(.needsTestsRun, .serialized) struct AdminEndpointTests {
    static func cluster() throws -> PrivateCluster {
        let cluster = try PrivateCluster.shared("admin")
        let result = try Subprocess.run(
            TestEnvironment.executable("migrate"),
            ["--database-url", cluster.url, "--dir", NginxProcess.projectRoot + "/migrations"])
        guard result.status == 0 else { throw TestSupportError("migrate failed: \(result.stdout)\(result.stderr)") }
        return cluster
    }

    static func admin(_ port: Int, _ path: String) throws -> RawHTTPClient.Response {
        try RawHTTPClient.send(port: port, method: "GET", path: path, timeout: 10)
    }

    /// `/metrics` once `ready` holds for its samples (or after 5 s, to be checked as it is).
    static func scrape(_ port: Int, until ready: ([String: Double]) -> Bool) throws -> RawHTTPClient.Response {
        var response = try admin(port, "/metrics")
        _ = waitUntil(timeout: 5) {
            guard let next = try? admin(port, "/metrics") else { return false }
            response = next
            return ready(samples(next.text))
        }
        return response
    }

    static func requestsCounted(_ samples: [String: Double]) -> Double {
        samples.filter { $0.key.hasPrefix("srf_http_requests_total{") }.values.reduce(0, +)
    }

    /// `name{labels} value` lines of the text, keyed by everything before the value.
    static func samples(_ text: String) -> [String: Double] {
        var samples: [String: Double] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else { continue }
            samples[String(line[..<space])] = value
        }
        return samples
    }

    @Test func requestsThroughNginxAreCountedByRouteMethodAndStatus() throws {
        let cluster = try Self.cluster()
        let adminPort = freeLocalPort()
        let stack = try APIStack(
            databaseURL: cluster.url, migrate: false, arguments: ["--workers", "2", "--admin-listen", "127.0.0.1:\(adminPort)"])
        #expect(waitUntil(timeout: 10) { (try? Self.admin(adminPort, "/ready").status) == 200 }, "\(stack.logs)")

        for _ in 0..<3 { #expect(try stack.send("GET", "/api/public-accounts/").status == 200, "\(stack.logs)") }
        #expect(try stack.send("GET", "/api/public-accounts/999999/").status == 404)
        #expect(try stack.send("GET", "/api/no-such-thing/").status == 404)
        let post = try stack.send("POST", "/api/public-accounts/", headers: [("Content-Type", "application/json")], body: "{}")
        // The admin endpoints are not the public server's: through nginx, /metrics is the API's 404.
        let throughNginx = try stack.send("GET", "/metrics")
        #expect(throughNginx.status == 404)
        #expect(!throughNginx.text.contains("srf_http_requests_total"))

        // A worker counts a request after writing its response: the client may read the answer
        // a moment before the count lands, so the scrape waits for the last request's.
        let listed = #"srf_http_requests_total{route="public-account-list",method="GET",status="200"}"#
        let scrape = try Self.scrape(adminPort) { Self.requestsCounted($0) == 7 }
        #expect(scrape.status == 200)
        let samples = Self.samples(scrape.text)
        func requests(_ route: String, _ method: String, _ status: Int) -> Double? {
            samples[#"srf_http_requests_total{route="\#(route)",method="\#(method)",status="\#(status)"}"#]
        }
        #expect(requests("public-account-list", "GET", 200) == 3, "\(scrape.text)")
        #expect(requests("public-account-detail", "GET", 404) == 1)
        #expect(requests("public-account-list", "POST", post.status) == 1)
        // Unmatched paths share one label: never the raw path.
        #expect(requests("none", "GET", 404) == 2)
        #expect(!scrape.text.contains("no-such-thing"))

        // The histogram agrees with the counter: cumulative buckets, +Inf = count = requests.
        let route = #"route="public-account-list""#
        var previous = 0.0
        for bound in ["0.0005", "0.001", "0.0025", "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10", "+Inf"] {
            let count = samples[#"srf_http_request_duration_seconds_bucket{\#(route),le="\#(bound)"}"#] ?? -1
            #expect(count >= previous, "bucket le=\(bound)")
            previous = count
        }
        #expect(previous == 4)  // GET ×3 and the POST
        #expect(samples["srf_http_request_duration_seconds_count{\(route)}"] == 4)
        #expect((samples["srf_http_request_duration_seconds_sum{\(route)}"] ?? 0) > 0)
        // The list's statements, at least one per GET.
        #expect((samples["srf_db_query_duration_seconds_count"] ?? 0) >= 3)
        #expect(samples[#"srf_workers{state="busy"}"#] == 0)
        #expect(samples[#"srf_workers{state="idle"}"#] == 2)
        #expect(samples["process_resident_memory_bytes"] ?? 0 > 0)
        // deploy/nginx/api-server.conf stamps X-Request-Start (for --max-queue-wait): every
        // request's wait is observed.
        #expect(samples["srf_queue_wait_seconds_count"] == 7)

        let promtool = try Promtool.checkMetrics(scrape.text)
        #expect(promtool.status == 0, "promtool: \(promtool.stdout)\(promtool.stderr)")

        // With the stamp the README describes (nginx's $msec), each request's wait is observed.
        let stamped = try Self.nginxWithRequestStart(socket: stack.socketPath)
        defer { stamped.stop() }
        for _ in 0..<2 {
            #expect(try RawHTTPClient.send(port: stamped.port, method: "GET", path: "/api/public-accounts/").status == 200)
        }
        let after = Self.samples(try Self.scrape(adminPort) { Self.requestsCounted($0) == 9 }.text)
        #expect(after["srf_queue_wait_seconds_count"] == 9)
        #expect(after[#"srf_queue_wait_seconds_bucket{le="+Inf"}"#] == 9)
        #expect(after[listed] == 5)
    }

    /// nginx as deployed, plus `fastcgi_param HTTP_X_REQUEST_START "t=${msec}";` (README,
    /// "Health and metrics": the opt-in line for `srf_queue_wait_seconds`).
    static func nginxWithRequestStart(socket: String) throws -> NginxProcess {
        let root = NginxProcess.projectRoot
        let directory = try TestEnvironment.makeTemporaryDirectory("stamped-params")
        let params = directory + "/fastcgi_params"
        let deployed = try String(contentsOfFile: root + "/deploy/nginx/fastcgi_params", encoding: .utf8)
        try (deployed + "\nfastcgi_param  HTTP_X_REQUEST_START \"t=${msec}\";\n").write(toFile: params, atomically: true, encoding: .utf8)
        chmod(directory, 0o755)
        chmod(params, 0o644)
        let template = try String(contentsOfFile: root + "/deploy/nginx/api-server.conf", encoding: .utf8)
        return try NginxProcess(site: { port in
            template.replacingOccurrences(of: "@LISTEN@", with: "127.0.0.1:\(port)")
                .replacingOccurrences(of: "@SOCKET@", with: socket)
                .replacingOccurrences(of: "@PARAMS@", with: params)
                .replacingOccurrences(of: "@MAX_BODY@", with: "64m")
        })
    }

    /// api-server with `arguments` and an admin port on `cluster`'s database, once `/ready` says 200.
    static func readyStack(on cluster: PrivateCluster, arguments: [String]) throws -> (APIStack, Int) {
        let adminPort = freeLocalPort()
        let stack = try APIStack(
            databaseURL: cluster.url, migrate: false, arguments: arguments + ["--admin-listen", "127.0.0.1:\(adminPort)"])
        #expect(waitUntil(timeout: 10) { (try? Self.admin(adminPort, "/ready").status) == 200 }, "\(stack.logs)")
        return (stack, adminPort)
    }

    /// One process, and a master of two (which asks the database on a connection of its own).
    @Test(arguments: [[], ["--processes", "2"]])
    func readyFollowsTheDatabase(processes: [String]) throws {
        let cluster = try Self.cluster()
        let (stack, adminPort) = try Self.readyStack(on: cluster, arguments: processes + ["--workers", "2"])

        try cluster.stop()
        var running = false
        defer { if !running { try? cluster.start() } }
        var ready: RawHTTPClient.Response?
        #expect(
            waitUntil(timeout: 10) {
                ready = try? Self.admin(adminPort, "/ready"); return ready?.status == 503
            }, "\(stack.logs)")
        #expect(ready?.text.hasPrefix("not ready: database: ") == true, "\(ready?.text ?? "")")
        // The master still runs.
        #expect(try Self.admin(adminPort, "/health").status == 200)

        try cluster.start()
        running = true
        #expect(waitUntil(timeout: 10) { (try? Self.admin(adminPort, "/ready").status) == 200 }, "\(stack.logs)")
        // The workers' sessions were lost with the server: the next statements reconnect.
        #expect(waitUntil(timeout: 10) { (try? stack.send("GET", "/api/public-accounts/").status) == 200 }, "\(stack.logs)")
    }

    /// A worker whose session the database restart took: the statement it tries during the
    /// outage counts in `srf_db_query_errors_total` (its request is a 503), and the session it
    /// re-establishes afterwards in `srf_db_reconnects_total`. One worker, so that the requests
    /// before, during and after land on the same session; through the master with `--processes`.
    @Test(arguments: [[], ["--processes", "1"]])
    func aLostSessionCountsItsFailedStatementAndItsReconnect(processes: [String]) throws {
        let cluster = try Self.cluster()
        let (stack, adminPort) = try Self.readyStack(on: cluster, arguments: processes + ["--workers", "1"])
        #expect(try stack.send("GET", "/api/public-accounts/").status == 200, "the worker's session opens: \(stack.logs)")
        let before = Self.samples(try Self.scrape(adminPort) { Self.requestsCounted($0) == 1 }.text)
        #expect(before["srf_db_query_errors_total"] == 0 && before["srf_db_reconnects_total"] == 0, "\(before)")

        try cluster.stop()
        var running = false
        defer { if !running { try? cluster.start() } }
        #expect(try stack.send("GET", "/api/public-accounts/").status == 503, "\(stack.logs)")
        try cluster.start()
        running = true
        #expect(waitUntil(timeout: 10) { (try? stack.send("GET", "/api/public-accounts/").status) == 200 }, "\(stack.logs)")

        let scrape = try Self.scrape(adminPort) { ($0["srf_db_reconnects_total"] ?? 0) >= 1 }
        let after = Self.samples(scrape.text)
        #expect(after["srf_db_reconnects_total"] == 1, "\(scrape.text)")
        #expect((after["srf_db_query_errors_total"] ?? 0) >= 1, "\(scrape.text)")
        #expect(after[#"srf_http_requests_total{route="public-account-list",method="GET",status="503"}"#] ?? 0 >= 1, "\(scrape.text)")
        let promtool = try Promtool.checkMetrics(scrape.text)
        #expect(promtool.status == 0, "promtool: \(promtool.stdout)\(promtool.stderr)")
    }

    @Test func anUnreachableDatabaseIsNotReadyWithTheReason() throws {
        let adminPort = freeLocalPort()
        let closed = freeLocalPort()
        let stack = try APIStack(
            databaseURL: "postgres://nobody@127.0.0.1:\(closed)/none", migrate: false,
            arguments: ["--workers", "1", "--admin-listen", "127.0.0.1:\(adminPort)"])
        var ready: RawHTTPClient.Response?
        #expect(
            waitUntil(timeout: 10) {
                ready = try? Self.admin(adminPort, "/ready"); return ready?.status == 503 && ready?.text.contains("database") == true
            }, "\(stack.logs)")
        #expect(ready?.text.contains("\(closed)") == true, "\(ready?.text ?? "")")
        #expect(try Self.admin(adminPort, "/health").status == 200)

        // The admin server's threads leave SIGTERM to the server's signal thread: it still
        // drains and exits (a thread with it unblocked took it, and the server never stopped).
        stack.server.signal(SIGTERM)
        #expect(stack.server.wait(timeout: 10) == 0, "\(stack.logs)")
        #expect(stack.server.log.contains("received SIGTERM"), "\(stack.logs)")
    }
}
