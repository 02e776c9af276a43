import Foundation
import FastCGI

/// A minimal HTTP/1.1 client over a TCP socket on loopback, for end-to-end tests that need the
/// exact wire: it follows no redirects, keeps header order and case, and reads the body raw.
///
///     let response = try RawHTTPClient.send(port: nginx.port, method: "GET", path: "/api/")
///     #expect(response.status == 200)
public enum RawHTTPClient {
    public struct Response: Sendable {
        public let status: Int
        public let headers: [(name: String, value: String)]
        public let body: [UInt8]
        public var text: String { String(decoding: body, as: UTF8.self) }
        /// The first header with this name, compared case-insensitively.
        public func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }
    }

    public static func send(
        host: String = "127.0.0.1", port: Int, method: String, path: String,
        headers: [(String, String)] = [], body: [UInt8] = [], timeout: Int = 30
    ) throws -> Response {
        // A `Host` (or `Content-Length`) among `headers` replaces the one this client would write.
        let given = Set(headers.map { $0.0.lowercased() })
        var request = "\(method) \(path) HTTP/1.1\r\n"
        if !given.contains("host") { request += "Host: \(host):\(port)\r\n" }
        request += "Connection: close\r\n"
        for (name, value) in headers { request += "\(name): \(value)\r\n" }
        if !given.contains("content-length") && (!body.isEmpty || ["POST", "PUT", "PATCH"].contains(method)) {
            request += "Content-Length: \(body.count)\r\n"
        }
        request += "\r\n"
        let raw = try exchange(host: host, port: port, bytes: Array(request.utf8) + body, timeout: timeout)
        return try parse(raw, method: method)
    }

    /// A client that sends its body slowly: the request head with `Content-Length:
    /// contentLength`, then `chunk` bytes every `interval` seconds, until the server answers or
    /// closes (the answer, or nil when it closed without one) or `giveUpAfter` seconds pass
    /// (an error). Also returns how long it took.
    ///
    ///     let (response, seconds) = try RawHTTPClient.trickle(port: apache.port, path: "/upload", contentLength: 100_000)
    public static func trickle(
        host: String = "127.0.0.1", port: Int, method: String = "POST", path: String,
        contentLength: Int, chunk: Int = 5, interval: Double = 0.1,
        giveUpAfter limit: Double = 15
    ) throws -> (response: Response?, seconds: Double) {
        let socket = try connected(host: host, port: port, timeout: 10)
        let fd = socket.rawValue
        let start = Date()
        let head =
            "\(method) \(path) HTTP/1.1\r\nHost: \(host):\(port)\r\nConnection: close\r\nContent-Type: application/octet-stream\r\nContent-Length: \(contentLength)\r\n\r\n"
        var pending = Array(head.utf8)
        var sent = 0
        while Date().timeIntervalSince(start) < limit {
            if !pending.isEmpty {
                let n = pending.withUnsafeBytes { Foundation.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                if n <= 0 { break }  // the server closed: read what it said
                pending.removeFirst(n)
            }
            var ready = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            if poll(&ready, 1, Int32(interval * 1000)) > 0 { break }
            if pending.isEmpty && sent < contentLength {
                let count = min(chunk, contentLength - sent)
                pending = [UInt8](repeating: UInt8(ascii: "x"), count: count)
                sent += count
            }
        }
        guard Date().timeIntervalSince(start) < limit else {
            throw TestSupportError("no answer after \(limit) s (sent \(sent) of \(contentLength) body bytes)")
        }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n <= 0 { break }  // the end, or a reset after the answer
            received += buffer[0..<n]
        }
        socket.close()
        let seconds = Date().timeIntervalSince(start)
        return (received.isEmpty ? nil : try parse(received, method: method), seconds)
    }

    /// A connected socket, owned by the caller (closed once, when it goes).
    static func connected(host: String, port: Int, timeout: Int) throws -> FileDescriptor {
        guard let socket = FileDescriptor.socket(AF_INET, Int32(SOCK_STREAM.rawValue)) else { throw TestSupportError("socket() failed") }
        let fd = socket.rawValue
        var tv = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        inet_pton(AF_INET, host, &addr.sin_addr)
        let result = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else { throw TestSupportError("connect to \(host):\(port) failed: errno \(errno)") }
        return socket
    }

    /// Sends `bytes` as they are (a malformed request, say) and returns the answer as text.
    public static func exchangeText(host: String = "127.0.0.1", port: Int, bytes: [UInt8], timeout: Int = 30) throws -> String {
        String(decoding: try exchange(host: host, port: port, bytes: bytes, timeout: timeout), as: UTF8.self)
    }

    static func exchange(host: String, port: Int, bytes: [UInt8], timeout: Int) throws -> [UInt8] {
        let socket = try connected(host: host, port: port, timeout: timeout)
        let fd = socket.rawValue
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            guard n > 0 else { throw TestSupportError("write failed: errno \(errno)") }
            sent += n
        }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 { throw TestSupportError("read failed or timed out: errno \(errno)") }
            if n == 0 { break }
            received += buffer[0..<n]
        }
        socket.close()
        return received
    }

    static func parse(_ raw: [UInt8], method: String) throws -> Response {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard let end = raw.indices.first(where: { raw[$0...].starts(with: separator) }) else {
            throw TestSupportError("no header end in response: \(String(decoding: raw, as: UTF8.self))")
        }
        let head = String(decoding: raw[..<end], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = head[0].split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else { throw TestSupportError("bad status line \(head[0])") }
        var headers: [(name: String, value: String)] = []
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers.append((String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
        }
        var body = Array(raw[(end + 4)...])
        let chunked = headers.contains { $0.name.lowercased() == "transfer-encoding" && $0.value.lowercased().contains("chunked") }
        if chunked && method != "HEAD" { body = try dechunk(body) }
        return Response(status: status, headers: headers, body: body)
    }

    static func dechunk(_ data: [UInt8]) throws -> [UInt8] {
        var out: [UInt8] = [], i = 0
        while i < data.count {
            guard let lineEnd = data[i...].indices.first(where: { data[$0] == 13 }) else { break }
            let sizeText = String(decoding: data[i..<lineEnd], as: UTF8.self).split(separator: ";")[0]
            guard let size = Int(sizeText, radix: 16) else { throw TestSupportError("bad chunk size") }
            if size == 0 { break }
            let start = lineEnd + 2
            out += data[start..<min(start + size, data.count)]
            i = start + size + 2
        }
        return out
    }
}
