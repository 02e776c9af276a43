import Synchronization

/// Values parsed from short header texts that repeat from request to request (an `Accept`
/// header, a renderer's or parser's media type), kept after the first parse and shared by the
/// worker threads; reads take no lock, as `TypeCache`'s.
///
/// At most `limit` texts are kept (the first ones seen): headers come from clients, and a client
/// sending a new `Accept` with every request must not grow the process. Past the limit a text is
/// parsed each time, as before the memo.
final class TextMemo<Value: Sendable>: Sendable {
    private final class Snapshot: Sendable {
        let keys: [[UInt8]]
        let values: [Value]
        init(keys: [[UInt8]], values: [Value]) {
            self.keys = keys
            self.values = values
        }
    }

    private let current: Atomic<Unmanaged<Snapshot>>
    private let writers = Mutex<Void>(())
    private let limit: Int

    init(limit: Int = 32) {
        self.limit = limit
        current = Atomic(Unmanaged.passRetained(Snapshot(keys: [], values: [])))
    }

    func value(for text: String, make: (String) -> Value) -> Value {
        let snapshot = current.load(ordering: .acquiring).takeUnretainedValue()
        if let index = Self.index(of: text, in: snapshot.keys) { return snapshot.values[index] }
        let made = make(text)
        // Texts longer than a header usually is are not worth keeping.
        guard snapshot.keys.count < limit, text.utf8.count <= 256 else { return made }
        return writers.withLock { _ in
            let snapshot = current.load(ordering: .acquiring).takeUnretainedValue()
            if let index = Self.index(of: text, in: snapshot.keys) { return snapshot.values[index] }
            guard snapshot.keys.count < limit else { return made }
            // Superseded snapshots are leaked on purpose (see `TypeCache`): at most `limit`.
            current.store(Unmanaged.passRetained(Snapshot(keys: snapshot.keys + [Array(text.utf8)], values: snapshot.values + [made])),
                          ordering: .releasing)
            return made
        }
    }

    /// Byte-for-byte equal keys only: `String`'s `==` also equates canonically equivalent texts,
    /// whose parses keep different bytes.
    private static func index(of text: String, in keys: [[UInt8]]) -> Int? {
        var text = text
        return text.withUTF8 { bytes in
            keys.withUnsafeBufferPointer { keys in
                for i in keys.indices where keys[i].count == bytes.count {
                    if keys[i].withUnsafeBufferPointer({ $0.elementsEqual(bytes) }) { return i }
                }
                return nil
            }
        }
    }
}
