import ArgumentParser
// The `///` examples of Sources/FastCGI, compiled (DocCommentExampleTests finds them here).
@testable import FastCGI
import Logging
#if canImport(Glibc)
import Glibc
#endif

// Request
enum RequestExample {
    struct Hello: Responder {
        func respond(to request: Request) throws -> Response {
            .json(200, #"{"path":"\#(request.path)","host":"\#(request.host)"}"#)
        }
    }
}

enum FastCGIExamples {
    // Responder
    static func responder(configuration: ServerConfiguration) throws {
        final class Hello: Responder {
            let worker: Int
            init(worker: Int) { self.worker = worker }
            func respond(to request: Request) throws -> Response {
                .json(200, #"{"worker":\#(worker)}"#)
            }
        }
        let server = try FastCGIServer(configuration: configuration) { worker in Hello(worker: worker) }
        let factory: ResponderFactory = { _ in ClosureResponder { request in .text(200, request.path) } }
        _ = (server, factory)
    }

    // HTTPCore's Headers, HTTPReasonPhrase, Request(params:), Response
    static func http() {
        var headers: Headers = ["Content-Type": "application/json"]
        headers["content-type"]              // "application/json"
        headers.add("set-cookie", "a=1")
        headers.add("set-cookie", "b=2")
        headers.values("Set-Cookie")         // ["a=1", "b=2"]
        headers["Vary"] = "Accept"           // replaces every `vary` field, in the first one's place
        for field in headers { print(field.name, field.value) }

        HTTPReasonPhrase.for(404) // "Not Found"

        let request = Request(params: [("REQUEST_METHOD", "GET"), ("PATH_INFO", "/users/"),
                                       ("HTTP_HOST", "api.example.com")])
        request.host // "api.example.com"

        var response = Response.json(201, #"{"id":7}"#)
        response.headers.add("location", "/users/7/")
        response.headers.add("set-cookie", "a=1")
        response.headers.add("set-cookie", "b=2")
    }

    // FCGXRequest
    static func slot(_ socket: ListeningSocket) {
        var slot = FCGXRequest()
        if case .connection(let connection) = socket.acceptConnection(stopping: { false }), slot.begin(connection: connection) == 0 {
            let request = slot.request()      // copied: libfcgi frees the params at finish
            _ = slot.write(Array("Status: 204 No Content\r\n\r\n".utf8))
            slot.finish()
        }
    }

    // ReadDeadline
    static func deadline(fd: Int32, configuration: ServerConfiguration, slot: borrowing FCGXRequest, handle: ([UInt8]) -> Void) {
        var deadline: ReadDeadline? = ReadDeadline(connection: fd, limits: ReadLimits(configuration))
        if case .complete(let body) = slot.readBody(contentLength: nil, limit: 1 << 20, within: &deadline) { handle(body) }
    }

    // QueueWait
    static func queueWait() {
        let policy = QueueWait(limit: .seconds(5))
        policy.waited(stamp: "t=1765080000.250", now: 1_765_080_006_000_000)  // 5.75 s: answer 503
    }

    // LogFormat, ServerLog
    static func log() throws {
        LogFormat.milliseconds(.microseconds(12_345)) // "12.3"
        let log = try ServerLog(path: "/var/log/api/server.log")
        log.info("listening on unix:/run/api/api.sock with 8 workers")
        // 2025-05-20T10:11:12.345Z info: listening on unix:/run/api/api.sock with 8 workers
    }

    // LogLine
    static func logLine() {
        LogLine.message(time: "2026-12-07T03:40:00.123Z", level: .error, "GET /x failed", requestID: "4f1c", format: .text)
        // 2026-12-07T03:40:00.123Z error: GET /x failed request_id=4f1c
        LogLine.message(time: "2026-12-07T03:40:00.123Z", level: .error, "GET /x failed", requestID: "4f1c", format: .json)
        // {"time":"2026-12-07T03:40:00.123Z","level":"error","message":"GET /x failed","request_id":"4f1c"}
    }

    // ServerLogHandler
    static func logHandler() {
        let log = ServerLog(format: .json, level: .debug)
        var logger = Logger(label: "billing") { label in ServerLogHandler(label: label, log: log) }
        logger[metadataKey: "request_id"] = "4f1c"
        logger.info("invoice sent", metadata: ["invoice": "42"])
        // {"time":"...","level":"info","message":"invoice sent","request_id":"4f1c","logger":"billing","invoice":"42"}
    }

    // RequestID
    static func requestID() {
        RequestID.validated("2c9f5e0b8a1d4e7f9b3c6d2a1e0f4b5c")   // the same
        RequestID.validated("abc\r\nX-Admin: 1")                  // nil
    }

    // ServerOptions
    struct Serve: ParsableCommand {
        @OptionGroup var server: ServerOptions
        func run() throws {
            let server = try FastCGIServer(configuration: server.configuration) { _ in ClosureResponder { _ in .text(200, "ok") } }
            _ = try server.runUntilSignalled()
        }
    }

    // FastCGIServer.runUntilSignalled, ShutdownReport
    static func signals(_ server: FastCGIServer) throws {
        let report = try server.runUntilSignalled()
        exit(report.drained ? 0 : 1)
    }

    // FastCGIServer
    static func server() throws {
        var configuration = ServerConfiguration()
        configuration.listen = .unix(path: "/run/api/api.sock")
        let server = try FastCGIServer(configuration: configuration) { worker in
            ClosureResponder { request in .json(200, #"{"path":"\#(request.path)"}"#) }
        }
        let report = try server.runUntilSignalled()   // SIGTERM/SIGINT: drain, then return
        _ = report
    }

    // ListenAddress, ListeningSocket, ServerConfiguration
    static func listening() throws {
        try ListenAddress(parsing: "unix:/run/api/api.sock") // .unix(path: "/run/api/api.sock")
        try ListenAddress(parsing: "127.0.0.1:9000")         // .tcp(host: "127.0.0.1", port: 9000)
        ListenAddress.inherited                               // fd 0 (spawn-fcgi, mod_fcgid)

        let socket = try ListeningSocket.open(.unix(path: "/run/api/api.sock"), mode: 0o660, group: "www-data")
        _ = socket

        var configuration = ServerConfiguration()
        configuration.listen = .unix(path: "/run/api/api.sock")
        configuration.workers = 8
        configuration.maxBodySize = 1 << 20
    }

    // startThread
    static func threads(waitForSignals: @escaping @Sendable () -> Void, serve: @escaping @Sendable () -> Void) throws {
        try startThread(name: "fcgi-signals") { waitForSignals() }
        let worker = try startThread(name: "fcgi-worker-0", detached: false) { serve() }
        _ = worker
    }

    // FileDescriptor
    static func descriptor(address: UnsafePointer<sockaddr>, length: socklen_t, handOver: (Int32) -> Void) -> Bool {
        guard let socket = FileDescriptor.socket(AF_UNIX, Int32(SOCK_STREAM.rawValue)) else { return false }
        guard connect(socket.rawValue, address, length) == 0 else { return false }   // closed on the way out
        handOver(socket.release())          // now someone else (libfcgi, the kernel's epoll set) owns it
        return true
    }
}
