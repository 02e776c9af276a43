#if canImport(Glibc)
import Glibc
#endif

/// The little of an HTTP/1.x request the admin server needs: method and path (query dropped).
struct AdminRequest: Equatable {
    let method: String
    let path: String

    /// Reads up to the end of the headers (the body of a GET is ignored), within `limit` bytes
    /// and `timeoutMilliseconds` in all; a request past either gets 431 or 408.
    static func read(from fd: Int32, limit: Int, timeoutMilliseconds: Int32) -> Result<AdminRequest, AdminResponse> {
        var buffer = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 2048)
        var remaining = timeoutMilliseconds
        while !containsHeaderEnd(buffer) {
            guard buffer.count < limit else { return .failure(AdminResponse(status: 431, body: "request headers too large\n")) }
            var ready = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            var started = timespec()
            clock_gettime(CLOCK_MONOTONIC, &started)
            guard poll(&ready, 1, remaining) > 0 else { return .failure(AdminResponse(status: 408, body: "request timeout\n")) }
            let count = Glibc.read(fd, &chunk, min(chunk.count, limit - buffer.count))
            guard count > 0 else { return .failure(AdminResponse(status: 400, body: "incomplete request\n")) }
            buffer += chunk[..<count]
            var now = timespec()
            clock_gettime(CLOCK_MONOTONIC, &now)
            let spent = Int32(clamping: (now.tv_sec - started.tv_sec) * 1000 + (now.tv_nsec - started.tv_nsec) / 1_000_000)
            remaining -= max(0, spent)
            guard remaining > 0 else { return .failure(AdminResponse(status: 408, body: "request timeout\n")) }
        }
        guard let request = parse(buffer) else { return .failure(AdminResponse(status: 400, body: "bad request\n")) }
        return .success(request)
    }

    /// `GET /metrics?x=1 HTTP/1.1` → ("GET", "/metrics").
    static func parse(_ bytes: [UInt8]) -> AdminRequest? {
        guard let lineEnd = bytes.firstIndex(of: UInt8(ascii: "\r")) ?? bytes.firstIndex(of: UInt8(ascii: "\n")) else { return nil }
        let parts = bytes[..<lineEnd].split(separator: UInt8(ascii: " "), omittingEmptySubsequences: false)
        guard parts.count == 3, parts[2].starts(with: Array("HTTP/1.".utf8)), !parts[0].isEmpty,
            parts[1].first == UInt8(ascii: "/")
        else { return nil }
        let target = parts[1].prefix { $0 != UInt8(ascii: "?") }
        return AdminRequest(method: String(decoding: parts[0], as: UTF8.self), path: String(decoding: target, as: UTF8.self))
    }

    private static func containsHeaderEnd(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 2 else { return false }
        // CRLF CRLF, or a bare LF LF from a lenient client.
        for index in 1..<bytes.count where bytes[index] == UInt8(ascii: "\n") {
            if bytes[index - 1] == UInt8(ascii: "\n") { return true }
            if index >= 3 && bytes[index - 1] == UInt8(ascii: "\r") && bytes[index - 2] == UInt8(ascii: "\n") { return true }
        }
        return false
    }
}

/// An answer of the admin server: always `Connection: close`.
struct AdminResponse: Error, Equatable {
    var status: Int
    var body: String
    var contentType = "text/plain; charset=utf-8"
    var headers: [(String, String)] = []
    var omitsBody = false

    init(status: Int, body: String, contentType: String = "text/plain; charset=utf-8", headers: [(String, String)] = []) {
        self.status = status
        self.body = body
        self.contentType = contentType
        self.headers = headers
    }

    static func == (left: AdminResponse, right: AdminResponse) -> Bool {
        left.status == right.status && left.body == right.body && left.contentType == right.contentType
    }

    var bytes: [UInt8] {
        let body = Array(self.body.utf8)
        var head = "HTTP/1.1 \(status) \(HTTPReasonPhrase.for(status))\r\n"
        head += "Content-Type: \(contentType)\r\nContent-Length: \(body.count)\r\nConnection: close\r\nCache-Control: no-store\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        return Array((head + "\r\n").utf8) + (omitsBody ? [] : body)
    }

    func write(to fd: Int32) {
        let bytes = self.bytes
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return }
            sent += count
        }
    }
}
