import Foundation
import Testing
import FastCGI
import TestSupport

/// A peer that connects and sends nothing holds up no one: it waits outside the workers, and
/// is closed after the io timeout.
@Suite(.needsTestsRun) struct SilentPeerTests {
    @Test func silentConnectionsDoNotDelayOthers() throws {
        let workers = 2
        let server = try InProcessServer(workers: workers, ioTimeout: .milliseconds(1500)) { _, request in .text(200, request.path) }
        defer { server.stop() }
        // More silent peers than workers, all connected before the request.
        let silent = try (0...workers).map { _ in try FastCGIConnection(server.address, timeout: 10) }
        usleep(100_000)

        let start = ContinuousClock.now
        let response = try FastCGIClient.request(to: server.address, path: "/next", timeout: 10)
        let waited = seconds(since: start)
        #expect(response.text == "/next")
        #expect(waited < 0.5, "waited \(waited) s behind \(silent.count) silent connections")
        #expect(server.server.silentConnections == silent.count)

        // A silent peer that speaks up later is served.
        try silent[0].beginRequest()
        try silent[0].sendParams(FastCGIClient.params(path: "/late"))
        silent[0].endStdin()
        #expect(try silent[0].readResponse().text == "/late")

        // The others are closed once the io timeout has passed, not before.
        for connection in silent.dropFirst() {
            var ready = pollfd(fd: connection.fd, events: Int16(POLLIN), revents: 0)
            #expect(poll(&ready, 1, 0) == 0, "closed too early")
        }
        for connection in silent.dropFirst() {
            var ready = pollfd(fd: connection.fd, events: Int16(POLLIN), revents: 0)
            #expect(poll(&ready, 1, 3000) == 1)
            #expect(try connection.readRecord() == nil)
        }
        let closedAfter = seconds(since: start)
        #expect(closedAfter >= 1.2 && closedAfter < 3.5, "closed after \(closedAfter) s")
        #expect(server.server.silentConnections == 0)
    }

    /// A connection the server took before a stop is answered, though its request comes after
    /// the stop began (nginx connects, then writes): the stop waits for it (at most a second).
    /// Woken at once, the workers used to close it unserved.
    @Test func aConnectionTakenBeforeAStopIsAnsweredWhenItsRequestComesAfter() throws {
        let server = try InProcessServer(workers: 2, ioTimeout: .seconds(5)) { _, request in .text(200, request.path) }
        defer { server.stop() }
        let connection = try FastCGIConnection(server.address, timeout: 10)
        #expect(waitUntil(timeout: 5) { server.server.silentConnections == 1 })
        server.server.stop()  // the stop begins now; `run()` drains
        #expect(server.server.isStopping)
        // Time for the stop to go on: before the fix the connection was closed within it. (The
        // stop waits for a silent connection up to a second, so this leaves 0.9 s of margin.)
        var closed = pollfd(fd: connection.fd, events: Int16(POLLIN), revents: 0)
        #expect(poll(&closed, 1, 100) == 0, "the silent connection was closed at the stop")
        try connection.beginRequest()
        try connection.sendParams(FastCGIClient.params(path: "/after-the-stop"))
        connection.endStdin()
        #expect(try connection.readResponse().text == "/after-the-stop")
        let start = ContinuousClock.now
        #expect(server.stop() != nil, "run() returned")
        #expect(seconds(since: start) < 1.5)
        // A new connection is not taken any more.
        #expect((try? FastCGIClient.request(to: server.address, path: "/late", timeout: 2)) == nil)
    }
}
