/// A scalar value as it moves between serializers, querysets and the database: what a column
/// holds and what a validated field produces.
///
///     let values: [String: FieldValue] = ["username": .string("ada"), "is_staff": .bool(false)]
public enum FieldValue: Hashable, Sendable, CustomStringConvertible {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case dateTime(DateTime)

    public var isNull: Bool { self == .null }
    public var intValue: Int64? { if case .int(let v) = self { return v } else { return nil } }
    public var stringValue: String? { if case .string(let v) = self { return v } else { return nil } }
    public var boolValue: Bool? { if case .bool(let v) = self { return v } else { return nil } }
    public var dateTimeValue: DateTime? { if case .dateTime(let v) = self { return v } else { return nil } }

    /// The JSON a serializer renders for this value (datetimes as DRF's ISO 8601 text).
    public var json: JSON {
        switch self {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .double(let d): return .double(d)
        case .string(let s): return .string(s)
        case .dateTime(let t): return .string(t.iso8601)
        }
    }

    public var description: String {
        switch self {
        case .null: return "NULL"
        case .bool(let b): return String(b)
        case .int(let i): return String(i)
        case .double(let d): return String(d)
        case .string(let s): return s
        case .dateTime(let t): return t.iso8601
        }
    }
}

extension FieldValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral, ExpressibleByNilLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(nilLiteral: ()) { self = .null }
}
