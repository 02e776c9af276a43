/// An ordered list of HTTP header fields with case-insensitive lookup. Repeated names are kept.
///
///     var headers = Headers()
///     headers["Content-Type"] = "application/json"
///     headers["content-type"]   // "application/json"
public struct Headers: Sendable, Sequence, ExpressibleByDictionaryLiteral {
    public private(set) var fields: [(name: String, value: String)] = []

    public init() {}
    public init(_ fields: [(String, String)]) { self.fields = fields.map { (name: $0.0, value: $0.1) } }
    public init(dictionaryLiteral elements: (String, String)...) { self.init(elements) }
    /// Takes the fields as they are, in order.
    public init(fields: [(name: String, value: String)]) { self.fields = fields }

    /// The first value for `name`; setting replaces every field of that name (nil removes them).
    public subscript(name: String) -> String? {
        get {
            for field in fields where Self.equal(field.name, name) { return field.value }
            return nil
        }
        set {
            // Replace in place: the field keeps the position of the first one of that name.
            guard let first = fields.firstIndex(where: { Self.equal($0.name, name) }) else {
                if let newValue { fields.append((name: name, value: newValue)) }
                return
            }
            fields.removeAll { Self.equal($0.name, name) }
            if let newValue { fields.insert((name: name, value: newValue), at: Swift.min(first, fields.count)) }
        }
    }

    public func values(_ name: String) -> [String] { fields.filter { Self.equal($0.name, name) }.map(\.value) }
    public func contains(_ name: String) -> Bool { fields.contains { Self.equal($0.name, name) } }
    public mutating func add(_ name: String, _ value: String) { fields.append((name: name, value: value)) }
    public mutating func remove(_ name: String) { fields.removeAll { Self.equal($0.name, name) } }
    public var isEmpty: Bool { fields.isEmpty }

    public func makeIterator() -> IndexingIterator<[(name: String, value: String)]> { fields.makeIterator() }

    /// ASCII case-insensitive comparison without allocating lower-cased copies. Names of
    /// different lengths (most pairs) are told apart inline, without a call.
    @inlinable static func equal(_ a: String, _ b: String) -> Bool {
        a.utf8.count == b.utf8.count && equalSameLength(a, b)
    }

    /// `equal` for names of one length, over their bytes in place: `zip` over the two UTF-8
    /// views cost ~120 instructions a byte (`authorization` against `Authorization`: 1.6k).
    @usableFromInline static func equalSameLength(_ a: String, _ b: String) -> Bool {
        var a = a, b = b
        return a.withUTF8 { x in b.withUTF8 { y in equalBytes(x, y) } }
    }

    /// `equal` for two byte buffers of the same length.
    static func equalBytes(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>) -> Bool {
        for i in 0..<x.count where x[i] != y[i] {
            let c = x[i], d = y[i]
            let lc = (c >= 65 && c <= 90) ? c + 32 : c
            let ld = (d >= 65 && d <= 90) ? d + 32 : d
            if lc != ld { return false }
        }
        return true
    }
}
