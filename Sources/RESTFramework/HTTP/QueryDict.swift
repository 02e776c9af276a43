/// Query parameters (or a form-encoded body): multi-valued, in the order received, decoded as
/// Django's `QueryDict` decodes them (`+` is a space, percent escapes read as UTF-8).
///
///     let query = QueryDict(parsing: "page=2&search=a+b&tag=x&tag=y")
///     query["page"]          // "2"   (Django: the last value)
///     query.list("tag")      // ["x", "y"]
public struct QueryDict: Sendable, Equatable {
    public private(set) var items: [(key: String, value: String)] = []

    public init() {}
    public init(_ items: [(String, String)]) { self.items = items.map { (key: $0.0, value: $0.1) } }

    public init(parsing text: some StringProtocol) {
        guard !text.isEmpty else { return }
        // One pass over the bytes: pairs split at `&` (empty ones dropped), each at its first `=`
        // (Django keeps blank values, "a=" and "a", and drops nothing else).
        var text = String(text)
        text.withUTF8 { bytes in
            var start = 0
            while start < bytes.count {
                var end = start, eq = -1
                while end < bytes.count && bytes[end] != UInt8(ascii: "&") {
                    if eq < 0 && bytes[end] == UInt8(ascii: "=") { eq = end }
                    end += 1
                }
                if end > start {
                    if eq >= 0 {
                        items.append(
                            (
                                key: Self.decode(UnsafeBufferPointer(rebasing: bytes[start..<eq])),
                                value: Self.decode(UnsafeBufferPointer(rebasing: bytes[(eq + 1)..<end]))
                            ))
                    } else {
                        items.append((key: Self.decode(UnsafeBufferPointer(rebasing: bytes[start..<end])), value: ""))
                    }
                }
                start = end + 1
            }
        }
    }

    /// `decode` of UTF-8 bytes; those with no `+` or `%` are the text as it is.
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        if !bytes.contains(where: { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "%") }) {
            return String(decoding: bytes, as: UTF8.self)
        }
        return PercentEncoding.unquote(bytes, plus: true)
    }

    /// The last value for `key`, as Django's `QueryDict.__getitem__`.
    public subscript(key: String) -> String? { items.last { $0.key == key }?.value }

    public func list(_ key: String) -> [String] { items.filter { $0.key == key }.map(\.value) }
    public func contains(_ key: String) -> Bool { items.contains { $0.key == key } }
    public var keys: [String] {
        var seen = Set<String>(), result: [String] = []
        for item in items where seen.insert(item.key).inserted { result.append(item.key) }
        return result
    }
    public var isEmpty: Bool { items.isEmpty }

    /// Replaces every value of `key` with one value, keeping the position of the first.
    public mutating func set(_ key: String, _ value: String) {
        let first = items.firstIndex { $0.key == key } ?? items.count
        items.removeAll { $0.key == key }
        items.insert((key: key, value: value), at: Swift.min(first, items.count))
    }

    public mutating func remove(_ key: String) { items.removeAll { $0.key == key } }

    /// Form-encodes as Django's `urlencode` (space `+`; `,` `=` `/` and the like percent-escaped).
    public func urlencoded() -> String {
        items.map { Self.encode($0.key) + "=" + Self.encode($0.value) }.joined(separator: "&")
    }

    /// The parameters sorted by name, repeated names keeping their order: how DRF's
    /// `replace_query_param` rebuilds pagination links.
    public func sortedByKey() -> QueryDict {
        var copy = self
        copy.items = items.enumerated().sorted { a, b in
            a.element.key == b.element.key ? a.offset < b.offset : a.element.key < b.element.key
        }.map(\.element)
        return copy
    }

    public static func == (lhs: QueryDict, rhs: QueryDict) -> Bool {
        lhs.items.elementsEqual(rhs.items) { $0.key == $1.key && $0.value == $1.value }
    }

    // MARK: - Encoding

    /// Percent-decodes with `+` as space; invalid UTF-8 becomes U+FFFD as Django's decoding does.
    public static func decode(_ text: some StringProtocol) -> String {
        var text = String(text)
        return text.withUTF8 { decode($0) }
    }

    /// Python's `quote_plus` with `safe=''`: letters, digits and `_.-~` stay; space is `+`.
    public static func encode(_ text: String) -> String { PercentEncoding.quote(text, safe: "", plus: true) }
}
