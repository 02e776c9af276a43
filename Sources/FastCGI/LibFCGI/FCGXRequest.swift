import CFastCGI
#if canImport(Glibc)
import Glibc
#endif

/// One libfcgi request slot, owned by one worker thread for its whole life. The worker
/// accepts connections itself (see `AcceptWakeup` for why); libfcgi reads and writes the
/// protocol on them.
///
///     var slot = FCGXRequest()
///     if case .connection(let connection) = socket.acceptConnection(stopping: { false }), slot.begin(connection: connection) == 0 {
///         let request = slot.request()      // copied: libfcgi frees the params at finish
///         _ = slot.write(Array("Status: 204 No Content\r\n\r\n".utf8))
///         slot.finish()
///     }
///
/// `FCGX_Request` must not move while libfcgi uses it (its streams point back into it), so it
/// lives on the heap; `~Copyable` keeps two owners from ever sharing or freeing it twice, and
/// the type is deliberately not `Sendable`: it never leaves the thread that made it.
struct FCGXRequest: ~Copyable {
    private let raw: UnsafeMutablePointer<FCGX_Request>

    /// A slot with no listening socket (-1): libfcgi never accepts on its own, so it can never
    /// block in an accept that a stop cannot interrupt.
    init() {
        _ = LibFCGI.initialized
        raw = .allocate(capacity: 1)
        raw.initialize(to: FCGX_Request())
        FCGX_InitRequest(raw, -1, 0)
    }

    deinit {
        // After finish (and takeKeptConnection) the streams and params are NULL and ipcFd is
        // -1: this only frees memory.
        FCGX_Free(raw, 1)
        raw.deinitialize(count: 1)
        raw.deallocate()
    }

    /// Reads the next request on a connection (newly accepted, or kept from an earlier request,
    /// perhaps served by another worker's slot). Returns 0 once its params have arrived;
    /// negative when the connection ended without a request (libfcgi has closed it then).
    ///
    /// How (measured with Debian's libfcgi 2.4.2, and plain in its source): `FCGX_Accept_r`
    /// first finishes the previous request, closing its connection unless `keepConnection` is
    /// set, and accepts only when `ipcFd` is negative. So the accepted descriptor goes into
    /// `ipcFd` with `keepConnection` set; the BEGIN_REQUEST record then sets `keepConnection`
    /// from the web server's flag. When the connection fails, libfcgi closes it and tries to
    /// accept on the listening socket, -1 here: `accept(-1)` fails with EBADF, so the call
    /// returns -9 instead of blocking.
    ///
    /// The connection is libfcgi's from here (it closes it when the request fails or at
    /// `finish`) until `takeKeptConnection()` hands a kept one back.
    mutating func begin(connection: consuming FileDescriptor) -> Int32 {
        precondition(raw.pointee.ipcFd < 0, "a connection is still open")
        raw.pointee.ipcFd = connection.release()
        raw.pointee.keepConnection = 1
        let status = FCGX_Accept_r(raw)
        // libfcgi ends the params at the first read error or end of file as if they were
        // complete (measured: a peer that sent BEGIN_REQUEST and stalled past the io timeout
        // was served as `GET /`). A request cut off like that is not served: the connection is
        // closed (plainly: the peer is gone or stalled, there is nothing to linger for).
        if status >= 0, let input = raw.pointee.`in`, FCGX_GetError(input) != 0 {
            _ = FCGX_Detach(raw)
            FCGX_Free(raw, 1)
            return -1
        }
        return status
    }

    /// After `finish()` of a request whose connection the web server keeps
    /// (`keepsConnection`): the still-open descriptor, which the caller now owns (the slot
    /// forgets it, so it can begin on any other connection); nil when libfcgi closed it.
    mutating func takeKeptConnection() -> FileDescriptor? {
        let fd = raw.pointee.ipcFd
        guard fd >= 0 else { return nil }
        raw.pointee.ipcFd = -1
        return FileDescriptor(adopting: fd)
    }

    /// One param's value, looked up by name in libfcgi's list (nil when absent).
    func param(_ name: String) -> String? {
        guard let envp = raw.pointee.envp, let value = FCGX_GetParam(name, envp) else { return nil }
        return String(cString: value)
    }

    /// The web server asked to keep the connection open after this request
    /// (`fastcgi_keep_conn on`): `takeKeptConnection()` after `finish()`.
    var keepsConnection: Bool { raw.pointee.keepConnection != 0 }

    /// The request built from the params (`Request(params:)`, body empty), copied: `envp`
    /// dangles after `finish()`.
    ///
    /// One pass copies the params' bytes and builds the fields. A known name's field and header
    /// were worked out once, for its literal (`ParamNames`), instead of from its string for
    /// every request; a value becomes a string only when a field or header takes it, the rest
    /// stay bytes until `paramList` is read.
    ///
    /// Header params (`HTTP_*`, `CONTENT_TYPE`) are decoded as Latin-1, one character per byte,
    /// as WSGI hands them to Django (PEP 3333): HTTP header bytes carry no declared encoding, and
    /// this way none is lost or guessed. A UTF-8 `é` arrives as `Ã©`; what needs the bytes back
    /// (DRF's authentication headers, see RESTFramework's `AuthorizationHeader`) gets them
    /// exactly. Every other param (the decoded path above all) is UTF-8.
    func request() -> Request {
        var received = ReceivedParams()
        var collected = Request.CollectedParams()
        if let envp = raw.pointee.envp {
            // Sized first, then copied with memcpy, not appended entry by entry to a growing
            // array: this runs for every param of every request.
            var total = 0
            var entry = envp
            while let pair = entry.pointee {
                total += strlen(pair) + 1
                entry += 1
            }
            received.bytes = [UInt8](unsafeUninitializedCapacity: total) { buffer, count in
                guard let base = buffer.baseAddress else { return }
                var entry = envp
                while let pair = entry.pointee {
                    entry += 1
                    let length = strlen(pair)
                    guard count + length < total else { break }  // cannot happen: libfcgi's strings do not change
                    memcpy(base + count, pair, length + 1)  // with its NUL
                    count += length + 1
                    guard let equals = memchr(pair, Int32(UInt8(ascii: "=")), length) else { continue }
                    let nameBytes = UnsafeRawBufferPointer(start: pair, count: UnsafeRawPointer(pair).distance(to: equals))
                    let role = ParamNames.known(nameBytes)?.role ?? Request.ParamRole(name: String(decoding: nameBytes, as: UTF8.self))
                    guard role.slot != nil || role.header != nil else { continue }
                    let valueBytes = UnsafeRawBufferPointer(start: equals + 1, count: length - nameBytes.count - 1)
                    collected.add(Self.value(valueBytes, ofHeader: Self.isHeader(nameBytes)), as: role)
                }
            }
        }
        return Request(collected, params: .received(received), body: [])
    }

    /// A header's value as Latin-1, any other as UTF-8 (see `request()`).
    static func value(_ bytes: UnsafeRawBufferPointer, ofHeader isHeader: Bool) -> String {
        // nginx sends several empty (CONTENT_TYPE, QUERY_STRING, SCRIPT_NAME).
        if bytes.isEmpty { return "" }
        return isHeader ? latin1(bytes) : String(decoding: bytes, as: UTF8.self)
    }

    /// `HTTP_*` or `CONTENT_TYPE`, looked at as bytes (no `String` comparison per param).
    static func isHeader(_ name: UnsafeRawBufferPointer) -> Bool {
        if name.count >= 5, name[0] == UInt8(ascii: "H"), name[1] == UInt8(ascii: "T"), name[2] == UInt8(ascii: "T"),
            name[3] == UInt8(ascii: "P"), name[4] == UInt8(ascii: "_")
        {
            return true
        }
        return name.count == 12 && name.elementsEqual("CONTENT_TYPE".utf8)
    }

    /// Bytes decoded as Latin-1: every byte is the code point of the same value.
    static func latin1(_ bytes: UnsafeRawBufferPointer) -> String {
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
        /// The stream ended before CONTENT_LENGTH bytes, or, without one, before its end (the
        /// empty FCGI_STDIN record): the client or the web server went away mid-upload, or the
        /// web server aborted the request. Answered 400, never handed on as if whole.
        case incomplete
        /// The request timeout passed before the body had all arrived (`ReadDeadline`).
        case timedOut
    }

    /// Reads FCGI_STDIN, never more than `limit + 1` bytes: with a CONTENT_LENGTH over the
    /// limit nothing is read, and without one the extra byte tells "exactly the limit" from
    /// "over it". With a `deadline`, no read from the socket may outlast it.
    func readBody(contentLength: Int?, limit: Int, within deadline: inout ReadDeadline?) -> Body {
        if let contentLength, contentLength > limit { return .tooLarge }
        let body: [UInt8]
        if let contentLength {
            // The usual case with a body: read straight into an array of exactly that size.
            var complete = true
            body = [UInt8](unsafeUninitializedCapacity: contentLength) { buffer, count in
                count = read(into: UnsafeMutableRawBufferPointer(buffer), within: &deadline)
                complete = count == contentLength
            }
            if !complete { return deadline?.hasPassed == true ? .timedOut : .incomplete }
            // The stream's end (the empty FCGI_STDIN record) normally follows the body at once;
            // reading it lets `finish` close without lingering. Bytes past CONTENT_LENGTH are
            // ignored, as WSGI reads only CONTENT_LENGTH.
            if bufferedInput > 0 || deadline?.allowsRead() != false { _ = FCGX_GetChar(raw.pointee.in) }
        } else {
            // No length (nginx sends CONTENT_LENGTH empty for a GET): read until the stream
            // ends, through an uninitialized stack chunk: a zero-filled chunk and a large
            // reservation here were a large share of a bodiless GET's cost.
            var collected: [UInt8] = []
            let cap = limit + 1
            withUnsafeTemporaryAllocation(byteCount: 16 * 1024, alignment: 1) { chunk in
                while collected.count < cap {
                    let wanted = min(chunk.count, cap - collected.count)
                    let got = read(into: UnsafeMutableRawBufferPointer(rebasing: chunk[..<wanted]), within: &deadline)
                    if got > 0 { collected.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[..<got])) }
                    if got < wanted { break }  // end of stream, a read error, or the deadline
                }
            }
            body = collected
            // Ended short of the limit without the end record (or with an error): cut off.
            if body.count <= limit && (inputFailed || FCGX_HasSeenEOF(raw.pointee.in) != EOF) {
                return deadline?.hasPassed == true ? .timedOut : .incomplete
            }
        }
        if body.count > limit { return .tooLarge }
        deadline?.restore()
        return .complete(body)
    }

    /// The input stream ended in an error rather than its end record: a read error or timeout,
    /// the connection closed, or a record it did not expect (FCGI_ABORT_REQUEST).
    private var inputFailed: Bool { FCGX_GetError(raw.pointee.in) != 0 }

    /// Input bytes libfcgi has read from the socket and not handed out yet (of the current record).
    private var bufferedInput: Int {
        guard let stream = raw.pointee.`in`, let next = stream.pointee.rdNext, let stop = stream.pointee.stop else { return 0 }
        return next.distance(to: stop)
    }

    /// `FCGX_GetStr` into `buffer` until it is full: the bytes read, fewer only at the end of the
    /// stream, on a read error, or when the deadline passed. With a deadline each call reads at
    /// most once from the socket (libfcgi's buffer holds up to 8 KiB), so the deadline is
    /// looked at before every read; what libfcgi holds already is copied without looking.
    private func read(into buffer: UnsafeMutableRawBufferPointer, within deadline: inout ReadDeadline?) -> Int {
        guard let base = buffer.baseAddress, !buffer.isEmpty else { return 0 }
        var total = 0
        while total < buffer.count {
            var wanted = min(buffer.count - total, Int(Int32.max))
            if deadline != nil {
                let buffered = bufferedInput
                if buffered < wanted {
                    if buffered > 0 {
                        wanted = buffered
                    } else {
                        guard deadline?.allowsRead() == true else { break }
                        wanted = 1  // one fill; the rest of it is copied on the next turn
                    }
                }
            }
            let got = FCGX_GetStr((base + total).assumingMemoryBound(to: CChar.self), Int32(wanted), raw.pointee.in)
            if got > 0 { total += Int(got) }
            if got < wanted { break }
        }
        return total
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
    /// How it closes (measured with Debian's libfcgi 2.4.2, and plain in its source): libfcgi
    /// shuts down its sending side, then reads and discards whatever the peer still sends until
    /// it closes or stays silent for 2 s. That lingering close protects a response from being
    /// reset by unread input (a 413's body), but when the request's input has been read to its
    /// end (the empty FCGI_STDIN record, which every web server sends) there is nothing left to
    /// drain, and the worker would only wait for the web server to close: three more syscalls
    /// and a sleep per request. Then the request is detached first, which makes libfcgi close
    /// the descriptor plainly. A body left unread (413, 408) gets a lingering close with a bound
    /// (`abandoningInput`).
    ///
    /// A connection the web server wants kept is closed (lingering) all the same when the input
    /// was not read to its end: the rest of this request's body would be read as the next
    /// request's records.
    ///
    /// `abandoningInput`: a request answered without reading its body (413) or given up on
    /// before its body arrived (408). Its client may still be sending the body, slowly, through
    /// the web server, and libfcgi's lingering close reads for as long as bytes keep coming (it
    /// stops only after 2 s of silence): hours for a large body trickled. So the answer is
    /// sent here, the sending side shut, and what the web server still sends read and dropped
    /// for at most `abandonedInputLinger`; then the connection is closed plainly. The moment
    /// matters: Apache, still sending the body, answers its client 503 when the connection
    /// closes under it, but reads the answer and hangs up when given the time.
    func finish(abandoningInput: Bool = false) {
        let inputEnded = FCGX_HasSeenEOF(raw.pointee.in) == EOF
        if abandoningInput {
            // What FCGX_Finish_r sends first (stderr's end, stdout's end, END_REQUEST); it
            // does not send them twice.
            _ = FCGX_FClose(raw.pointee.err)
            _ = FCGX_FClose(raw.pointee.out)
            Self.drain(raw.pointee.ipcFd, for: Self.abandonedInputLinger)
            raw.pointee.keepConnection = 0
            _ = FCGX_Detach(raw)
        } else if !inputEnded {
            raw.pointee.keepConnection = 0
        } else if !keepsConnection {
            _ = FCGX_Detach(raw)
        }
        FCGX_Finish_r(raw)
    }
}

extension FCGXRequest {
    /// How long an abandoned request's connection may take to be closed by the web server.
    static let abandonedInputLinger: Duration = .seconds(1)

    /// Shuts the sending side and reads and drops what arrives until the peer closes, a read
    /// fails, or `limit` has passed (libfcgi's lingering close, with a bound on the whole).
    static func drain(_ fd: Int32, for limit: Duration) {
        guard fd >= 0 else { return }
        shutdown(fd, Int32(SHUT_WR))
        let end = ContinuousClock.now + limit
        withUnsafeTemporaryAllocation(byteCount: 4096, alignment: 1) { trash in
            while true {
                let left = end - .now
                guard left > .zero else { return }
                var ready = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                let (seconds, attoseconds) = left.components
                let milliseconds = Int32(min(seconds * 1000 + attoseconds / 1_000_000_000_000_000 + 1, 60_000))
                guard poll(&ready, 1, milliseconds) > 0 else { return }
                guard Glibc.read(fd, trash.baseAddress, trash.count) > 0 else { return }
            }
        }
    }
}

/// libfcgi's process-wide initialization.
enum LibFCGI {
    /// `FCGX_Init` exactly once: a `static let` is initialized lazily and thread-safely.
    static let initialized: Bool = FCGX_Init() == 0
}

/// The param names web servers send on every request, as ready `String`s.
///
/// Why: making a `String` from bytes validates them (per param, with a heap allocation past
/// 15 bytes); a name found here is a literal instead, and the literal's
/// comparisons later (`Request.init(params:)`) are cheap too. Names are matched on their length
/// and first and last 8 bytes, which covers every byte of a name up to 16 bytes; longer ones are
/// compared whole.
enum ParamNames {
    /// Trivial (no reference inside), so scanning the table retains nothing.
    private struct Entry {
        let head: UInt64
        let tail: UInt64
        /// Into `names`.
        let index: Int
    }

    private static let names = [
        "QUERY_STRING", "REQUEST_METHOD", "CONTENT_TYPE", "CONTENT_LENGTH", "SCRIPT_NAME", "PATH_INFO",
        "REQUEST_URI", "DOCUMENT_URI", "DOCUMENT_ROOT", "SERVER_PROTOCOL", "REQUEST_SCHEME", "HTTPS",
        "GATEWAY_INTERFACE", "SERVER_SOFTWARE", "REMOTE_ADDR", "REMOTE_PORT", "SERVER_ADDR", "SERVER_PORT",
        "SERVER_NAME", "SCRIPT_FILENAME", "REDIRECT_STATUS", "REQUEST_ID", "UNIQUE_ID",
        "HTTP_HOST", "HTTP_AUTHORIZATION", "HTTP_ACCEPT", "HTTP_ACCEPT_ENCODING", "HTTP_ACCEPT_LANGUAGE",
        "HTTP_USER_AGENT", "HTTP_CONNECTION", "HTTP_COOKIE", "HTTP_REFERER", "HTTP_ORIGIN",
        "HTTP_X_FORWARDED_FOR", "HTTP_X_FORWARDED_PROTO", "HTTP_X_REAL_IP",
        "HTTP_CONTENT_TYPE", "HTTP_CONTENT_LENGTH",
    ]

    /// What `Request(params:)` does with each of `names`, worked out once; each name has its
    /// own `seenBit` (64 at most: a name past that gets 0 and its repeats are found by search).
    /// HTTP_CONTENT_TYPE and HTTP_CONTENT_LENGTH get 0 too: their header is also CGI's
    /// CONTENT_TYPE's and CONTENT_LENGTH's, so an earlier field of it is found by search, as
    /// for a name not listed (they are listed so as not to be decoded on every POST nginx passes).
    private static let roles = names.enumerated().map { index, name in
        Request.ParamRole(name: name, seenBit: sharesHeader(name) ? 0 : 1 << UInt64(index))
    }

    private static func sharesHeader(_ name: String) -> Bool {
        name == "HTTP_CONTENT_TYPE" || name == "HTTP_CONTENT_LENGTH"
    }

    /// The entries sorted by name length, and where each length's run starts
    /// (`starts[n]..<starts[n + 1]`), for lengths 8...maxLength.
    private static let table: (entries: [Entry], starts: [Int]) = {
        var byLength = [[Entry]](repeating: [], count: maxLength + 1)
        for (index, name) in names.enumerated() {
            let bytes = Array(name.utf8)
            guard bytes.count >= 8 else { continue }  // HTTPS: matched on its own
            bytes.withUnsafeBytes { raw in
                byLength[raw.count].append(Entry(head: head(raw), tail: tail(raw), index: index))
            }
        }
        var entries: [Entry] = []
        var starts: [Int] = []
        for run in byLength {
            starts.append(entries.count)
            entries += run
        }
        starts.append(entries.count)
        return (entries, starts)
    }()

    private static let maxLength = 24
    private static let httpsIndex = names.firstIndex(of: "HTTPS")!

    private static func head(_ bytes: UnsafeRawBufferPointer) -> UInt64 { bytes.loadUnaligned(as: UInt64.self) }
    private static func tail(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        bytes.loadUnaligned(fromByteOffset: bytes.count - 8, as: UInt64.self)
    }

    /// The known name spelled by `bytes` and its role, or nil.
    static func known(_ bytes: UnsafeRawBufferPointer) -> (name: String, role: Request.ParamRole)? {
        guard let index = index(of: bytes) else { return nil }
        return (names[index], roles[index])
    }

    private static func index(of bytes: UnsafeRawBufferPointer) -> Int? {
        let count = bytes.count
        guard let base = bytes.baseAddress else { return nil }
        // 8 bytes at least for the word loads; HTTPS (5) is the only shorter known name.
        guard count >= 8 else {
            if count == 5, memcmp(base, StaticString("HTTPS").utf8Start, 5) == 0 { return httpsIndex }
            return nil
        }
        guard count <= maxLength else { return nil }
        let head = head(bytes), tail = tail(bytes)
        let table = Self.table
        var position = table.starts[count]
        let end = table.starts[count + 1]
        while position < end {
            let entry = table.entries[position]
            position += 1
            guard entry.head == head && entry.tail == tail else { continue }
            if count <= 16 { return entry.index }
            var name = names[entry.index]
            if name.withUTF8({ memcmp($0.baseAddress!, base, count) == 0 }) { return entry.index }
        }
        return nil
    }
}
