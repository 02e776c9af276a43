import Foundation
import Synchronization
import Testing
import FastCGI
import TestSupport

/// A body cut off before its end, and one that takes too long to arrive: neither reaches the
/// handler, and neither holds a worker.
@Suite(.needsTestsRun) struct SlowRequestTests {
    /// Requests the handler saw.
    final class Count: Sendable {
        private let value = Atomic<Int>(0)
        func add() { value.add(1, ordering: .relaxed) }
        var current: Int { value.load(ordering: .relaxed) }
    }

    /// Answers with the length of the body it was handed.
    static func countingServer(
        workers: Int = 2, ioTimeout: Duration = .seconds(30), requestTimeout: Duration = .seconds(60),
        _ handled: Count
    ) throws -> InProcessServer {
        try InProcessServer(workers: workers, ioTimeout: ioTimeout, requestTimeout: requestTimeout) { _, request in
            handled.add()
            return .text(200, "\(request.body.count)")
        }
    }

    /// Without CONTENT_LENGTH only the end record (the empty FCGI_STDIN) says the body is whole.
    /// A stream that ends otherwise, by FCGI_ABORT_REQUEST or by the web server closing its side,
    /// was handed to the handler as if complete; it is answered 400 like a body shorter than its
    /// CONTENT_LENGTH.
    @Test(arguments: ["abort", "close"])
    func aBodyWithoutContentLengthThatStopsEarlyIsNotHandled(_ how: String) throws {
        let handled = Count()
        let server = try Self.countingServer(handled)
        defer { server.stop() }
        let connection = try FastCGIConnection(server.address, timeout: 10)
        defer { connection.close() }
        try connection.beginRequest()
        try connection.sendParams(FastCGIClient.params(method: "POST", path: "/upload", body: [1], contentLength: false))
        #expect(connection.sendStdin([UInt8](repeating: 7, count: 500)))
        if how == "abort" { #expect(connection.abortRequest()) } else { connection.finishSending() }
        let response = try connection.readResponse()
        #expect(response.status == 400)
        #expect(response.text == #"{"detail":"Request body is incomplete."}"#)
        #expect(handled.current == 0)

        // The same body with its end record is handled.
        let whole = try FastCGIConnection(server.address, timeout: 10)
        defer { whole.close() }
        try whole.beginRequest()
        try whole.sendParams(FastCGIClient.params(method: "POST", path: "/upload", body: [1], contentLength: false))
        whole.sendStdin([UInt8](repeating: 7, count: 500))
        whole.endStdin()
        #expect(try whole.readResponse().text == "500")
    }

    /// `--request-timeout` bounds the whole body, not each read: a peer that sends a few bytes
    /// every 100 ms (each read well within the io timeout) gets 408 once the request timeout has
    /// passed, the handler never runs, and the other worker answers meanwhile.
    @Test(arguments: [true, false])
    func aBodyThatTricklesIsCutAtTheRequestTimeout(withContentLength: Bool) throws {
        let handled = Count()
        let server = try Self.countingServer(ioTimeout: .seconds(30), requestTimeout: .seconds(1), handled)
        defer { server.stop() }
        let slow = try FastCGIConnection(server.address, timeout: 10)
        defer { slow.close() }
        let start = ContinuousClock.now
        try slow.beginRequest()
        try slow.sendParams(
            FastCGIClient.params(
                method: "POST", path: "/upload", body: [UInt8](repeating: 1, count: 100_000),
                contentLength: withContentLength))
        var answered: FastCGIResponse?
        var other: (status: Int, took: Double)?
        for round in 0..<60 {
            guard slow.sendStdin([UInt8](repeating: 7, count: 5)) else { break }
            if round == 3 {
                let otherStart = ContinuousClock.now
                let response = try FastCGIClient.request(to: server.address, path: "/other", timeout: 5)
                other = (response.status, seconds(since: otherStart))
            }
            var ready = pollfd(fd: slow.fd, events: Int16(POLLIN), revents: 0)
            if poll(&ready, 1, 100) > 0 {
                answered = try slow.readResponse()
                break
            }
        }
        let waited = seconds(since: start)
        let response = try #require(answered, "no answer after \(waited) s; log: \(server.log)")
        #expect(response.status == 408)
        #expect(response.text == #"{"detail":"Request timeout."}"#)
        #expect(waited >= 0.9 && waited < 2.0, "answered after \(waited) s")
        #expect(handled.current == 1)  // the other request only
        #expect(other?.status == 200)
        let took = other?.took ?? 99
        #expect(took < 0.5, "the other request took \(took) s")
        // Closed after the answer, without waiting for the rest of the body.
        #expect(try slow.readRecord() == nil)
    }

    /// A slow body that makes it in time is served whole, and the connection's per-read limit,
    /// shortened near the deadline (to what was left of it, under 400 ms here), does not outlive
    /// the request: the next request on the kept connection may take the io timeout (600 ms)
    /// for a read again.
    @Test func aSlowBodyThatArrivesInTimeIsHandled() throws {
        let handled = Count()
        let server = try Self.countingServer(workers: 1, ioTimeout: .milliseconds(600), requestTimeout: .milliseconds(1000), handled)
        defer { server.stop() }
        let connection = try FastCGIConnection(server.address, timeout: 10)
        defer { connection.close() }
        try connection.beginRequest(keepConnection: true)
        try connection.sendParams(FastCGIClient.params(method: "POST", path: "/upload", body: [UInt8](repeating: 1, count: 30)))
        for _ in 0..<6 {
            connection.sendStdin([UInt8](repeating: 7, count: 5))
            usleep(120_000)
        }
        connection.endStdin()
        #expect(try connection.readResponse().text == "30")

        try connection.beginRequest(keepConnection: true)
        try connection.sendParams(FastCGIClient.params(method: "POST", path: "/upload", body: [UInt8](repeating: 1, count: 10)))
        usleep(480_000)
        connection.sendStdin([UInt8](repeating: 7, count: 10))
        connection.endStdin()
        #expect(try connection.readResponse().text == "10")
        #expect(handled.current == 2)
    }

    /// A body over the limit is answered 413 at once, but the rest of it used to be read and
    /// dropped by libfcgi's lingering close for as long as it kept coming (it stops only after
    /// 2 s of silence): a client trickling a large announced body held the worker for hours.
    /// The linger after a 413 is bounded like the 408's.
    @Test func aTooLargeBodyThatTricklesDoesNotHoldTheWorker() throws {
        let handled = Count()
        let server = try InProcessServer(workers: 1, maxBodySize: 1024) { _, request in
            handled.add()
            return .text(200, request.path)
        }
        defer { server.stop() }
        let slow = try FastCGIConnection(server.address, timeout: 10)
        defer { slow.close() }
        try slow.beginRequest()
        try slow.sendParams(FastCGIClient.params(method: "POST", path: "/upload", body: [UInt8](repeating: 1, count: 100_000)))
        #expect(try slow.readResponse().status == 413)
        // Keep trickling: the server must close within its bound (a send then fails), not wait
        // for silence. (End of file on reading comes at once: that is its shutdown of sending.)
        let start = ContinuousClock.now
        var closed = false
        while seconds(since: start) < 4 {
            guard slow.sendStdin([UInt8](repeating: 7, count: 5)) else { closed = true; break }
            usleep(100_000)
        }
        let waited = seconds(since: start)
        #expect(closed, "still open after \(waited) s of trickling")
        #expect(waited < 2, "closed after \(waited) s")
        // The only worker is free again.
        #expect(try FastCGIClient.request(to: server.address, path: "/next", timeout: 5).text == "/next")
        #expect(handled.current == 1)
    }
}
