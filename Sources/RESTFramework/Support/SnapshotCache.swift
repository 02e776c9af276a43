import Synchronization

/// Values worked out on first use and then read by every worker thread on every request: a
/// serializer class's fields, a model's layout, a parsed `Accept` header, a view's `Allow`.
///
///     private static let declared = SnapshotCache<ObjectIdentifier, [any SerializerField]>()
///     static func of(_ type: Serializer.Type) -> [any SerializerField] {
///         declared.value(for: type) { type.fields }
///     }
///
///     private static let acceptLists = SnapshotCache<[UInt8], [AcceptEntry]>(limit: 32)
///     static func acceptList(_ header: String) -> [AcceptEntry] {
///         acceptLists.value(forText: header, make: parseAcceptList)
///     }
///
/// Why lock-free on reads: these reads happen dozens of times per request, and a mutex taken
/// that often made the worker threads queue behind one another (a lock convoy, see
/// docs/profile.md). A read is one atomic load of the current snapshot, immutable keys and
/// values, and a scan of its keys (a cache holds a handful of entries; comparing them beats
/// hashing). Only specialized code is that cheap: callers in this module are specialized, and
/// callers in other modules use `object(for:make:)`, compiled concrete here (Swift does not
/// specialize a `package` generic across modules, even `@inlinable`).
///
/// A miss runs `make` outside any lock (it may read other caches, or this one for another key)
/// and publishes a new snapshot under a mutex. Threads racing on the same key may each run
/// `make`, at most once per thread; the first value published wins and every caller gets it.
/// A superseded snapshot is never freed, since a reader on another thread may still hold it:
/// at most one per entry ever added (`limit` bounds that for keys that come from clients).
package final class SnapshotCache<Key: Sendable, Value: Sendable>: Sendable {
    private final class Snapshot: Sendable {
        let keys: [Key]
        let values: [Value]
        init(keys: [Key], values: [Value]) {
            self.keys = keys
            self.values = values
        }
    }

    /// nil until the first entry is published.
    private let current = Atomic<Unmanaged<Snapshot>?>(nil)
    private let writers = Mutex<Void>(())
    /// Past this many entries a value is made each time and not kept.
    private let limit: Int

    package init(limit: Int = .max) { self.limit = limit }

    /// The value of the first key `matches` accepts, if one was published.
    package func cached(where matches: (Key) -> Bool) -> Value? {
        guard let current = current.load(ordering: .acquiring) else { return nil }
        // Unretained: a snapshot, once published, is never freed while the cache lives.
        return current._withUnsafeGuaranteedRef { snapshot in
            snapshot.keys.withUnsafeBufferPointer { keys in
                for index in keys.indices where matches(keys[index]) { return snapshot.values[index] }
                return nil
            }
        }
    }

    /// The value for `key` (found by `matches`), made by `make` if there is none yet.
    package func value(for key: @autoclosure () -> Key, where matches: (Key) -> Bool, make: () -> Value) -> Value {
        if let found = cached(where: matches) { return found }
        return publish(make(), for: key(), where: matches)
    }

    /// Keeps `made` under `key`, unless another thread published one first (that one is
    /// returned) or the cache is full (`made` is returned and not kept).
    private func publish(_ made: Value, for key: Key, where matches: (Key) -> Bool) -> Value {
        // A full cache takes no lock: a client sending a new text with every request must not
        // make every worker queue for the mutex.
        if let current = current.load(ordering: .acquiring), current.takeUnretainedValue().keys.count >= limit { return made }
        return writers.withLock { _ in
            let snapshot = current.load(ordering: .acquiring)?.takeUnretainedValue()
            if let snapshot, let index = snapshot.keys.firstIndex(where: matches) { return snapshot.values[index] }
            let keys = snapshot?.keys ?? [], values = snapshot?.values ?? []
            guard keys.count < limit else { return made }
            current.store(Unmanaged.passRetained(Snapshot(keys: keys + [key], values: values + [made])), ordering: .releasing)
            return made
        }
    }

    deinit { current.load(ordering: .acquiring)?.release() }
}

// MARK: - Keys

extension SnapshotCache where Key == ObjectIdentifier {
    /// Per type (a serializer class, a model).
    package func value(for type: Any.Type, make: () -> Value) -> Value {
        let key = ObjectIdentifier(type)
        return value(for: key, where: { $0 == key }, make: make)
    }
}

extension SnapshotCache where Key == ObjectIdentifier, Value == any AnyObject & Sendable {
    /// Per type, for callers in other modules (the model layer's layouts): every type here is
    /// concrete, so this runs specialized wherever it is called from.
    package func object(for type: Any.Type, make: () -> any AnyObject & Sendable) -> any AnyObject & Sendable {
        value(for: type, make: make)
    }
}

extension SnapshotCache where Key == [UInt8] {
    /// Per text (a header, a media type), compared byte for byte: `String`'s `==` also equates
    /// canonically equivalent texts, whose parses keep different bytes. A text longer than a
    /// header usually is is made each time, not kept.
    package func value(forText text: String, make: (String) -> Value) -> Value {
        var text = text
        let found = text.withUTF8 { bytes in
            cached { key in key.count == bytes.count && key.withUnsafeBufferPointer { $0.elementsEqual(bytes) } }
        }
        if let found { return found }
        let made = make(text)
        guard text.utf8.count <= 256 else { return made }
        let key = Array(text.utf8)
        return publish(made, for: key, where: { $0 == key })
    }
}

extension SnapshotCache where Key == Void {
    /// The one value (a cache of one entry: per mounted view, what does not change between requests).
    package func value(make: () -> Value) -> Value { value(for: (), where: { _ in true }, make: make) }

    /// The one value if it has been made.
    package var peek: Value? { cached { _ in true } }
}
