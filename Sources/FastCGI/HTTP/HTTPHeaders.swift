/// An ordered list of HTTP header fields. Order is kept and a name may repeat (`set-cookie`),
/// because both matter on the wire; lookups compare names case-insensitively.
///
///     var headers: HTTPHeaders = ["content-type": "application/json"]
///     headers.add("set-cookie", "a=1")
///     headers.add("set-cookie", "b=2")
///     headers["Content-Type"]          // "application/json"
///     headers.values(for: "set-cookie") // ["a=1", "b=2"]
public struct HTTPHeaders: Sendable, Equatable {
    public struct Field: Sendable, Equatable {
        public var name: String
        public var value: String
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    public private(set) var fields: [Field]

    public init(_ fields: [(String, String)] = []) {
        self.fields = fields.map { Field(name: $0.0, value: $0.1) }
    }

    mutating func reserveCapacity(_ count: Int) { fields.reserveCapacity(count) }

    /// Appends a field, keeping any earlier field of the same name.
    public mutating func add(_ name: String, _ value: String) {
        fields.append(Field(name: name, value: value))
    }

    /// Replaces every field of this name by one (or removes them all when `value` is nil).
    public mutating func replace(_ name: String, _ value: String?) {
        remove(name)
        if let value { add(name, value) }
    }

    public mutating func remove(_ name: String) {
        fields.removeAll { Self.sameName($0.name, name) }
    }

    /// The first value of this name.
    public subscript(name: String) -> String? {
        fields.first { Self.sameName($0.name, name) }?.value
    }

    public func values(for name: String) -> [String] {
        fields.filter { Self.sameName($0.name, name) }.map(\.value)
    }

    public func contains(_ name: String) -> Bool { self[name] != nil }

    public var count: Int { fields.count }
    public var isEmpty: Bool { fields.isEmpty }

    /// ASCII case folding only: header names are tokens, and this avoids Unicode-aware
    /// lowercasing on a hot path. Names of different lengths are told apart without a call;
    /// the same name spelled the same way (lowercase, as params and lookups give them) by
    /// `==`, which for short ASCII strings compares their bits (the byte loop cost ~380
    /// instructions per match: a POST's CONTENT_TYPE/HTTP_CONTENT_TYPE repeat made four).
    @inline(__always) static func sameName(_ a: String, _ b: String) -> Bool {
        a.utf8.count == b.utf8.count && (a == b || sameNameSameLength(a, b))
    }

    /// Over the bytes in place: `zip` over the two UTF-8 views cost ~120 instructions a byte.
    static func sameNameSameLength(_ a: String, _ b: String) -> Bool {
        var a = a, b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in
                for i in 0..<x.count where asciiLower(x[i]) != asciiLower(y[i]) { return false }
                return true
            }
        }
    }

    static func asciiLower(_ byte: UInt8) -> UInt8 {
        (byte >= 65 && byte <= 90) ? byte + 32 : byte
    }
}

extension HTTPHeaders: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, String)...) {
        self.init(elements)
    }
}

extension HTTPHeaders: Sequence {
    public func makeIterator() -> IndexingIterator<[Field]> { fields.makeIterator() }
}
