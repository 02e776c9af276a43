import FastCGI
import ServerMetrics
import Synchronization
import TestSupport
import Testing

/// The admin server on a real socket, in process: its three endpoints and what it refuses.
@Suite struct AdminServerTests {
    final class Fixture: Sendable {
        let store: MetricsStore
        let admin: AdminServer
        let port: Int
        let databaseDown = Flag()

        init() throws {
            store = try MetricsStore(routes: ["user-list"])
            port = freeLocalPort()
            admin = try AdminServer(listen: .tcp(host: "127.0.0.1", port: port), store: store) { [databaseDown] in
                databaseDown.value.load(ordering: .relaxed) ? .notReady("database: connection refused") : .ready
            }
            try admin.start()
        }

        func get(_ path: String, method: String = "GET") throws -> RawHTTPClient.Response {
            try RawHTTPClient.send(port: port, method: method, path: path, timeout: 10)
        }

        deinit { admin.stop() }
    }

    final class Flag: Sendable { let value = Atomic<Bool>(false) }

    @Test func healthReadyAndMetrics() throws {
        let fixture = try Fixture()
        #expect(try fixture.get("/health").status == 200)

        // No worker is serving yet: not ready, whatever the database says.
        var ready = try fixture.get("/ready")
        #expect(ready.status == 503)
        #expect(ready.text.contains("no worker"))

        let metrics = fixture.store.process(0)
        metrics.workerStarted()
        ready = try fixture.get("/ready")
        #expect(ready.status == 200, "\(ready.text)")
        #expect(ready.header("Connection") == "close")

        fixture.databaseDown.value.store(true, ordering: .relaxed)
        ready = try fixture.get("/ready")
        #expect(ready.status == 503)
        #expect(ready.text == "not ready: database: connection refused\n")
        fixture.databaseDown.value.store(false, ordering: .relaxed)
        #expect(try fixture.get("/ready").status == 200)

        metrics.recordRequest(route: 1, method: "GET", status: 200, nanoseconds: 1_000_000)
        let scrape = try fixture.get("/metrics?name[]=ignored")
        #expect(scrape.status == 200)
        #expect(scrape.header("Content-Type") == "text/plain; version=0.0.4; charset=utf-8")
        #expect(scrape.text.contains(#"srf_http_requests_total{route="user-list",method="GET",status="200"} 1"#))
        #expect(scrape.text.contains("srf_workers{state=\"idle\"} 1\n"))
    }

    @Test func headHasNoBodyOtherMethodsAndPathsAreRefused() throws {
        let fixture = try Fixture()
        let head = try fixture.get("/health", method: "HEAD")
        #expect(head.status == 200)
        #expect(head.body.isEmpty)
        #expect(head.header("Content-Length") == "3")

        let post = try fixture.get("/metrics", method: "POST")
        #expect(post.status == 405)
        #expect(post.header("Allow") == "GET, HEAD")
        #expect(try fixture.get("/api/users/").status == 404)
    }

    @Test func oversizedAndMalformedRequestsGetAnErrorNotAHang() throws {
        let fixture = try Fixture()
        let huge = try fixture.get("/health?" + String(repeating: "a", count: 10_000))
        #expect(huge.status == 431)
        let raw = try RawHTTPClient.exchangeText(port: fixture.port, bytes: Array("NONSENSE\r\n\r\n".utf8))
        #expect(raw.hasPrefix("HTTP/1.1 400 "))
        // Still serving afterwards.
        #expect(try fixture.get("/health").status == 200)
    }
}
