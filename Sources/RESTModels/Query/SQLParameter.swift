import PostgreSQL
import RESTFramework

/// Typed parameters from `FieldValue`s: the OID follows the column's type, so a statement's
/// parameter types (and its prepared plan) do not depend on the values, NULL included.
enum SQLParameter {
    /// `value` (already coerced to `type`) as a parameter of that type.
    static func make(_ value: FieldValue, as type: ColumnType) -> any PostgresEncodable {
        switch value {
        case .null:
            switch type {
            case .int: return Int64?.none
            case .text: return String?.none
            case .bool: return Bool?.none
            case .double: return Double?.none
            case .timestamptz: return PostgresTimestamp?.none
            }
        case .int(let i): return type == .double ? Double(i) : i
        case .double(let d): return d
        case .bool(let b): return b
        case .string(let s): return s
        case .dateTime(let t): return PostgresTimestamp(microsecondsSinceEpoch: t.microsecondsSinceEpoch)
        }
    }

    /// A one-dimensional array parameter (`= ANY($1)`) of non-NULL values of one kind.
    static func array(_ values: [FieldValue], as type: ColumnType) -> any PostgresEncodable {
        switch type {
        case .int where values.allSatisfy({ $0.intValue != nil }):
            return ArrayParameter<Int64>(values.compactMap(\.intValue))
        case .int, .double:
            return ArrayParameter<Double>(
                values.compactMap {
                    switch $0 {
                    case .int(let i): Double(i);
                    case .double(let d): d;
                    default: nil
                    }
                })
        case .text: return ArrayParameter<String>(values.compactMap(\.stringValue))
        case .bool: return ArrayParameter<Bool>(values.compactMap(\.boolValue))
        case .timestamptz:
            return ArrayParameter<PostgresTimestamp>(
                values.compactMap {
                    $0.dateTimeValue.map { PostgresTimestamp(microsecondsSinceEpoch: $0.microsecondsSinceEpoch) }
                })
        }
    }
}

/// An element type of `ArrayParameter`: its array type's OID and its text inside `{...}`.
protocol ArrayElement {
    static var arrayTypeOID: UInt32 { get }
    var arrayElementText: String { get }
}

extension Int64: ArrayElement {
    static var arrayTypeOID: UInt32 { 1016 }  // int8[]
    var arrayElementText: String { String(self) }
}

extension Double: ArrayElement {
    static var arrayTypeOID: UInt32 { 1022 }  // float8[]
    var arrayElementText: String {
        if isNaN { return "NaN" }
        if isInfinite { return self > 0 ? "Infinity" : "-Infinity" }
        return description
    }
}

extension Bool: ArrayElement {
    static var arrayTypeOID: UInt32 { 1000 }  // bool[]
    var arrayElementText: String { self ? "t" : "f" }
}

extension String: ArrayElement {
    static var arrayTypeOID: UInt32 { 1009 }  // text[]
    var arrayElementText: String { self }
}

extension PostgresTimestamp: ArrayElement {
    static var arrayTypeOID: UInt32 { 1185 }  // timestamptz[]
    var arrayElementText: String { iso8601 }
}

/// An array in PostgreSQL's text format: `{"1","2"}`, every element quoted (so no element text
/// can be read as NULL or split the list) with `"` and `\` escaped.
struct ArrayParameter<Element: ArrayElement>: PostgresEncodable {
    let elements: [Element]
    init(_ elements: [Element]) { self.elements = elements }

    static var postgresDataType: PostgresDataType { PostgresDataType(rawValue: Element.arrayTypeOID) }

    func encode(into writer: PostgresParameterWriter) throws {
        var text = "{"
        for (index, element) in elements.enumerated() {
            if index > 0 { text += "," }
            text += "\""
            for scalar in element.arrayElementText.unicodeScalars {
                if scalar == "\"" || scalar == "\\" { text.unicodeScalars.append("\\") }
                text.unicodeScalars.append(scalar)
            }
            text += "\""
        }
        try writer.write(text + "}")
    }
}
