#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A related field's input read as the model field it is looked up by reads it (Django's
/// `get_prep_value` in `queryset.get(field=value)`), with Python's outcome when it cannot:
/// each field turns the failure into its own message.
enum RelatedKeyReading {
    enum Failure: Error {
        /// Python's `TypeError` (`int([1])`).
        case typeError
        /// Python's `ValueError` (`int("abc")`).
        case valueError
        /// A value no row can have (an integer beyond 64 bits): "does not exist".
        case noSuchRow
        /// Django's own `ValidationError`, which DRF reports as it is (`“abc” is not a valid UUID.`).
        case invalid(String)
    }

    static func read(_ data: JSON, as type: RelatedKeyType) -> Result<FieldValue, Failure> {
        switch type {
        case .integer: integer(data)
        case .uuid: uuid(data)
        case .text: .success(.string(data.stringValue ?? pythonStr(data)))
        case .other: .success(asSent(data))
        }
    }

    /// `int(value)`.
    private static func integer(_ data: JSON) -> Result<FieldValue, Failure> {
        switch data {
        case .bool(let b): return .success(.int(b ? 1 : 0))
        case .int(let i): return .success(.int(i))
        case .bigInt: return .failure(.noSuchRow)
        case .double(let d):
            guard d.isFinite else { return .failure(.valueError) }
            return d.magnitude < 9.2e18 ? .success(.int(Int64(d))) : .failure(.noSuchRow)
        case .string(let text):
            switch PythonText.parseInteger(text) {
            case .int(let i)?: return .success(.int(i))
            case .big?: return .failure(.noSuchRow)
            case nil: return .failure(.valueError)
            }
        case .null, .array, .object: return .failure(.typeError)
        }
    }

    /// Django's `UUIDField.to_python`: an integer is `UUID(int=)`, anything else `UUID(hex=)`.
    private static func uuid(_ data: JSON) -> Result<FieldValue, Failure> {
        let invalid = Failure.invalid("“\(data.stringValue ?? pythonStr(data))” is not a valid UUID.")
        switch data {
        case .int(let i):
            guard i >= 0 else { return .failure(invalid) }
            return .success(.uuid(uuid(fromInteger: UInt128(i))))
        case .bigInt(let text):
            guard let value = UInt128(text) else { return .failure(invalid) }
            return .success(.uuid(uuid(fromInteger: value)))
        case .bool(let b):
            return .success(.uuid(uuid(fromInteger: b ? 1 : 0)))
        case .string(let text):
            guard let value = parseHex(text) else { return .failure(invalid) }
            return .success(.uuid(value))
        default:
            return .failure(invalid)
        }
    }

    /// `uuid.UUID(hex=text)`: `urn:` and `uuid:` removed, then surrounding braces, then hyphens;
    /// 32 hexadecimal digits remain.
    static func parseHex(_ text: String) -> UUID? {
        var text = text.replacingOccurrences(of: "urn:", with: "").replacingOccurrences(of: "uuid:", with: "")
        while text.hasPrefix("{") { text.removeFirst() }
        while text.hasSuffix("}") { text.removeLast() }
        text = text.replacingOccurrences(of: "-", with: "")
        let digits = Array(text.utf8)
        guard digits.count == 32 else { return nil }
        var value: UInt128 = 0
        for digit in digits {
            guard let nibble = PercentEncoding.hexValue(digit) else { return nil }
            value = value << 4 | UInt128(nibble)
        }
        return uuid(fromInteger: value)
    }

    private static func uuid(fromInteger value: UInt128) -> UUID {
        var bytes: [UInt8] = []
        for shift in stride(from: 120, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt128(shift))) }
        return UUID(
            uuid: (
                bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
            ))
    }

    /// Python's `str(value)` of parsed JSON: `True`, `None`, `7.5`, `[1, 'a']`, `{'k': None}`.
    static func pythonStr(_ value: JSON) -> String {
        switch value {
        case .string(let s): return s
        case .array, .object: return pythonRepr(value)
        default: return PythonText.str(value) ?? ""
        }
    }

    /// Python's `repr` of parsed JSON (what `str` of a list or dict shows of its items).
    static func pythonRepr(_ value: JSON) -> String {
        switch value {
        case .string(let s):
            // Python quotes with ' unless the text holds ' and no ".
            let quote = s.contains("'") && !s.contains("\"") ? "\"" : "'"
            var out = quote
            for character in s {
                switch character {
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                default: out += String(character) == quote ? "\\" + quote : String(character)
                }
            }
            return out + quote
        case .array(let items): return "[" + items.map(pythonRepr).joined(separator: ", ") + "]"
        case .object(let object):
            return "{" + object.pairs.map { pythonRepr(.string($0.key)) + ": " + pythonRepr($0.value) }.joined(separator: ", ") + "}"
        default: return PythonText.str(value) ?? ""
        }
    }
}

extension RelatedKeyReading {
    /// A JSON value as it was sent, as a field value.
    static func asSent(_ json: JSON) -> FieldValue {
        switch json {
        case .null: .null
        case .bool(let b): .bool(b)
        case .int(let i): .int(i)
        case .double(let d): .double(d)
        case .string(let s): .string(s)
        case .bigInt(let text): .string(text)
        case .array, .object: .jsonValue(json)
        }
    }
}
