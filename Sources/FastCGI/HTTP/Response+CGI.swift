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
    ///
    /// - Parameter requestID: the web server's id for the request (`Request.requestID`, valid
    ///   by construction), echoed as `X-Request-ID` unless the handler set that header itself.
    public func cgiEncoded(requestID: String? = nil) -> [UInt8] {
        let status = (100...999).contains(status) ? status : 500
        let reason = HTTPReasonPhrase.for(status)
        // Written straight into one exactly reserved buffer: no intermediate head string.
        // 64: the status line's fixed part and an added `content-length` line (an array grown
        // past its reservation copies the whole body again).
        var capacity = 64 + reason.utf8.count + body.count + (requestID.map { 16 + $0.utf8.count } ?? 0)
        for field in headers { capacity += field.name.utf8.count + field.value.utf8.count + 4 }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(capacity)
        Self.append(literal: "Status: ", to: &bytes)
        Self.appendDecimal(status, to: &bytes)
        bytes.append(UInt8(ascii: " "))
        Self.append(reason, to: &bytes)
        Self.append(literal: "\r\n", to: &bytes)
        var echoesRequestID = requestID != nil
        for field in headers {
            // A name or value carrying CR/LF would let a handler (or data it echoes) forge
            // headers or end the head early: strip them rather than fail the whole response.
            let name = Self.stripLineBreaks(field.name)
            guard !name.isEmpty, !Headers.sameName(name, "status") else { continue }
            if echoesRequestID && Headers.sameName(name, "x-request-id") { echoesRequestID = false }
            Self.append(name, to: &bytes)
            Self.append(literal: ": ", to: &bytes)
            Self.append(Self.stripLineBreaks(field.value), to: &bytes)
            Self.append(literal: "\r\n", to: &bytes)
        }
        if echoesRequestID, let requestID {
            Self.append(literal: "X-Request-ID: ", to: &bytes)
            Self.append(requestID, to: &bytes)
            Self.append(literal: "\r\n", to: &bytes)
        }
        if !headers.contains("content-length") && Self.allowsBody(status) {
            // Lets the web server answer with a length instead of chunking.
            Self.append(literal: "content-length: ", to: &bytes)
            Self.appendDecimal(body.count, to: &bytes)
            Self.append(literal: "\r\n", to: &bytes)
        }
        Self.append(literal: "\r\n", to: &bytes)
        bytes.append(contentsOf: body)
        return bytes
    }

    /// A literal's bytes, straight from the binary.
    static func append(literal: StaticString, to bytes: inout [UInt8]) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    /// A string's bytes in one copy where they are contiguous (always, for native strings):
    /// appending a `String.UTF8View` went byte by byte.
    static func append(_ text: String, to bytes: inout [UInt8]) {
        let copied: Void? = text.utf8.withContiguousStorageIfAvailable { bytes.append(contentsOf: $0) }
        if copied == nil { bytes.append(contentsOf: text.utf8) }
    }

    /// A non-negative integer's decimal digits.
    static func appendDecimal(_ value: Int, to bytes: inout [UInt8]) {
        var digits:
            (
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8
            ) =
                (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var rest = max(value, 0)
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[19 - count] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
                count += 1
            } while rest > 0
            bytes.append(contentsOf: buffer[(20 - count)...])
        }
    }

    static func allowsBody(_ status: Int) -> Bool {
        !(100...199).contains(status) && status != 204 && status != 304
    }

    static func stripLineBreaks(_ text: String) -> String {
        let hasLineBreak =
            text.utf8.withContiguousStorageIfAvailable { $0.contains { $0 == 13 || $0 == 10 } }
            ?? text.utf8.contains { $0 == 13 || $0 == 10 }
        guard hasLineBreak else { return text }
        return String(decoding: text.utf8.filter { $0 != 13 && $0 != 10 }, as: UTF8.self)
    }
}
