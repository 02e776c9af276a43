/// The statements prepared on a session, by SQL text.
///
/// Bounded: past `capacity` distinct texts, new ones run unprepared rather than evicting
/// (eviction would cost a round trip and generated SQL rarely repeats anyway).
///
/// Every text in the cache was checked for NUL when it entered (`Connection.rejectNUL`), so a
/// statement found here needs no check again.
struct PreparedStatementCache {
    let capacity: Int
    private var names: [StatementKey: String] = [:]
    /// Never reset, so a name is not reused even across sessions.
    private var counter = 0

    init(capacity: Int) {
        self.capacity = capacity
    }

    var count: Int { names.count }
    var isFull: Bool { names.count >= capacity }

    func name(for sql: String) -> String? {
        // Empty (capacity 0 behind a transaction pooler, or a fresh session): no text to hash.
        guard !names.isEmpty else { return nil }
        return names[StatementKey(sql)]
    }

    mutating func makeName() -> String {
        counter += 1
        return "srf_\(counter)"
    }

    mutating func insert(_ name: String, for sql: String) { names[StatementKey(sql)] = name }
    mutating func remove(_ sql: String) { names[StatementKey(sql)] = nil }
    mutating func removeAll() { names.removeAll() }
}

/// SQL text as a dictionary key, hashed on its length and a sample of its bytes.
///
/// Why: a statement's text is a few hundred bytes and is looked up on every execution, and
/// SipHash over all of it was dear. Equality still compares the whole
/// text, so a sample shared by two texts costs one extra comparison, never a wrong statement.
/// The texts come from the application's code (values are bound parameters), not from clients.
struct StatementKey: Hashable {
    let sql: String

    init(_ sql: String) { self.sql = sql }

    static func == (a: StatementKey, b: StatementKey) -> Bool { a.sql == b.sql }

    func hash(into hasher: inout Hasher) {
        let sampled: Void? = sql.utf8.withContiguousStorageIfAvailable { bytes in
            Self.hashSample(UnsafeRawBufferPointer(bytes), into: &hasher)
        }
        // A bridged (non-contiguous) string: the same sample from a copy, so equal texts hash alike.
        if sampled == nil { Array(sql.utf8).withUnsafeBytes { Self.hashSample($0, into: &hasher) } }
    }

    /// The length, the first 16 bytes, three 8-byte words spread over the middle and the last
    /// 64 bytes: generated statements for one table differ in their select list (start, length)
    /// or their WHERE/ORDER/LIMIT clauses (end). The words are folded into one (multiply and
    /// rotate) and that is hashed, rather than a Hasher call per word.
    static func hashSample(_ bytes: UnsafeRawBufferPointer, into hasher: inout Hasher) {
        let count = bytes.count
        guard count >= 96 else {
            hasher.combine(count)
            hasher.combine(bytes: bytes)
            return
        }
        func word(_ offset: Int) -> UInt64 { bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self) }
        var folded = UInt64(count)
        func fold(_ word: UInt64) {
            folded = (folded ^ word) &* 0x9E37_79B9_7F4A_7C15
            folded = (folded << 29) | (folded >> 35)
        }
        fold(word(0))
        fold(word(8))
        fold(word(count / 4))
        fold(word(count / 2))
        fold(word(count / 4 * 3))
        var offset = count - 64
        while offset < count {
            fold(word(offset))
            offset += 8
        }
        hasher.combine(folded)
    }
}
