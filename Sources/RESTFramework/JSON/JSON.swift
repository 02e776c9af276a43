/// A JSON value whose objects keep their key order: serializer fields, pagination envelopes and
/// error dictionaries are written in the order DRF writes them.
///
///     let body: JSON = ["count": 2, "next": nil, "results": [["id": 1]]]
///     body.rendered()          // {"count":2,"next":null,"results":[{"id":1}]}
public enum JSON: Sendable, Equatable {
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
public struct JSONObject: Sendable, Equatable, Sequence {
    public private(set) var pairs: [(key: String, value: JSON)]

    public init() { pairs = [] }
    /// An empty object with room for `minimumCapacity` members.
    public init(minimumCapacity: Int) {
        pairs = []
        pairs.reserveCapacity(minimumCapacity)
    }
    public init(_ pairs: [(String, JSON)]) { self.pairs = pairs.map { (key: $0.0, value: $0.1) } }
    /// Takes pairs as they are (the parser has already merged repeated keys).
    init(uniquePairs pairs: [(key: String, value: JSON)]) { self.pairs = pairs }

    public subscript(key: String) -> JSON? {
        get { pairs.last { $0.key == key }?.value }
        set {
            if let index = pairs.firstIndex(where: { $0.key == key }) {
                if let newValue { pairs[index].value = newValue } else { pairs.remove(at: index) }
            } else if let newValue {
                pairs.append((key: key, value: newValue))
            }
        }
    }

    public var keys: [String] { pairs.map(\.key) }
    public var count: Int { pairs.count }
    public var isEmpty: Bool { pairs.isEmpty }
    public func contains(_ key: String) -> Bool { pairs.contains { $0.key == key } }
    public mutating func append(_ key: String, _ value: JSON) { pairs.append((key: key, value: value)) }
    public func makeIterator() -> IndexingIterator<[(key: String, value: JSON)]> { pairs.makeIterator() }

    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        lhs.pairs.elementsEqual(rhs.pairs) { $0.key == $1.key && $0.value == $1.value }
    }
}

extension JSON: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
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
