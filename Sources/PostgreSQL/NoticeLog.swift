import CLibPQ

/// Collects the server's NOTICE and WARNING messages for a connection.
///
/// libpq prints them on stderr unless told otherwise, which would spray a server's log with
/// `NOTICE: relation already exists, skipping` and the like.
final class NoticeLog {
    static let limit = 32
    var messages: [String] = []

    func append(_ message: String) {
        if messages.count == Self.limit { messages.removeFirst() }
        messages.append(message.trimmingTrailingWhitespace())
    }

    /// Routes the connection's notices here. libpq calls the processor on the thread that is
    /// running a statement, so the log needs no locking; the connection keeps it alive as long
    /// as its handle.
    func install(on handle: OpaquePointer) {
        PQsetNoticeProcessor(
            handle,
            { context, message in
                guard let context, let message else { return }
                Unmanaged<NoticeLog>.fromOpaque(context).takeUnretainedValue().append(String(cString: message))
            }, Unmanaged.passUnretained(self).toOpaque())
    }
}
