import Synchronization

/// A value worked out on first use and then read by every worker thread with one atomic load
/// (per mounted view: what does not change between requests). Two threads racing on the first
/// use may both compute it; the first one published wins and the other is dropped.
final class OnceCell<Value: Sendable>: Sendable {
    private final class Box: Sendable {
        let value: Value
        init(_ value: Value) { self.value = value }
    }

    private let stored = Atomic<Unmanaged<Box>?>(nil)

    init() {}

    /// The value if it has been worked out.
    var peek: Value? { stored.load(ordering: .acquiring)?.takeUnretainedValue().value }

    func value(make: () -> Value) -> Value {
        if let box = stored.load(ordering: .acquiring) { return box.takeUnretainedValue().value }
        let made = Unmanaged.passRetained(Box(make()))
        let (published, current) = stored.compareExchange(expected: nil, desired: made, ordering: .acquiringAndReleasing)
        if published { return made.takeUnretainedValue().value }
        made.release()
        return current!.takeUnretainedValue().value
    }

    deinit { stored.load(ordering: .acquiring)?.release() }
}
