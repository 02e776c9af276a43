#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Coercion, comparison and `::text` for the column types beyond integers, doubles, strings,
/// booleans and datetimes: what Django's `get_prep_value`/`to_python` accept for each field type
/// from a query string, and the order PostgreSQL gives each type.
///
///     try FieldValue.string("1250.5").coerced(like: .decimal(DecimalNumber(0)), field: "budget")   // .decimal(1250.5)
///     try FieldValue.string("2024-02-29").coerced(like: .date(CalendarDate(daysSinceEpoch: 0)), field: "due")
extension InMemoryEvaluation {
    /// `value` as the type of `sample`; nil when it cannot be (the caller throws `cannotCoerce`).
    static func coerceColumnType(_ value: FieldValue, like sample: FieldValue, field: String) -> FieldValue? {
        switch (sample, value) {
        case (.decimal, .decimal), (.uuid, .uuid), (.date, .date), (.time, .time), (.duration, .duration),
            (.jsonValue, .jsonValue), (.bytes, .bytes):
            return value
        // DecimalField: `Decimal(text)`; integers exactly; no exponents (numeric's own text has none).
        case (.decimal, .string(let text)): return DecimalNumber(PythonText.strip(text)).map(FieldValue.decimal)
        case (.decimal, .int(let number)): return .decimal(DecimalNumber(number))
        case (.decimal, .double(let number)):
            guard number.isFinite else { return nil }
            return DecimalNumber(plainText(number)).map(FieldValue.decimal)
        case (.double, .decimal(let number)): return Double(number.description).map(FieldValue.double)
        case (.int, .decimal(let number)):
            // An integral decimal is the integer; `1.5` cannot equal any integer row.
            guard number.special == nil, let whole = Int64(exactly: Double(number.description) ?? .nan),
                DecimalNumber(whole).compareValue(number) == 0
            else { return nil }
            return .int(whole)
        // UUIDField: `uuid.UUID(hex)` (hyphens, braces and `urn:uuid:` allowed) or an integer.
        case (.uuid, .string(let text)): return parseUUID(PythonText.strip(text)).map(FieldValue.uuid)
        case (.uuid, .int(let number)):
            guard number >= 0 else { return nil }
            return parseUUID(String(repeating: "0", count: 16) + hex16(UInt64(number))).map(FieldValue.uuid)
        // DateField: `YYYY-M-D`, or a datetime's UTC date.
        case (.date, .string(let text)):
            guard let (year, month, day) = DateLookupBounds.parseDate(PythonText.strip(text)) else { return nil }
            return CalendarDate(year: year, month: month, day: day).map(FieldValue.date)
        case (.date, .dateTime(let time)):
            // PostgreSQL's `'infinity'::timestamptz::date` is the infinite date.
            if time == .infinity { return .date(.infinity) }
            if time == .negativeInfinity { return .date(.negativeInfinity) }
            return .date(CalendarDate(daysSinceEpoch: floorDivide(time.microsecondsSinceEpoch, CalendarDuration.microsecondsPerDay)))
        case (.time, .string(let text)): return parseTime(PythonText.strip(text)).map(FieldValue.time)
        case (.duration, .string(let text)): return parseDuration(PythonText.strip(text)).map(FieldValue.duration)
        // JSONField: a scalar query value matches the JSON scalar (`data="x"` is the string "x").
        case (.jsonValue, _): return .jsonValue(value.json)
        // BinaryField: text is base64.
        case (.bytes, .string(let text)): return PythonBase64.decode(text).map(FieldValue.bytes)
        // ArrayField: a list element by element, or `a,b,c` (SimpleArrayField's form).
        case (.list(let samples), .list(let elements)):
            return coerceElements(elements, like: samples.first, field: field)
        case (.list(let samples), .string(let text)):
            let parts =
                text.isEmpty ? [] : text.split(separator: ",", omittingEmptySubsequences: false).map { FieldValue.string(String($0)) }
            return coerceElements(parts, like: samples.first, field: field)
        default:
            return nil
        }
    }

    private static func coerceElements(_ elements: [FieldValue], like sample: FieldValue?, field: String) -> FieldValue? {
        guard let sample else { return .list(elements) }
        var coerced: [FieldValue] = []
        coerced.reserveCapacity(elements.count)
        for element in elements {
            guard let value = try? coerce(element, like: sample, field: field) else { return nil }
            coerced.append(value)
        }
        return .list(coerced)
    }

    /// -1, 0 or 1 by PostgreSQL's order for the type; nil for values of unrelated types.
    static func compareColumnTypes(_ a: FieldValue, _ b: FieldValue) -> Int? {
        func sign<T: Comparable>(_ x: T, _ y: T) -> Int { x < y ? -1 : (x == y ? 0 : 1) }
        switch (a, b) {
        case (.decimal(let x), .decimal(let y)): return x.compareValue(y)
        case (.decimal(let x), .int(let y)): return x.compareValue(DecimalNumber(y))
        case (.int(let x), .decimal(let y)): return DecimalNumber(x).compareValue(y)
        case (.decimal(let x), .double(let y)): return Double(x.description).map { sign($0, y) }
        case (.double(let x), .decimal(let y)): return Double(y.description).map { sign(x, $0) }
        case (.uuid(let x), .uuid(let y)): return compareBytes(uuidBytes(x), uuidBytes(y))
        case (.date(let x), .date(let y)): return sign(x, y)
        case (.time(let x), .time(let y)): return sign(x, y)
        case (.duration(let x), .duration(let y)): return x.compareSpan(y)
        case (.bytes(let x), .bytes(let y)): return compareBytes(x, y)
        case (.list(let x), .list(let y)):
            // Element by element, a NULL element above any other (PostgreSQL's array order), then length.
            for (p, q) in zip(x, y) {
                switch (p.isNull, q.isNull) {
                case (true, true): continue
                case (true, false): return 1
                case (false, true): return -1
                case (false, false):
                    let order = compare(p, q) ?? 0
                    if order != 0 { return order }
                }
            }
            return sign(x.count, y.count)
        case (.jsonValue(let x), .jsonValue(let y)):
            // Equality as values; an order only so that sorting is stable (not jsonb's order).
            if x == y { return 0 }
            return sign(JSONWriter.renderString(x), JSONWriter.renderString(y))
        default: return nil
        }
    }

    /// PostgreSQL's `value::text` for these types (DateStyle ISO, IntervalStyle postgres).
    static func columnTypeText(_ value: FieldValue) -> String {
        switch value {
        case .decimal(let d): return d.description
        case .uuid(let u): return PythonText.uuidString(u)
        case .date(let d): return d.description
        case .time(let t): return t.description
        case .duration(let d): return d.description
        case .jsonValue(let j): return JSONWriter.renderString(j)
        case .bytes(let b): return "\\x" + b.map { hex2($0) }.joined()
        case .list(let elements):
            let texts = elements.map { element -> String in
                if element.isNull { return "NULL" }
                let text = sqlText(element)
                let plain =
                    !text.isEmpty && text.uppercased() != "NULL"
                    && !text.contains(where: { " {},\"\\".contains($0) })
                return plain
                    ? text : "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
            }
            return "{" + texts.joined(separator: ",") + "}"
        default: return sqlText(value)
        }
    }

    // MARK: Text forms Django accepts

    /// `uuid.UUID(text)`: 32 hex digits after dropping `urn:`, `uuid:`, braces and hyphens.
    static func parseUUID(_ text: String) -> UUID? {
        var hex = text.replacingOccurrences(of: "urn:", with: "").replacingOccurrences(of: "uuid:", with: "")
        while hex.hasPrefix("{") { hex.removeFirst() }
        while hex.hasSuffix("}") { hex.removeLast() }
        let digits = Array(hex.utf8.filter { $0 != UInt8(ascii: "-") })
        guard digits.count == 32 else { return nil }
        var bytes = [UInt8](repeating: 0, count: 16)
        for index in 0..<16 {
            guard let high = hexDigit(digits[2 * index]), let low = hexDigit(digits[2 * index + 1]) else { return nil }
            bytes[index] = high << 4 | low
        }
        return UUID(
            uuid: (
                bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
            ))
    }

    /// Django's `parse_time`: `H:M`, `H:M:S`, `H:M:S.ffffff` (one or two digit fields, up to six
    /// fraction digits, more ignored), hours 0 to 23.
    static func parseTime(_ text: String) -> TimeOfDay? {
        let (clock, fraction) = splitFraction(text)
        let fields = clock.split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(fields.count), fields.allSatisfy({ (1...2).contains($0.count) && $0.allSatisfy(\.isASCIIDigitCharacter) }),
            let hour = Int64(fields[0]), let minute = Int64(fields[1]), hour < 24,
            let microsecond = fraction
        else { return nil }
        let second = fields.count == 3 ? Int64(fields[2]) ?? 60 : 0
        return TimeOfDay(hour: hour, minute: minute, second: second, microsecond: microsecond)
    }

    /// PostgreSQL's interval text (`1 mon -2 days +03:00:00`), or what Django's `parse_duration`
    /// reads (`DjangoDuration`: its own form, ISO 8601, PostgreSQL's day-time form).
    static func parseDuration(_ text: String) -> CalendarDuration? {
        if let interval = CalendarDuration(text) { return interval }
        if case .value(let duration) = DjangoDuration.parse(text) { return duration }
        return nil
    }

    /// The text before `.`/`,` and the fraction as microseconds (1 to 6 digits read, up to 6 more
    /// ignored); a nil fraction when it is malformed.
    private static func splitFraction(_ text: String) -> (Substring, Int64?) {
        guard let point = text.firstIndex(where: { $0 == "." || $0 == "," }) else { return (Substring(text), 0) }
        let digits = text[text.index(after: point)...]
        guard (1...12).contains(digits.count), digits.allSatisfy(\.isASCIIDigitCharacter) else { return (text[..<point], nil) }
        var micros: Int64 = 0
        for digit in digits.prefix(6) { micros = micros * 10 + Int64(digit.asciiValue! - UInt8(ascii: "0")) }
        for _ in digits.prefix(6).count..<6 { micros *= 10 }
        return (text[..<point], micros)
    }

    // MARK: Helpers

    private static func uuidBytes(_ uuid: UUID) -> [UInt8] { withUnsafeBytes(of: uuid.uuid) { Array($0) } }

    /// memcmp order, then the shorter first (bytea's order; uuid's too, at equal lengths).
    private static func compareBytes(_ x: [UInt8], _ y: [UInt8]) -> Int {
        for (p, q) in zip(x, y) where p != q { return p < q ? -1 : 1 }
        return x.count < y.count ? -1 : (x.count == y.count ? 0 : 1)
    }

    private static func hexDigit(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    private static func hex2(_ byte: UInt8) -> String {
        let digits = Array("0123456789abcdef")
        return String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0x0f)])
    }

    private static func hex16(_ value: UInt64) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: 16 - text.count) + text
    }

    /// A finite double's digits without an exponent (`1e-07` → `0.0000001`), for `Decimal(float)`.
    private static func plainText(_ number: Double) -> String {
        let text = String(number)
        guard let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }), let exponent = Int(text[text.index(after: e)...]) else {
            return text
        }
        var mantissa = String(text[..<e])
        let negative = mantissa.hasPrefix("-")
        if negative { mantissa.removeFirst() }
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        let whole = String(parts[0]), fractionDigits = parts.count > 1 ? String(parts[1]) : ""
        let digits = whole + fractionDigits
        let point = whole.count + exponent
        let body: String
        if point <= 0 {
            body = "0." + String(repeating: "0", count: -point) + digits
        } else if point >= digits.count {
            body = digits + String(repeating: "0", count: point - digits.count)
        } else {
            body = String(digits.prefix(point)) + "." + String(digits.dropFirst(point))
        }
        return (negative ? "-" : "") + body
    }
}

extension Character {
    fileprivate var isASCIIDigitCharacter: Bool { isASCII && isNumber }
}
