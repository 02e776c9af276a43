/// A JSON value whose objects keep their key order: serializer fields, pagination envelopes and
/// error dictionaries are written in the order DRF writes them.
///
///     let body: JSON = ["count": 2, "next": nil, "results": [["id": 1]]]
///     JSONWriter.renderString(body)   // {"count":2,"next":null,"results":[{"id":1}]}
public enum JSON: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int64)
    /// An integer that does not fit 64 bits, kept as its decimal text (DRF's integers are unbounded).
    case bigInt(String)
    case double(Double)
    case string(String)
    case array([JSON])
    case object(JSONObject)

    public static func object(_ pairs: [(String, JSON)]) -> JSON { .object(JSONObject(pairs)) }

    public var isNull: Bool { if case .null = self { return true } else { return false } }
    public var stringValue: String? { if case .string(let s) = self { return s } else { return nil } }
    public var objectValue: JSONObject? { if case .object(let o) = self { return o } else { return nil } }
    public var arrayValue: [JSON]? { if case .array(let a) = self { return a } else { return nil } }
    public var boolValue: Bool? { if case .bool(let b) = self { return b } else { return nil } }

    /// Object member lookup; nil for non-objects and missing keys.
    public subscript(key: String) -> JSON? { objectValue?[key] }

    /// Python's type name for this value, as DRF's messages quote it ("Expected a dictionary, but got list.").
    public var pythonTypeName: String {
        switch self {
        case .null: return "NoneType"
        case .bool: return "bool"
        case .int, .bigInt: return "int"
        case .double: return "float"
        case .string: return "str"
        case .array: return "list"
        case .object: return "dict"
        }
    }
}

/// The members of a JSON object, in order. Lookups are linear: objects here are small
/// (serializer fields), and order matters more than hashing.
///
/// A serializer's output is kept as its compact rendered bytes instead of pairs: the response
/// writer copies them as they are, and no tree of keys and values is built, walked and freed per
/// row. Everything that reads members (`pairs`, subscripts, iteration, `==`) sees the same
/// members the pairs would hold (read back from the bytes); a change turns it into pairs.
public struct JSONObject: Sendable, Hashable, Sequence {
    enum Storage: Sendable {
        case pairs([(key: String, value: JSON)])
        /// `{...}` exactly as `JSONWriter` writes the members without indent.
        case rendered([UInt8])
    }

    var storage: Storage

    public var pairs: [(key: String, value: JSON)] {
        switch storage {
        case .pairs(let pairs): return pairs
        case .rendered(let bytes): return RenderedJSON.members(of: bytes)
        }
    }

    public init() { storage = .pairs([]) }
    /// An empty object with room for `minimumCapacity` members.
    public init(minimumCapacity: Int) {
        var pairs: [(key: String, value: JSON)] = []
        pairs.reserveCapacity(minimumCapacity)
        storage = .pairs(pairs)
    }
    public init(_ pairs: [(String, JSON)]) { storage = .pairs(pairs.map { (key: $0.0, value: $0.1) }) }
    /// Takes pairs as they are (the parser has already merged repeated keys).
    init(uniquePairs pairs: [(key: String, value: JSON)]) { storage = .pairs(pairs) }
    /// An object already written by `JSONWriter` (compact): `{` members `}`.
    init(rendered bytes: [UInt8]) { storage = .rendered(bytes) }

    /// The compact bytes, when the object is kept rendered.
    var renderedBytes: [UInt8]? { if case .rendered(let bytes) = storage { return bytes } else { return nil } }

    /// The pairs, mutable in place: a rendered object becomes pairs first. The storage lets go
    /// of the array while `body` runs, so appending does not copy it.
    private mutating func withMutablePairs<R>(_ body: (inout [(key: String, value: JSON)]) -> R) -> R {
        var pairs = self.pairs
        storage = .pairs([])
        defer { storage = .pairs(pairs) }
        return body(&pairs)
    }

    public subscript(key: String) -> JSON? {
        get {
            switch storage {
            case .pairs(let pairs): return pairs.last { $0.key == key }?.value
            // One member read without building the others (a create's `Location` reads `url`).
            case .rendered(let bytes): return RenderedJSON.lastValue(of: key, in: bytes)
            }
        }
        set {
            withMutablePairs { pairs in
                if let index = pairs.firstIndex(where: { $0.key == key }) {
                    if let newValue { pairs[index].value = newValue } else { pairs.remove(at: index) }
                } else if let newValue {
                    pairs.append((key: key, value: newValue))
                }
            }
        }
    }

    public var keys: [String] { pairs.map(\.key) }
    public var count: Int { pairs.count }
    public var isEmpty: Bool {
        switch storage {
        case .pairs(let pairs): return pairs.isEmpty
        case .rendered(let bytes): return bytes.count <= 2
        }
    }
    /// Through the subscript: a rendered object answers without reading back every member.
    public func contains(_ key: String) -> Bool { self[key] != nil }
    public mutating func append(_ key: String, _ value: JSON) {
        withMutablePairs { $0.append((key: key, value: value)) }
    }
    public func makeIterator() -> IndexingIterator<[(key: String, value: JSON)]> { pairs.makeIterator() }

    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        lhs.pairs.elementsEqual(rhs.pairs) { $0.key == $1.key && $0.value == $1.value }
    }

    /// Hashable so that a `FieldValue` can hold any JSON (a `jsonb` column): the members in order,
    /// as `==` compares them.
    public func hash(into hasher: inout Hasher) {
        for (key, value) in pairs {
            hasher.combine(key)
            hasher.combine(value)
        }
    }
}

extension JSON: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    public init(nilLiteral: ()) { self = .null }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(arrayLiteral elements: JSON...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSON)...) { self = .object(JSONObject(elements)) }
}

extension JSON {
    public init(_ value: String?) { self = value.map(JSON.string) ?? .null }
    public init(_ value: Int64?) { self = value.map(JSON.int) ?? .null }
    public init(_ value: Int?) { self = value.map { .int(Int64($0)) } ?? .null }
    public init(_ value: Bool?) { self = value.map(JSON.bool) ?? .null }
}
