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
/// A snapshot keeps the keys in one array and the values in another, and a read scans the keys:
/// there are a few entries per cache (one per model or serializer class), and callers in other
/// modules run this code unspecialized, where a `[ObjectIdentifier: Value]` lookup asked the
/// runtime for `Optional<Value>`'s metadata every time (~800 instructions a read; a model's
/// layout is read for every field of every row).
package final class TypeCache<Value: Sendable>: Sendable {
    private final class Snapshot: Sendable {
        let keys: [ObjectIdentifier]
        let values: [Value]
        init(keys: [ObjectIdentifier], values: [Value]) {
            self.keys = keys
            self.values = values
        }
    }

    private let current: Atomic<Unmanaged<Snapshot>>
    private let writers = Mutex<Void>(())

    package init() {
        current = Atomic(Unmanaged.passRetained(Snapshot(keys: [], values: [])))
    }

    /// The value for `type`, made by `make` the first time (`make` may run more than once if
    /// threads race on the first use; the first value published wins).
    package func value(for type: Any.Type, make: () -> Value) -> Value {
        let key = ObjectIdentifier(type)
        let snapshot = current.load(ordering: .acquiring).takeUnretainedValue()
        if let index = typeCacheIndex(of: key, in: snapshot.keys) { return snapshot.values[index] }
        let made = make()
        return writers.withLock { _ in
            let snapshot = current.load(ordering: .acquiring).takeUnretainedValue()
            if let index = typeCacheIndex(of: key, in: snapshot.keys) { return snapshot.values[index] }
            current.store(Unmanaged.passRetained(Snapshot(keys: snapshot.keys + [key], values: snapshot.values + [made])),
                          ordering: .releasing)
            return made
        }
    }
}

/// The position of `key` among a snapshot's keys (a scan: a cache holds a few types).
private func typeCacheIndex(of key: ObjectIdentifier, in keys: [ObjectIdentifier]) -> Int? {
    keys.withUnsafeBufferPointer { buffer in
        for i in buffer.indices where buffer[i] == key { return i }
        return nil
    }
}
