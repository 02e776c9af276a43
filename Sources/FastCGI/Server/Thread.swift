#if canImport(Glibc)
import Glibc
#endif

/// Starts a POSIX thread. Workers need plain threads that may block for seconds in `accept`,
/// libpq or a handler; the Swift concurrency pool must never be blocked like that.
///
///     try startThread(name: "fcgi-signals") { waitForSignals() }
///     let worker = try startThread(name: "fcgi-worker-0", detached: false) { serve() }
///
/// A joinable thread (`detached: false`) stays a valid `pthread_kill` target after it ends,
/// until `pthread_join` or `pthread_detach`: the caller must do one of them.
@discardableResult
func startThread(name: String, detached: Bool = true, _ body: @escaping @Sendable () -> Void) throws(ServerConfigurationError) -> pthread_t
{
    let box = Unmanaged.passRetained(ThreadBody(name: name, body: body)).toOpaque()
    var thread = pthread_t()
    let result = pthread_create(
        &thread, nil,
        { raw in
            let box = Unmanaged<ThreadBody>.fromOpaque(raw!).takeRetainedValue()
            box.body()
            return nil
        }, box)
    guard result == 0 else {
        Unmanaged<ThreadBody>.fromOpaque(box).release()
        throw ServerConfigurationError("cannot start thread \(name): \(describe(errno: result))")
    }
    if detached { pthread_detach(thread) }
    return thread
}

private final class ThreadBody: Sendable {
    let name: String
    let body: @Sendable () -> Void
    init(name: String, body: @escaping @Sendable () -> Void) {
        self.name = name
        self.body = body
    }
}
