/// The statements prepared on a session, by SQL text.
///
/// Bounded: past `capacity` distinct texts, new ones run unprepared rather than evicting
/// (eviction would cost a round trip and generated SQL rarely repeats anyway).
struct PreparedStatementCache {
    let capacity: Int
    private var names: [String: String] = [:]
    /// Never reset, so a name is not reused even across sessions.
    private var counter = 0

    init(capacity: Int) {
        self.capacity = capacity
    }

    var count: Int { names.count }
    var isFull: Bool { names.count >= capacity }

    func name(for sql: String) -> String? { names[sql] }

    mutating func makeName() -> String {
        counter += 1
        return "srf_\(counter)"
    }

    mutating func insert(_ name: String, for sql: String) { names[sql] = name }
    mutating func remove(_ sql: String) { names[sql] = nil }
    mutating func removeAll() { names.removeAll() }
}
