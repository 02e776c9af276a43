#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PostgreSQL
import RESTFramework

/// Typed parameters from `FieldValue`s: the OID follows the column's type, so a statement's
/// parameter types (and its prepared plan) do not depend on the values, NULL included.
enum SQLParameter {
    /// `value` (already coerced to `type`) as a parameter of that type.
    static func make(_ value: FieldValue, as type: ColumnType) -> any PostgresEncodable {
        switch value {
        case .null: return null(as: type)
        case .int(let i):
            switch type {
            case .double: return Double(i)
            case .real: return Float(i)
            default: return i
            }
        case .double(let d): return type == .real ? Float(d) : d
        case .bool(let b): return b
        case .string(let s): return s
        case .dateTime(let t): return PostgresTimestamp(microsecondsSinceEpoch: t.microsecondsSinceEpoch)
        case .decimal(let d): return d
        case .uuid(let u): return u
        case .date(let d): return d
        case .time(let t): return t
        case .duration(let d): return d
        case .jsonValue(let j): return PostgresJSON(JSONWriter.renderString(j))
        case .bytes(let b): return b
        case .list(let elements):
            switch type {
            case .smallintArray: return elements.map { $0.intValue.flatMap(Int16.init(exactly:)) }
            case .integerArray: return elements.map { $0.intValue.flatMap(Int32.init(exactly:)) }
            case .bigintArray: return elements.map(\.intValue)
            default: return elements.map(\.stringValue)
            }
        }
    }

    /// A typed NULL: the parameter's type is the column's whatever the value.
    private static func null(as type: ColumnType) -> any PostgresEncodable {
        switch type {
        case .int, .smallint: return Int64?.none
        case .text: return String?.none
        case .bool: return Bool?.none
        case .double: return Double?.none
        case .real: return Float?.none
        case .timestamptz: return PostgresTimestamp?.none
        case .numeric: return DecimalNumber?.none
        case .uuid: return UUID?.none
        case .date: return CalendarDate?.none
        case .time: return TimeOfDay?.none
        case .interval: return CalendarDuration?.none
        case .json, .jsonb: return PostgresJSON?.none
        case .bytea: return [UInt8]?.none
        case .textArray: return [String?]?.none
        case .smallintArray: return [Int16?]?.none
        case .integerArray: return [Int32?]?.none
        case .bigintArray: return [Int64?]?.none
        }
    }

    /// A one-dimensional array parameter (`= ANY($1)`) of non-NULL values of one kind. (Array
    /// columns have no `in`: `LookupCompiler` refuses it before.)
    static func array(_ values: [FieldValue], as type: ColumnType) -> any PostgresEncodable {
        switch type {
        case .int where values.allSatisfy({ $0.intValue != nil }):
            return ArrayParameter<Int64>(values.compactMap(\.intValue))
        case .smallint: return ArrayParameter<Int64>(values.compactMap(\.intValue))
        case .int, .double:
            return ArrayParameter<Double>(
                values.compactMap {
                    switch $0 {
                    case .int(let i): Double(i);
                    case .double(let d): d;
                    default: nil
                    }
                })
        case .real: return ArrayParameter<Float>(values.compactMap { if case .double(let d) = $0 { Float(d) } else { nil } })
        case .text: return ArrayParameter<String>(values.compactMap(\.stringValue))
        case .bool: return ArrayParameter<Bool>(values.compactMap(\.boolValue))
        case .timestamptz:
            return ArrayParameter<PostgresTimestamp>(
                values.compactMap {
                    $0.dateTimeValue.map { PostgresTimestamp(microsecondsSinceEpoch: $0.microsecondsSinceEpoch) }
                })
        case .numeric: return ArrayParameter<DecimalNumber>(values.compactMap(\.decimalValue))
        case .uuid: return ArrayParameter<UUID>(values.compactMap(\.uuidValue))
        case .date: return ArrayParameter<CalendarDate>(values.compactMap(\.dateValue))
        case .time: return ArrayParameter<TimeOfDay>(values.compactMap(\.timeValue))
        case .interval: return ArrayParameter<CalendarDuration>(values.compactMap(\.durationValue))
        case .json, .jsonb:
            return ArrayParameter<PostgresJSON>(
                values.compactMap { if case .jsonValue(let j) = $0 { PostgresJSON(JSONWriter.renderString(j)) } else { nil } })
        case .bytea: return ArrayParameter<ByteaText>(values.compactMap { if case .bytes(let b) = $0 { ByteaText(bytes: b) } else { nil } })
        case .textArray, .smallintArray, .integerArray, .bigintArray:
            return ArrayParameter<String>([])  // unreachable: refused by the compiler
        }
    }
}

/// An element type of `ArrayParameter`: its array type's OID and its text inside `{...}`.
protocol ArrayElement {
    static var arrayTypeOID: UInt32 { get }
    var arrayElementText: String { get }
    /// The whole array's text; the default quotes every element (`ArrayParameter`).
    static func writeArray(_ elements: [Self], into writer: PostgresParameterWriter) throws
}

extension ArrayElement {
    static func writeArray(_ elements: [Self], into writer: PostgresParameterWriter) throws {
        var text: [UInt8] = [UInt8(ascii: "{")]
        for (index, element) in elements.enumerated() {
            if index > 0 { text.append(UInt8(ascii: ",")) }
            text.append(UInt8(ascii: "\""))
            for byte in element.arrayElementText.utf8 {
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { text.append(UInt8(ascii: "\\")) }
                text.append(byte)
            }
            text.append(UInt8(ascii: "\""))
        }
        text.append(UInt8(ascii: "}"))
        try writer.write(String(decoding: text, as: UTF8.self))
    }
}

extension Int64: ArrayElement {
    static var arrayTypeOID: UInt32 { 1016 }  // int8[]
    var arrayElementText: String { String(self) }
    /// Digits need no quotes: written straight into the parameter.
    static func writeArray(_ elements: [Int64], into writer: PostgresParameterWriter) throws {
        try Int64.encodeArray(elements, into: writer)
    }
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

extension Float: ArrayElement {
    static var arrayTypeOID: UInt32 { 1021 }  // float4[]
    var arrayElementText: String {
        if isNaN { return "NaN" }
        if isInfinite { return self > 0 ? "Infinity" : "-Infinity" }
        return description
    }
}

extension DecimalNumber: ArrayElement {
    static var arrayTypeOID: UInt32 { 1231 }  // numeric[]
    var arrayElementText: String { description }
}

extension UUID: ArrayElement {
    static var arrayTypeOID: UInt32 { 2951 }  // uuid[]
    var arrayElementText: String { uuidString }
}

extension CalendarDate: ArrayElement {
    static var arrayTypeOID: UInt32 { 1182 }  // date[]
    var arrayElementText: String { description }
}

extension TimeOfDay: ArrayElement {
    static var arrayTypeOID: UInt32 { 1183 }  // time[]
    var arrayElementText: String { description }
}

extension CalendarDuration: ArrayElement {
    static var arrayTypeOID: UInt32 { 1187 }  // interval[]
    var arrayElementText: String { description }
}

extension PostgresJSON: ArrayElement {
    static var arrayTypeOID: UInt32 { 3807 }  // jsonb[]
    var arrayElementText: String { text }
}

/// A bytea element of an array parameter, in the hex form.
struct ByteaText: ArrayElement {
    let bytes: [UInt8]
    static var arrayTypeOID: UInt32 { 1001 }  // bytea[]
    var arrayElementText: String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = [UInt8(ascii: "\\"), UInt8(ascii: "x")]
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }
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
        try Element.writeArray(elements, into: writer)
    }
}
