/// Pairs filled the way a Python dict is (`dict(pairs)`, `d[key] = value` in a loop): each key
/// once, where it first appeared, holding its last value. What a JSON object with repeated
/// members, a form's `request.data` and a header's parameters come out as.
///
/// Linear in the pairs set: the first few keys are compared directly (request bodies and headers
/// are small, and hashing them would cost more), past `directLimit` a hash index takes over, so
/// a body of a million fields costs a million steps rather than a million squared.
///
///     var dict = PythonDict<String, String>()
///     dict.set("tag", "x"); dict.set("name", "J"); dict.set("tag", "y")
///     dict.pairs   // [("tag", "y"), ("name", "J")]
struct PythonDict<Key: Hashable, Value> {
    private(set) var pairs: [(key: Key, value: Value)] = []
    /// Key → index in `pairs`, once there are more than `directLimit` keys.
    private var positions: [Key: Int]?

    static var directLimit: Int { 16 }

    init(minimumCapacity: Int = 0) { pairs.reserveCapacity(minimumCapacity) }

    mutating func set(_ key: Key, _ value: Value) {
        if positions != nil {
            if let index = positions?[key] {
                pairs[index].value = value
            } else {
                positions?[key] = pairs.count
                pairs.append((key: key, value: value))
            }
            return
        }
        for index in pairs.indices where pairs[index].key == key {
            pairs[index].value = value
            return
        }
        pairs.append((key: key, value: value))
        if pairs.count > Self.directLimit {
            // Sized for the pairs reserved (a body's field count): no rehashing as it fills.
            var index = [Key: Int](minimumCapacity: Swift.max(pairs.capacity, pairs.count * 2))
            for (position, pair) in pairs.enumerated() { index[pair.key] = position }
            positions = index
        }
    }
}
