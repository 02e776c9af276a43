// The CGI response format a FastCGI responder writes on FCGI_STDOUT:
//
//     Status: 201 Created\r\n
//     content-type: application/json\r\n
//     content-length: 8\r\n
//     \r\n
//     {"id":7}
//
// Built as one buffer so libfcgi gets a single FCGX_PutStr call.

extension Response {
    /// The bytes to write on FCGI_STDOUT.
    public func cgiEncoded() -> [UInt8] {
        let status = (100...999).contains(status) ? status : 500
        var head = "Status: \(status) \(HTTPReasonPhrase.for(status))\r\n"
        for field in headers {
            // A name or value carrying CR/LF would let a handler (or data it echoes) forge
            // headers or end the head early: strip them rather than fail the whole response.
            let name = Self.stripLineBreaks(field.name)
            guard !name.isEmpty, !HTTPHeaders.sameName(name, "status") else { continue }
            head += name + ": " + Self.stripLineBreaks(field.value) + "\r\n"
        }
        if !headers.contains("content-length") && Self.allowsBody(status) {
            // Lets the web server answer with a length instead of chunking.
            head += "content-length: \(body.count)\r\n"
        }
        head += "\r\n"
        var bytes: [UInt8] = []
        bytes.reserveCapacity(head.utf8.count + body.count)
        bytes.append(contentsOf: head.utf8)
        bytes.append(contentsOf: body)
        return bytes
    }

    static func allowsBody(_ status: Int) -> Bool {
        !(100...199).contains(status) && status != 204 && status != 304
    }

    static func stripLineBreaks(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 13 || $0 == 10 }) else { return text }
        return String(decoding: text.utf8.filter { $0 != 13 && $0 != 10 }, as: UTF8.self)
    }
}
