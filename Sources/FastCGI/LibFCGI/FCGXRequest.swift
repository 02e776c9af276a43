import CFastCGI
#if canImport(Glibc)
import Glibc
#endif

/// One libfcgi request slot, owned by one worker thread for its whole life.
///
///     var slot = FCGXRequest(listening: socket.fd)
///     while slot.accept() >= 0 {
///         let params = slot.params()        // copied: libfcgi frees them at finish
///         _ = slot.write(Array("Status: 204 No Content\r\n\r\n".utf8))
///         slot.finish()
///     }
///
/// `FCGX_Request` must not move while libfcgi uses it (its streams point back into it), so it
/// lives on the heap; `~Copyable` keeps two owners from ever sharing or freeing it twice, and
/// the type is deliberately not `Sendable`: it never leaves the thread that made it.
struct FCGXRequest: ~Copyable {
    private let raw: UnsafeMutablePointer<FCGX_Request>

    init(listening fd: Int32) {
        _ = LibFCGI.initialized
        raw = .allocate(capacity: 1)
        raw.initialize(to: FCGX_Request())
        FCGX_InitRequest(raw, fd, 0)
    }

    deinit {
        // After finish the streams and params are NULL and ipcFd is -1: this only frees memory.
        FCGX_Free(raw, 1)
        raw.deinitialize(count: 1)
        raw.deallocate()
    }

    /// Blocks until the next request's params have arrived. Returns 0, or a negative errno
    /// (`-EINVAL` once the listening socket has been shut down).
    mutating func accept() -> Int32 {
        FCGX_Accept_r(raw)
    }

    /// The web server asked to keep the connection open after this request
    /// (`fastcgi_keep_conn on`): the worker then waits on that connection, not on accept.
    var keepsConnection: Bool { raw.pointee.keepConnection != 0 }

    /// The params, copied into Swift strings: `envp` dangles after `finish()`.
    ///
    /// Header params (`HTTP_*`, `CONTENT_TYPE`) are decoded as Latin-1, one character per byte,
    /// as WSGI hands them to Django (PEP 3333): HTTP header bytes carry no declared encoding, and
    /// this way none is lost or guessed. A UTF-8 `é` arrives as `Ã©`; what needs the bytes back
    /// (DRF's authentication headers, see RESTFramework's `AuthorizationHeader`) gets them
    /// exactly. Every other param (the decoded path above all) is UTF-8.
    func params() -> [(String, String)] {
        var list: [(String, String)] = []
        guard var entry = raw.pointee.envp else { return list }
        list.reserveCapacity(32)
        while let pair = entry.pointee {
            if let equals = strchr(pair, Int32(UInt8(ascii: "="))) {
                let name = String(decoding: UnsafeRawBufferPointer(start: pair, count: pair.distance(to: equals)), as: UTF8.self)
                let value = Self.isHeader(name) ? Self.latin1(equals + 1) : String(cString: equals + 1)
                list.append((name, value))
            }
            entry += 1
        }
        return list
    }

    static func isHeader(_ param: String) -> Bool { param.hasPrefix("HTTP_") || param == "CONTENT_TYPE" }

    /// A C string decoded as Latin-1: every byte is the code point of the same value.
    static func latin1(_ text: UnsafePointer<CChar>) -> String {
        let bytes = UnsafeRawBufferPointer(start: text, count: strlen(text))
        // ASCII, by far the common case, is the same text in UTF-8.
        if !bytes.contains(where: { $0 >= 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        var scalars = String.UnicodeScalarView()
        for byte in bytes { scalars.append(Unicode.Scalar(byte)) }
        return String(scalars)
    }

    enum Body {
        case complete([UInt8])
        /// Over the limit: answered 413 without reading the rest.
        case tooLarge
        /// The stream ended before CONTENT_LENGTH bytes: the client went away mid-upload.
        case incomplete
    }

    /// Reads FCGI_STDIN, never more than `limit + 1` bytes: with a CONTENT_LENGTH over the
    /// limit nothing is read, and without one the extra byte tells "exactly the limit" from
    /// "over it".
    func readBody(contentLength: Int?, limit: Int) -> Body {
        if let contentLength, contentLength > limit { return .tooLarge }
        let cap = contentLength ?? (limit + 1)
        var body: [UInt8] = []
        body.reserveCapacity(min(cap, 1 << 20))
        var chunk = [UInt8](repeating: 0, count: min(max(cap, 1), 64 * 1024))
        while body.count < cap {
            let wanted = min(chunk.count, cap - body.count)
            let got = chunk.withUnsafeMutableBytes { buffer in
                FCGX_GetStr(buffer.baseAddress!.assumingMemoryBound(to: CChar.self), Int32(wanted), raw.pointee.in)
            }
            if got > 0 { body.append(contentsOf: chunk[0..<Int(got)]) }
            if got < wanted { break }  // end of stream (or a read error)
        }
        if let contentLength, body.count < contentLength { return .incomplete }
        if body.count > limit { return .tooLarge }
        return .complete(body)
    }

    /// Writes on FCGI_STDOUT; false when the web server has gone away (EPIPE, ECONNRESET).
    func write(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress?.assumingMemoryBound(to: CChar.self) else { return true }
            var offset = 0
            while offset < buffer.count {
                let length = min(buffer.count - offset, Int(Int32.max))
                if FCGX_PutStr(base + offset, Int32(length), raw.pointee.out) < 0 { return false }
                offset += length
            }
            return true
        }
    }

    /// Flushes, sends END_REQUEST and closes the connection (unless the web server asked to
    /// keep it). Every pointer into the request's params is invalid afterwards.
    ///
    /// Measured with Debian's libfcgi 2.4.2: the close shuts down the sending side, then reads
    /// and discards whatever the peer still sends until it closes or stays silent for 2 s. So a
    /// body left unread (413) is drained here, not buffered, and a peer that keeps its end open
    /// holds the worker up to 2 s; nginx closes at once after END_REQUEST.
    func finish() {
        FCGX_Finish_r(raw)
    }
}

/// libfcgi's process-wide initialization.
enum LibFCGI {
    /// `FCGX_Init` exactly once: a `static let` is initialized lazily and thread-safely.
    static let initialized: Bool = FCGX_Init() == 0
}
