#if canImport(Glibc)
import Glibc
#endif

/// Starts a detached POSIX thread. Workers need plain threads that may block for seconds in
/// `accept`, libpq or a handler; the Swift concurrency pool must never be blocked like that.
///
///     try startThread(name: "fcgi-worker-0") { serve() }
func startThread(name: String, _ body: @escaping @Sendable () -> Void) throws(ServerConfigurationError) {
    let box = Unmanaged.passRetained(ThreadBody(name: name, body: body)).toOpaque()
    var thread = pthread_t()
    let result = pthread_create(&thread, nil, { raw in
        let box = Unmanaged<ThreadBody>.fromOpaque(raw!).takeRetainedValue()
        box.body()
        return nil
    }, box)
    guard result == 0 else {
        Unmanaged<ThreadBody>.fromOpaque(box).release()
        throw ServerConfigurationError("cannot start thread \(name): \(describe(errno: result))")
    }
    pthread_detach(thread)
}

private final class ThreadBody: Sendable {
    let name: String
    let body: @Sendable () -> Void
    init(name: String, body: @escaping @Sendable () -> Void) {
        self.name = name
        self.body = body
    }
}
