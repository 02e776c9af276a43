import Foundation
import Synchronization
import Testing
import FastCGI
import TestSupport

/// Bodies over `maxBodySize` are answered 413 without being read whole.
@Suite(.needsTestsRun) struct BodyLimitTests {
    static let limit = 64 * 1024

    @Test func contentLengthOverTheLimitIsAnswered413WithoutReadingTheBody() throws {
        let called = Atomic<Int>(0)
        let server = try InProcessServer(maxBodySize: Self.limit) { _, _ in
            called.add(1, ordering: .relaxed)
            return .text(200, "handled")
        }
        defer { server.stop() }
        // Announce 100 MiB and send none of it: a server that tried to read it would hang here.
        let connection = try FastCGIConnection(.unix(server.socketPath), timeout: 10)
        defer { connection.close() }
        try connection.beginRequest()
        try connection.sendParams(
            FastCGIClient.params(method: "POST", path: "/upload", body: [UInt8](repeating: 0, count: 1))
                .map { $0.0 == "CONTENT_LENGTH" ? ($0.0, String(100 << 20)) : $0 })
        let response = try connection.readResponse()
        #expect(response.status == 413)
        #expect(response.header("content-type") == "application/json")
        #expect(response.text == #"{"detail":"Request body is too large."}"#)
        #expect(called.load(ordering: .relaxed) == 0)
    }

    @Test func streamWithoutContentLengthIsCutAtTheLimit() throws {
        let called = Atomic<Int>(0)
        let server = try InProcessServer(maxBodySize: Self.limit) { _, _ in
            called.add(1, ordering: .relaxed)
            return .text(200, "handled")
        }
        defer { server.stop() }
        let connection = try FastCGIConnection(.unix(server.socketPath), timeout: 10)
        defer { connection.close() }
        try connection.beginRequest()
        try connection.sendParams(FastCGIClient.params(method: "POST", path: "/upload", contentLength: false))
        // 8 MiB offered, 128 times the limit: the responder stops reading and answers.
        let chunk = [UInt8](repeating: 7, count: 64 * 1024)
        var sent = 0
        while sent < 8 << 20, connection.sendStdin(chunk) { sent += chunk.count }
        if sent >= 8 << 20 { connection.endStdin() }
        let response = try connection.readResponse()
        #expect(response.status == 413)
        #expect(response.text == #"{"detail":"Request body is too large."}"#)
        #expect(called.load(ordering: .relaxed) == 0)
    }

    @Test func streamWithoutContentLengthOfExactlyTheLimitIsAccepted() throws {
        let server = try InProcessServer(maxBodySize: Self.limit) { _, request in .text(200, "\(request.body.count)") }
        defer { server.stop() }
        for (size, status) in [(Self.limit, 200), (Self.limit + 1, 413)] {
            let connection = try FastCGIConnection(.unix(server.socketPath), timeout: 10)
            defer { connection.close() }
            try connection.beginRequest()
            try connection.sendParams(FastCGIClient.params(method: "POST", path: "/upload", contentLength: false))
            if connection.sendStdin([UInt8](repeating: 1, count: size)) { connection.endStdin() }
            let response = try connection.readResponse()
            #expect(response.status == status, "body of \(size) bytes")
            if status == 200 { #expect(response.text == "\(Self.limit)") }
        }
    }

    @Test func contentLengthAtTheLimitIsAccepted() throws {
        let server = try InProcessServer(maxBodySize: Self.limit) { _, request in .text(200, "\(request.body.count)") }
        defer { server.stop() }
        let response = try FastCGIClient.request(
            to: server.address, method: "POST", path: "/upload",
            body: [UInt8](repeating: 1, count: Self.limit))
        #expect(response.status == 200)
        #expect(response.text == "\(Self.limit)")
    }

    @Test func bodyShorterThanContentLengthIsNotHandled() throws {
        let called = Atomic<Int>(0)
        let server = try InProcessServer { _, _ in
            called.add(1, ordering: .relaxed)
            return .text(200, "handled")
        }
        defer { server.stop() }
        let connection = try FastCGIConnection(.unix(server.socketPath), timeout: 10)
        defer { connection.close() }
        try connection.beginRequest()
        try connection.sendParams(FastCGIClient.params(method: "POST", path: "/upload", body: [UInt8](repeating: 1, count: 1000)))
        connection.sendStdin([UInt8](repeating: 1, count: 10))
        connection.endStdin()
        let response = try connection.readResponse()
        #expect(response.status == 400)
        #expect(called.load(ordering: .relaxed) == 0)
    }
}
