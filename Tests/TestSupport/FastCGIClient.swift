import Foundation
import FastCGI

/// A FastCGI client for tests: it speaks the wire protocol (FCGI_BEGIN_REQUEST, FCGI_PARAMS,
/// FCGI_STDIN; reads FCGI_STDOUT, FCGI_STDERR, FCGI_END_REQUEST) to a responder on a unix or
/// TCP socket, without a web server in between.
///
///     let response = try FastCGIClient.request(to: .unix(dir + "/api.sock"), method: "POST", path: "/users/",
///                                              headers: [("Content-Type", "application/json")], body: Array(#"{"a":1}"#.utf8))
///     #expect(response.status == 201)
///     #expect(response.header("content-type") == "application/json")
///
/// `FastCGIConnection` gives the individual steps, for tests that stream a body, stop early or
/// hang up mid-response.
public enum FastCGIClient {
    public enum Address: Sendable, CustomStringConvertible {
        case unix(String)
        case tcp(host: String, port: Int)
        public var description: String {
            switch self {
            case .unix(let path): "unix:" + path
            case .tcp(let host, let port): "\(host):\(port)"
            }
        }
    }

    /// One request on its own connection, params as given.
    public static func send(to address: Address, params: [(String, String)], body: [UInt8] = [], timeout: Int = 30) throws
        -> FastCGIResponse
    {
        let connection = try FastCGIConnection(address, timeout: timeout)
        defer { connection.close() }
        try connection.beginRequest()
        try connection.sendParams(params)
        if connection.sendStdin(body) { connection.endStdin() }
        return try connection.readResponse()
    }

    /// One request with the params nginx sends through `deploy/nginx/fastcgi_params`.
    public static func request(
        to address: Address, method: String = "GET", path: String = "/", query: String = "",
        headers: [(String, String)] = [], body: [UInt8] = [], timeout: Int = 30
    ) throws -> FastCGIResponse {
        try send(
            to: address, params: params(method: method, path: path, query: query, headers: headers, body: body),
            body: body, timeout: timeout)
    }

    /// The params nginx would send for this request (`Host: localhost`, port 80, from 127.0.0.1
    /// unless `headers` say otherwise). `contentLength: false` leaves CONTENT_LENGTH empty, as
    /// for a chunked upload nginx did not buffer.
    public static func params(
        method: String = "GET", path: String = "/", query: String = "", headers: [(String, String)] = [],
        body: [UInt8] = [], contentLength: Bool = true
    ) -> [(String, String)] {
        let header = { (name: String) in headers.first { $0.0.lowercased() == name }?.1 }
        var params: [(String, String)] = [
            ("QUERY_STRING", query),
            ("REQUEST_METHOD", method),
            ("CONTENT_TYPE", header("content-type") ?? ""),
            ("CONTENT_LENGTH", contentLength && (!body.isEmpty || ["POST", "PUT", "PATCH"].contains(method)) ? String(body.count) : ""),
            ("SCRIPT_NAME", ""),
            ("PATH_INFO", path),
            ("REQUEST_URI", query.isEmpty ? path : path + "?" + query),
            ("DOCUMENT_URI", path),
            ("SERVER_PROTOCOL", "HTTP/1.1"),
            ("REQUEST_SCHEME", "http"),
            ("GATEWAY_INTERFACE", "CGI/1.1"),
            ("SERVER_SOFTWARE", "test-client"),
            ("REMOTE_ADDR", "127.0.0.1"),
            ("REMOTE_PORT", "50000"),
            ("SERVER_ADDR", "127.0.0.1"),
            ("SERVER_PORT", "80"),
            ("SERVER_NAME", "localhost"),
        ]
        if header("host") == nil { params.append(("HTTP_HOST", "localhost")) }
        for (name, value) in headers where !["content-type", "content-length"].contains(name.lowercased()) {
            params.append(("HTTP_" + name.uppercased().replacingOccurrences(of: "-", with: "_"), value))
        }
        return params
    }
}

/// One connection to a FastCGI responder, driven step by step. Not thread-safe: one test thread.
///
///     let connection = try FastCGIConnection(.unix(path))
///     try connection.beginRequest()
///     try connection.sendParams(FastCGIClient.params(method: "POST", path: "/upload", contentLength: false))
///     while connection.sendStdin(chunk) { if enough { break } }   // false once the responder hung up
///     let response = try connection.readResponse()
public final class FastCGIConnection {
    /// The connection's number while it is open (for `setsockopt` and the like in tests).
    public let fd: Int32
    public let requestID: UInt16
    /// Owns `fd`: nil once closed, so a second `close()` (or `deinit` after one) closes nothing.
    private var socket: FileDescriptor?

    enum RecordType: UInt8 {
        case beginRequest = 1, abortRequest = 2, endRequest = 3, params = 4, stdin = 5, stdout = 6, stderr = 7
    }

    public init(_ address: FastCGIClient.Address, requestID: UInt16 = 1, timeout: Int = 30) throws {
        self.requestID = requestID
        // Connected before any stored property is set: a failed connect closes the socket once,
        // as the local `FileDescriptor` goes, and a throwing init that had set every property
        // would also run `deinit` (this class once closed its socket twice that way, and the
        // second close hit another test's connection under the reused number: issue 11).
        let socket = try Self.connected(to: address)
        var tv = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(socket.rawValue, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(socket.rawValue, SOL_SOCKET, SO_SNDTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        fd = socket.rawValue
        self.socket = Optional(consume socket)
    }

    private static func connected(to address: FastCGIClient.Address) throws -> FileDescriptor {
        switch address {
        case .unix(let path):
            guard let socket = FileDescriptor.socket(AF_UNIX, Int32(SOCK_STREAM.rawValue)) else {
                throw TestSupportError("socket() failed: errno \(errno)")
            }
            var address = sockaddr_un()
            address.sun_family = sa_family_t(AF_UNIX)
            let bytes = Array(path.utf8.prefix(107))
            withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }
            let result = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(socket.rawValue, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
                }
            }
            guard result == 0 else { throw FastCGIConnectError(errno: errno, address: "unix:" + path) }
            return socket
        case .tcp(let host, let port):
            guard let socket = FileDescriptor.socket(AF_INET, Int32(SOCK_STREAM.rawValue)) else {
                throw TestSupportError("socket() failed: errno \(errno)")
            }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            inet_pton(AF_INET, host, &address.sin_addr)
            let result = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(socket.rawValue, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            guard result == 0 else { throw FastCGIConnectError(errno: errno, address: "\(host):\(port)") }
            return socket
        }
    }

    /// Closes the connection; later calls do nothing.
    public func close() {
        socket = nil
    }

    // MARK: - Sending

    /// FCGI_BEGIN_REQUEST for the responder role.
    public func beginRequest(keepConnection: Bool = false) throws {
        let body: [UInt8] = [0, 1, keepConnection ? 1 : 0, 0, 0, 0, 0, 0]
        guard send(record(.beginRequest, body)) else { throw TestSupportError("write of BEGIN_REQUEST failed: errno \(errno)") }
    }

    /// All params, then the empty FCGI_PARAMS record that ends them.
    public func sendParams(_ params: [(String, String)]) throws {
        try sendParams(bytes: params.map { (Array($0.0.utf8), Array($0.1.utf8)) })
    }

    /// The same with names and values as raw bytes (a header value that is not UTF-8, say).
    public func sendParams(bytes params: [([UInt8], [UInt8])]) throws {
        var stream: [UInt8] = []
        for (name, value) in params {
            stream += Self.length(name.count) + Self.length(value.count) + name + value
        }
        var bytes: [UInt8] = []
        var offset = 0
        while offset < stream.count {
            let end = min(offset + 65535, stream.count)
            bytes += record(.params, Array(stream[offset..<end]))
            offset = end
        }
        bytes += record(.params, [])
        guard send(bytes) else { throw TestSupportError("write of PARAMS failed: errno \(errno)") }
    }

    /// One PARAMS record with these params but not the empty record that ends them: a request
    /// cut off in its params (as a peer that goes away or stalls leaves it).
    @discardableResult
    public func sendUnterminatedParams(_ params: [(String, String)]) -> Bool {
        var stream: [UInt8] = []
        for (name, value) in params {
            stream += Self.length(name.utf8.count) + Self.length(value.utf8.count) + Array(name.utf8) + Array(value.utf8)
        }
        return send(record(.params, stream))
    }

    /// Body bytes as FCGI_STDIN records. Returns false when the responder has closed the
    /// connection (it may have answered early, e.g. 413): read the response then.
    @discardableResult
    public func sendStdin(_ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let end = min(offset + 65535, bytes.count)
            guard send(record(.stdin, Array(bytes[offset..<end]))) else { return false }
            offset = end
        }
        return true
    }

    /// The empty FCGI_STDIN record: end of body.
    @discardableResult
    public func endStdin() -> Bool { send(record(.stdin, [])) }

    /// FCGI_ABORT_REQUEST: the web server gives the request up (its client went away).
    @discardableResult
    public func abortRequest() -> Bool { send(record(.abortRequest, [])) }

    /// Ends the sending side only (the responder reads end of file), still able to read its answer.
    public func finishSending() {
        shutdown(fd, Int32(SHUT_WR))
    }

    /// Hangs up without reading the rest: the way a client that goes away looks to the responder.
    public func abort() {
        // SO_LINGER 0 turns close into a reset on TCP; on a unix socket close is abrupt anyway.
        var linger = Foundation.linger(l_onoff: 1, l_linger: 0)
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Foundation.linger>.size))
        close()
    }

    // MARK: - Receiving

    /// Reads records until FCGI_END_REQUEST.
    public func readResponse() throws -> FastCGIResponse {
        var stdout: [UInt8] = [], stderr: [UInt8] = []
        while let (type, content) = try readRecord() {
            switch type {
            case RecordType.stdout.rawValue: stdout += content
            case RecordType.stderr.rawValue: stderr += content
            case RecordType.endRequest.rawValue:
                guard content.count >= 5 else { throw TestSupportError("short END_REQUEST") }
                let appStatus = content[0..<4].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
                return try FastCGIResponse(stdout: stdout, stderr: stderr, appStatus: appStatus, protocolStatus: content[4])
            default: continue
            }
        }
        throw TestSupportError(
            "connection closed before END_REQUEST (stdout so far: \(String(decoding: stdout.prefix(300), as: UTF8.self)))")
    }

    /// Reads up to `count` bytes of FCGI_STDOUT content (fewer at the end of the response).
    public func readStdout(atLeast count: Int) throws -> [UInt8] {
        var stdout: [UInt8] = []
        while stdout.count < count, let (type, content) = try readRecord() {
            if type == RecordType.stdout.rawValue { stdout += content }
            if type == RecordType.endRequest.rawValue { break }
        }
        return stdout
    }

    /// The next record's type and content; nil when the responder closed the connection.
    public func readRecord() throws -> (type: UInt8, content: [UInt8])? {
        guard let header = try readExactly(8) else { return nil }
        let contentLength = Int(header[4]) << 8 | Int(header[5])
        guard let rest = try readExactly(contentLength + Int(header[6])) else {
            throw TestSupportError("connection closed inside a record")
        }
        return (header[1], Array(rest.prefix(contentLength)))
    }

    private func readExactly(_ count: Int) throws -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: count)
        var got = 0
        while got < count {
            let n = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress! + got, count - got) }
            if n == 0 {
                if got == 0 { return nil }
                throw TestSupportError("connection closed after \(got) of \(count) bytes")
            }
            if n < 0 {
                if errno == EINTR { continue }
                if errno == ECONNRESET && got == 0 { return nil }
                throw TestSupportError("read failed or timed out: errno \(errno)")
            }
            got += n
        }
        return bytes
    }

    // MARK: - Encoding

    private func record(_ type: RecordType, _ content: [UInt8]) -> [UInt8] {
        let padding = (8 - content.count % 8) % 8
        return [
            1, type.rawValue, UInt8(requestID >> 8), UInt8(requestID & 0xff),
            UInt8(content.count >> 8), UInt8(content.count & 0xff), UInt8(padding), 0,
        ]
            + content + [UInt8](repeating: 0, count: padding)
    }

    /// Name and value lengths: one byte below 128, else four with the high bit set.
    static func length(_ count: Int) -> [UInt8] {
        count < 128
            ? [UInt8(count)]
            : [UInt8((count >> 24) & 0x7f) | 0x80, UInt8((count >> 16) & 0xff), UInt8((count >> 8) & 0xff), UInt8(count & 0xff)]
    }

    /// False when the peer is gone (EPIPE, ECONNRESET); MSG_NOSIGNAL keeps SIGPIPE from ending the test process.
    private func send(_ bytes: [UInt8]) -> Bool {
        var sent = 0
        while sent < bytes.count {
            let n = bytes.withUnsafeBytes { Foundation.send(fd, $0.baseAddress! + sent, bytes.count - sent, Int32(MSG_NOSIGNAL)) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return false }
            sent += n
        }
        return true
    }
}

/// connect() failed; `errno` tells refused (ECONNREFUSED) from missing (ENOENT).
public struct FastCGIConnectError: Error, CustomStringConvertible {
    public let errno: Int32
    public let address: String
    public var description: String { "connect to \(address) failed: errno \(errno)" }
}
