#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A scalar value as it moves between serializers, querysets and the database: what a column
/// holds and what a validated field produces.
///
///     let values: [String: FieldValue] = ["username": .string("ada"), "is_staff": .bool(false)]
///     let budget: FieldValue = .decimal(DecimalNumber("1250.00")!)   // renders "1250.00"
///
/// The two large payloads (a decimal's digits, a JSON tree) are `indirect`: every field read of
/// every row copies a `FieldValue`, so it stays as small as a `String` and a tag.
public enum FieldValue: Hashable, Sendable, CustomStringConvertible {
    case null
    case bool(Bool)
    /// `smallint`, `integer`, `bigint`.
    case int(Int64)
    /// `double precision`, `real`.
    case double(Double)
    case string(String)
    case dateTime(DateTime)
    /// `numeric`: exact, with its scale (`1250.00`).
    indirect case decimal(DecimalNumber)
    case uuid(UUID)
    case date(CalendarDate)
    case time(TimeOfDay)
    /// `interval`: months, days and microseconds apart.
    case duration(CalendarDuration)
    /// `json`/`jsonb`: any JSON value, arrays and objects included. (Not `json`: that name is
    /// the rendering below.)
    indirect case jsonValue(JSON)
    /// `bytea`.
    case bytes([UInt8])
    /// An array column (`text[]`, `integer[]`...): its elements, NULL ones as `.null`.
    case list([FieldValue])

    /// A pattern match, not `== .null`: with the issue-13 cases the derived `==` is an outlined
    /// call (~25 instructions), and this is asked for every value a request binds or writes.
    @inlinable public var isNull: Bool { if case .null = self { return true } else { return false } }
    /// Whether this is `.string("")` (a hyperlink's unsaved key), matched as `isNull` is.
    var isEmptyString: Bool { if case .string(let s) = self { return s.isEmpty } else { return false } }
    public var intValue: Int64? { if case .int(let v) = self { return v } else { return nil } }
    public var stringValue: String? { if case .string(let v) = self { return v } else { return nil } }
    public var boolValue: Bool? { if case .bool(let v) = self { return v } else { return nil } }
    public var dateTimeValue: DateTime? { if case .dateTime(let v) = self { return v } else { return nil } }
    public var decimalValue: DecimalNumber? { if case .decimal(let v) = self { return v } else { return nil } }
    public var uuidValue: UUID? { if case .uuid(let v) = self { return v } else { return nil } }
    public var dateValue: CalendarDate? { if case .date(let v) = self { return v } else { return nil } }
    public var timeValue: TimeOfDay? { if case .time(let v) = self { return v } else { return nil } }
    public var durationValue: CalendarDuration? { if case .duration(let v) = self { return v } else { return nil } }
    public var listValue: [FieldValue]? { if case .list(let v) = self { return v } else { return nil } }

    /// The JSON a serializer renders for this value, as DRF's fields render them by default:
    /// datetimes as ISO 8601 text, decimals as strings keeping their scale (`COERCE_DECIMAL_TO_STRING`),
    /// UUIDs hyphenated in lower case, dates and times as `isoformat()`, durations as Django's
    /// `duration_string`, bytes as base64 text, arrays as JSON arrays.
    public var json: JSON {
        switch self {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .double(let d): return .double(d)
        case .string(let s): return .string(s)
        case .dateTime(let t): return .string(t.iso8601)
        case .jsonValue(let value): return value
        case .list(let elements): return .array(elements.map(\.json))
        case .decimal, .uuid, .date, .time, .duration, .bytes: return .string(text)
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
        case .jsonValue(let value): return JSONWriter.renderString(value)
        case .list(let elements): return "[" + elements.map(\.description).joined(separator: ", ") + "]"
        case .decimal, .uuid, .date, .time, .duration, .bytes: return text
        }
    }

    /// The text DRF renders for the values that render as JSON strings.
    private var text: String {
        switch self {
        case .decimal(let d): return d.description
        case .uuid(let u): return PythonText.uuidString(u)
        case .date(let d): return d.description
        case .time(let t): return PythonText.isoformat(t)
        case .duration(let d): return PythonText.durationString(d)
        case .bytes(let b): return PythonBase64.encode(b)
        default: return ""
        }
    }
}

extension FieldValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral, ExpressibleByNilLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(nilLiteral: ()) { self = .null }
}

/// `F("budget") + 10.50`: a float literal is `.double`; a numeric column coerces it by its
/// shortest text (`10.5`), so the decimal is the literal's, not the binary double's.
extension FieldValue: ExpressibleByFloatLiteral {
    public init(floatLiteral value: Double) { self = .double(value) }
}
