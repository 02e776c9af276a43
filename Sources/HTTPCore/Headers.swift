/// An ordered list of HTTP header fields, the one type FastCGI reads requests into and
/// RESTFramework's views and responses use, so a request's headers reach the view and a
/// response's reach the web server without a copy. Order is kept and a name may repeat
/// (`set-cookie`), because both matter on the wire; lookups compare names ASCII
/// case-insensitively (header names are tokens), as Django's `HttpHeaders`.
///
///     var headers: Headers = ["Content-Type": "application/json"]
///     headers["content-type"]              // "application/json"
///     headers.add("set-cookie", "a=1")
///     headers.add("set-cookie", "b=2")
///     headers.values("Set-Cookie")         // ["a=1", "b=2"]
///     headers["Vary"] = "Accept"           // replaces every `vary` field, in the first one's place
///     for field in headers { print(field.name, field.value) }
public struct Headers: Sendable, Equatable {
    public struct Field: Sendable, Equatable {
        public var name: String
        public var value: String
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    public private(set) var fields: [Field]

    public init() { fields = [] }
    public init(_ fields: [(String, String)]) { self.fields = fields.map { Field(name: $0.0, value: $0.1) } }

    /// The first value of this name. Setting replaces every field of the name by one in the
    /// first one's place (appended when there was none); nil removes them all.
    public subscript(name: String) -> String? {
        // Inlinable: every view reads a few headers (Authorization, Accept, Content-Type) from
        // another module, and the loop is small.
        @inlinable get {
            for field in fields where Self.sameName(field.name, name) { return field.value }
            return nil
        }
        set {
            guard let first = fields.firstIndex(where: { Self.sameName($0.name, name) }) else {
                if let newValue { fields.append(Field(name: name, value: newValue)) }
                return
            }
            fields.removeAll { Self.sameName($0.name, name) }
            if let newValue { fields.insert(Field(name: name, value: newValue), at: Swift.min(first, fields.count)) }
        }
    }

    /// Every value of this name, in order.
    public func values(_ name: String) -> [String] {
        fields.filter { Self.sameName($0.name, name) }.map(\.value)
    }

    public func contains(_ name: String) -> Bool { self[name] != nil }

    /// Appends a field, keeping any earlier field of the same name.
    public mutating func add(_ name: String, _ value: String) {
        fields.append(Field(name: name, value: value))
    }

    /// Removes every field of this name and appends one (none when `value` is nil): the field
    /// moves last, where the subscript's setter keeps the first one's place. FastCGI reads a
    /// repeated param this way, so the header ends where the last copy arrived.
    public mutating func replace(_ name: String, _ value: String?) {
        remove(name)
        if let value { add(name, value) }
    }

    public mutating func remove(_ name: String) {
        fields.removeAll { Self.sameName($0.name, name) }
    }

    public mutating func reserveCapacity(_ count: Int) { fields.reserveCapacity(count) }

    public var count: Int { fields.count }
    public var isEmpty: Bool { fields.isEmpty }

    // MARK: - Names

    /// ASCII case folding only, no Unicode-aware lowercasing on a hot path. Names of different
    /// lengths are told apart without a call; the same name spelled the same way (lowercase, as
    /// FastCGI params and most lookups give them) by `==`, which for short ASCII strings
    /// compares their bits; the rest byte by byte.
    @inlinable @inline(__always)
    package static func sameName(_ a: String, _ b: String) -> Bool {
        a.utf8.count == b.utf8.count && (a == b || sameNameSameLength(a, b))
    }

    /// Over the bytes in place (iterating the two UTF-8 views is several times dearer).
    @usableFromInline
    package static func sameNameSameLength(_ a: String, _ b: String) -> Bool {
        var a = a, b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in
                for i in 0..<x.count where asciiLower(x[i]) != asciiLower(y[i]) { return false }
                return true
            }
        }
    }

    /// `A`–`Z` to `a`–`z`; every other byte as it is.
    @inlinable
    package static func asciiLower(_ byte: UInt8) -> UInt8 {
        (byte >= 65 && byte <= 90) ? byte + 32 : byte
    }
}

extension Headers: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, String)...) { self.init(elements) }
}

extension Headers: Sequence {
    @inlinable
    public func makeIterator() -> IndexingIterator<[Field]> { fields.makeIterator() }
}
