import Foundation
import Testing
import FastCGI
import TestSupport

/// A handler that throws or a client that hangs up costs one request, never a worker.
@Suite(.needsTestsRun) struct FailureTests {
    struct Boom: Error {}

    @Test func throwingHandlerGets500AndTheWorkerServesTheNextRequest() throws {
        let server = try InProcessServer(workers: 1) { worker, request in
            if request.path == "/throw" { throw Boom() }
            return .text(200, "worker \(worker)")
        }
        defer { server.stop() }
        let failed = try FastCGIClient.request(to: server.address, path: "/throw")
        #expect(failed.status == 500)
        #expect(failed.header("content-type") == "application/json")
        #expect(failed.text == #"{"detail":"A server error occurred."}"#)
        let next = try FastCGIClient.request(to: server.address, path: "/ok")
        #expect(next.status == 200)
        #expect(next.text == "worker 0")
        #expect(
            waitUntil(timeout: 5) { server.log.contains("error: worker 0: GET /throw failed: ") && server.log.contains("Boom") },
            "log: \(server.log)")
    }

    @Test func clientThatHangsUpMidResponseDoesNotKillTheWorker() throws {
        let big = [UInt8](repeating: 65, count: 16 << 20)
        let server = try InProcessServer(workers: 1) { _, request in
            request.path == "/big" ? Response(status: 200, body: big) : .text(200, "still here")
        }
        defer { server.stop() }
        for _ in 0..<3 {
            let connection = try FastCGIConnection(.unix(server.socketPath), timeout: 10)
            try connection.beginRequest()
            try connection.sendParams(FastCGIClient.params(path: "/big"))
            connection.endStdin()
            let start = try connection.readStdout(atLeast: 64 * 1024)
            #expect(start.count >= 64 * 1024)
            connection.abort()
        }
        let next = try FastCGIClient.request(to: server.address, path: "/small", timeout: 10)
        #expect(next.status == 200)
        #expect(next.text == "still here")
        #expect(waitUntil(timeout: 5) { server.log.components(separatedBy: "client-gone").count - 1 == 3 }, "log: \(server.log)")
    }

    @Test func stopDrainsAndRunReturnsAReport() throws {
        let server = try InProcessServer(workers: 2) { _, _ in .text(200, "ok") }
        for _ in 0..<5 { _ = try FastCGIClient.request(to: server.address) }
        let outcome = try #require(server.stop())
        let report = try outcome.get()
        #expect(report.drained)
        #expect(report.requestsServed == 5)
        // Stopped: the socket no longer takes connections.
        #expect(throws: FastCGIConnectError.self) { _ = try FastCGIConnection(.unix(server.socketPath)) }
    }

    @Test func responderFactoryFailureStopsTheServer() throws {
        let directory = try TestEnvironment.makeTemporaryDirectory("fcgi")
        var configuration = ServerConfiguration()
        configuration.listen = .unix(path: directory + "/api.sock")
        configuration.workers = 3
        configuration.logFile = directory + "/server.log"
        let server = try FastCGIServer(configuration: configuration) { worker in
            if worker == 2 { throw Boom() }
            return ClosureResponder { _ in .text(200, "ok") }
        }
        #expect(throws: ServerConfigurationError.self) { _ = try server.run() }
    }
}
