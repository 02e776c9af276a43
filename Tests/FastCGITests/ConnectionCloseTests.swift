import Foundation
import Synchronization
import Testing
import FastCGI
import TestSupport

/// How a worker ends a connection: plainly once the request's input has been read to its end,
/// lingering (waiting for the web server's close) only when input may be left unread.
@Suite(.needsTestsRun) struct ConnectionCloseTests {
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
        try first.sendParams(
            FastCGIClient.params(
                method: withBody ? "POST" : "GET", path: "/first",
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

/// Connections the web server keeps open between requests (nginx `fastcgi_keep_conn on`).
@Suite(.needsTestsRun) struct KeptConnectionTests {
    private func get(_ connection: FastCGIConnection, _ path: String) throws -> FastCGIResponse {
        try connection.beginRequest(keepConnection: true)
        try connection.sendParams(FastCGIClient.params(path: path))
        #expect(connection.endStdin())
        return try connection.readResponse()
    }

    /// One worker, three kept connections used in turn: no connection pins the worker while it
    /// waits for its next request (libfcgi's own model would block on the first one forever).
    @Test func oneWorkerServesSeveralKeptConnectionsInTurn() throws {
        let server = try InProcessServer(workers: 1) { _, request in .text(200, request.path) }
        defer { server.stop() }
        let connections = try (0..<3).map { _ in try FastCGIConnection(server.address, timeout: 5) }
        for round in 0..<3 {
            for (index, connection) in connections.enumerated() {
                let response = try get(connection, "/c\(index)/r\(round)")
                #expect(response.status == 200)
                #expect(response.text == "/c\(index)/r\(round)")
            }
        }
        // Each is given back to the poller just after its response is written, so the last one
        // may still be in its worker's hands when the client has read the response.
        #expect(waitUntil(timeout: 5) { server.server.keptConnections == 3 }, "kept: \(server.server.keptConnections)")

        // A stop closes the idle kept connections: the web server then opens new ones.
        let report = try #require(server.stop(), "run() did not return")
        #expect(try report.get().requestsServed == 9)
        for connection in connections {
            #expect(try connection.readRecord() == nil)
        }
    }

    /// The poller counts (and at a stop closes) exactly the connections waiting in it: one a
    /// worker is serving is the worker's. Before, it stayed counted while served, and was
    /// forgotten only after libfcgi had closed it, so another worker could keep a new connection
    /// under the same number in between and have it forgotten (never closed by a stop).
    @Test func aConnectionBeingServedIsTheWorkersNotThePollers() throws {
        let inHandler = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0)
        let server = try InProcessServer(workers: 2) { _, request in
            if request.path == "/hold" {
                inHandler.signal()
                _ = release.wait(timeout: .now() + 10)
            }
            return .text(200, request.path)
        }
        defer { server.stop() }
        let connection = try FastCGIConnection(server.address, timeout: 10)
        #expect(try get(connection, "/first").status == 200)
        #expect(waitUntil(timeout: 5) { server.server.keptConnections == 1 }, "waiting for its next request")

        // The request is sent, its response read only after the look at the count.
        try connection.beginRequest(keepConnection: true)
        try connection.sendParams(FastCGIClient.params(path: "/hold"))
        #expect(connection.endStdin())
        #expect(inHandler.wait(timeout: .now() + 10) == .success)
        #expect(server.server.keptConnections == 0, "being served: the worker owns it")
        release.signal()
        #expect(try connection.readResponse().status == 200)
        #expect(waitUntil(timeout: 5) { server.server.keptConnections == 1 }, "given back to the poller")

        // Closed by the web server between requests: libfcgi closes it in a worker, and the
        // poller holds nothing stale.
        connection.close()
        #expect(waitUntil(timeout: 5) { server.server.keptConnections == 0 })
    }

    /// A kept connection whose request body was not read (413) is closed, not kept: its unread
    /// records would otherwise be taken for the next request's.
    @Test func aBodyLeftUnreadClosesAKeptConnection() throws {
        let server = try InProcessServer(workers: 1, maxBodySize: 16) { _, request in .text(200, "\(request.body.count)") }
        defer { server.stop() }
        let connection = try FastCGIConnection(server.address, timeout: 5)
        let body = [UInt8](repeating: 120, count: 64)
        try connection.beginRequest(keepConnection: true)
        try connection.sendParams(FastCGIClient.params(method: "POST", path: "/upload", body: body))
        _ = connection.sendStdin(body)
        _ = connection.endStdin()
        #expect(try connection.readResponse().status == 413)
        #expect(try connection.readRecord() == nil)
        #expect(server.server.keptConnections == 0)

        // A body read to its end keeps the connection.
        let small = Array("{}".utf8)
        let kept = try FastCGIConnection(server.address, timeout: 5)
        for _ in 0..<2 {
            try kept.beginRequest(keepConnection: true)
            try kept.sendParams(FastCGIClient.params(method: "POST", path: "/upload", body: small))
            #expect(kept.sendStdin(small))
            #expect(kept.endStdin())
            let response = try kept.readResponse()
            #expect(response.status == 200)
            #expect(response.text == "2")
        }
        #expect(waitUntil(timeout: 5) { server.server.keptConnections == 1 }, "given back after its response")
    }
}

/// `ServerConfiguration.ioTimeout`: a peer that stalls mid-request loses its connection.
@Suite(.needsTestsRun) struct StalledPeerTests {
    @Test func aPeerThatStallsMidRequestDoesNotHoldTheOnlyWorker() throws {
        let server = try InProcessServer(workers: 1, ioTimeout: .milliseconds(300)) { _, request in .text(200, request.path) }
        defer { server.stop() }
        let stalled = try FastCGIConnection(server.address, timeout: 5)
        try stalled.beginRequest()
        // Half a request: BEGIN_REQUEST only, no params; the worker is now reading it.
        usleep(100_000)

        let start = ContinuousClock.now
        let response = try FastCGIClient.request(to: server.address, path: "/next", timeout: 5)
        #expect(response.status == 200)
        #expect(response.text == "/next")
        let waited = seconds(since: start)
        #expect(waited < 2.5, "waited \(waited) s")
        // The stalled connection was dropped.
        let record = try stalled.readRecord()
        #expect(record == nil, "got record type \(record?.type ?? 0): \(String(decoding: record?.content ?? [], as: UTF8.self))")
    }

    /// A peer that goes away in the middle of its params: nothing is served for it (libfcgi
    /// alone would hand the handler a request with the params read so far).
    @Test func paramsCutOffAreNotServed() throws {
        let served = Atomic<Int>(0)
        let server = try InProcessServer(workers: 1) { _, request in
            served.add(1, ordering: .relaxed)
            return .text(200, request.path)
        }
        defer { server.stop() }
        let connection = try FastCGIConnection(server.address, timeout: 5)
        try connection.beginRequest()
        // One complete param, but not the empty record that ends them; then the peer leaves.
        #expect(connection.sendUnterminatedParams([("REQUEST_METHOD", "GET"), ("PATH_INFO", "/cut")]))
        connection.close()
        let next = try FastCGIClient.request(to: server.address, path: "/after", timeout: 5)
        #expect(next.text == "/after")
        #expect(served.load(ordering: .relaxed) == 1)
    }
}
