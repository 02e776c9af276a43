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
}
