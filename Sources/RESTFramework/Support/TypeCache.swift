import Synchronization

/// Values worked out once per type (a serializer class's fields, a model's SQL layout) and then
/// read on every request by every worker thread.
///
/// Reads take no lock: they load the current snapshot, an immutable dictionary, with one atomic
/// load. A miss computes the value outside any lock and publishes a new snapshot under a mutex.
/// Why not just a mutex around the dictionary: these reads happen dozens of times per request
/// (a model's layout for every field of every row rendered), and Swift's `Mutex` on Linux hands
/// a contended lock over to the waiting thread, so 8 workers on 2 cores formed a lock convoy:
/// measured through nginx, the public accounts endpoint fell from 6,000 to 600 requests/s.
///
/// Superseded snapshots are never freed, since a reader on another thread may still hold one:
/// at most one per entry ever added, i.e. a few per type, all made in the first requests.
///
/// The read path is `@inlinable` so that a caller in another module (`ModelLayout.of`, for every
/// field of every row) gets it specialized for its `Value`: unspecialized, each lookup asked the
/// runtime for `Optional<Value>`'s metadata (~800 instructions a read, 55 reads a request).
package final class TypeCache<Value: Sendable>: Sendable {
    @usableFromInline
    final class Snapshot: Sendable {
        @usableFromInline let entries: [ObjectIdentifier: Value]
        init(_ entries: [ObjectIdentifier: Value]) { self.entries = entries }
    }

    @usableFromInline let current: Atomic<Unmanaged<Snapshot>>
    private let writers = Mutex<Void>(())

    package init() {
        current = Atomic(Unmanaged.passRetained(Snapshot([:])))
    }

    /// The value for `type`, made by `make` the first time (`make` may run more than once if
    /// threads race on the first use; the first value published wins).
    @inlinable
    package func value(for type: Any.Type, make: () -> Value) -> Value {
        let key = ObjectIdentifier(type)
        if let value = current.load(ordering: .acquiring).takeUnretainedValue().entries[key] { return value }
        return publish(key, make())
    }

    @usableFromInline
    func publish(_ key: ObjectIdentifier, _ made: Value) -> Value {
        writers.withLock { _ in
            let snapshot = current.load(ordering: .acquiring).takeUnretainedValue()
            if let value = snapshot.entries[key] { return value }
            var entries = snapshot.entries
            entries[key] = made
            current.store(Unmanaged.passRetained(Snapshot(entries)), ordering: .releasing)
            return made
        }
    }
}
