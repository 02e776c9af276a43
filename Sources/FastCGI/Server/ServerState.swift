import Dispatch
import ServerMetrics
import Synchronization

/// What the workers, the signal thread and `FastCGIServer.run()` share: atomics and
/// semaphores only, owned by one server (no global state, so several servers can live in one
/// process, as the tests do).
final class ServerState: Sendable {
    let socket: ListeningSocket
    let poller: ConnectionPoller
    /// Where the workers count requests, when the server keeps metrics (`--admin-listen`).
    let metrics: ProcessMetrics?
    private let stopping = Atomic<Bool>(false)
    private let inFlight = Atomic<Int>(0)
    private let served = Atomic<Int>(0)
    private let refusedForQueueWait = Atomic<Int>(0)
    /// Why the server stopped when it was not asked to (a worker that could not start or accept).
    private let failure = Mutex<String?>(nil)

    /// Signalled once by the first `requestStop`.
    let stopRequested = DispatchSemaphore(value: 0)
    /// Each worker signals once its responder exists (or failed to).
    let workerStarted = DispatchSemaphore(value: 0)
    /// Opened by `run()` once every worker started: nobody accepts before all are ready.
    let startGate = DispatchSemaphore(value: 0)
    /// Each worker signals once when its thread ends.
    let workerExited = DispatchSemaphore(value: 0)

    /// After this many requests the server stops by itself (`--max-requests`); Int.max: never.
    let requestLimit: Int

    init(socket: ListeningSocket, poller: ConnectionPoller, requestLimit: Int = .max, metrics: ProcessMetrics? = nil) {
        self.socket = socket
        self.poller = poller
        self.requestLimit = requestLimit
        self.metrics = metrics
    }

    var isStopping: Bool { stopping.load(ordering: .acquiring) }
    var requestsInFlight: Int { inFlight.load(ordering: .relaxed) }
    var requestsServed: Int { served.load(ordering: .relaxed) }
    var requestsRefusedForQueueWait: Int { refusedForQueueWait.load(ordering: .relaxed) }
    var failureReason: String? { failure.withLock { $0 } }

    /// Stops accepting; requests already accepted run to their end. Only the first call acts.
    /// A socket the server opened is shut down here; an inherited one is left listening. The
    /// workers waiting for work are woken here (`ConnectionPoller.wakeAll`); one blocked inside
    /// accept is woken by `FastCGIServer.run()` (`AcceptWakeup`).
    ///
    /// Graceful reload would plug in here: the workers leave accept without touching the
    /// socket, so a successor can be handed the still-open socket (as systemd does already).
    func requestStop(failure reason: String? = nil) {
        if let reason { failure.withLock { if $0 == nil { $0 = reason } } }
        guard stopping.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged else { return }
        socket.stopAccepting()
        // The workers are woken for the stop only after the connections this process took are
        // served (`FastCGIServer.run`, `awaitTakenConnections`).
        poller.stopWatchingListener()
        stopRequested.signal()
    }

    func requestRefusedForQueueWait() { refusedForQueueWait.add(1, ordering: .relaxed) }

    func requestStarted() { inFlight.add(1, ordering: .relaxed) }

    func requestFinished() {
        inFlight.subtract(1, ordering: .relaxed)
        // One compare per request: the worker process retires (drains, exits 0) and its
        // master starts a fresh one; only the request that reaches the limit stops it.
        if served.add(1, ordering: .relaxed).newValue == requestLimit { requestStop() }
    }

    /// Why the server stopped by itself, for its last log line.
    var reachedRequestLimit: Bool { requestsServed >= requestLimit }
}
