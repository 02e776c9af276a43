// Shared by the value types' text forms and the PostgreSQL module's timestamp parser.

package func pad(_ value: Int64, _ width: Int) -> String {
    let digits = String(value)
    return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
}

@inlinable @inline(__always)
package func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
    let quotient = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? quotient - 1 : quotient
}

// Days since 1970-01-01 and proleptic Gregorian dates, after Howard Hinnant's `days_from_civil`
// and `civil_from_days` (exact for every year, no tables, no Foundation calendar). The one copy
// of the calendar: RESTFramework's `DateTime` renders every row's timestamp with it, hence
// `@inlinable` (a call across the module boundary would cost on every row).

@inlinable
package func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
}

@inlinable
package func civilFromDays(_ days: Int64) -> (year: Int64, month: Int64, day: Int64) {
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let mp = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
}

/// The days in `month` (1...12) of the proleptic Gregorian `year`.
@inlinable
package func daysInMonth(_ month: Int64, year: Int64) -> Int64 {
    switch month {
    case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
}

/// A cursor over ASCII bytes for the timestamp, date, time and interval parsers (the PostgreSQL module's timestamp parser
/// uses it too, hence `@inlinable`). Inlined: a call per literal skipped was
/// half a timestamp's parse (ten per timestamp, every row has one or two).
@usableFromInline
package struct ByteScanner {
    @usableFromInline package let bytes: UnsafeRawBufferPointer
    @usableFromInline package var index = 0

    @inlinable package init(bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    @inlinable package var isAtEnd: Bool { index == bytes.count }

    @inlinable @inline(__always)
    package mutating func skip(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        for offset in 0..<count where bytes[index + offset] != literal.utf8Start[offset] { return false }
        index += count
        return true
    }

    @inlinable @inline(__always)
    package mutating func digit() -> Int64? {
        guard index < bytes.count else { return nil }
        let value = bytes[index] &- UInt8(ascii: "0")
        guard value < 10 else { return nil }
        index += 1
        return Int64(value)
    }

    @inlinable @inline(__always)
    package mutating func number(minDigits: Int, maxDigits: Int) -> Int64? {
        var value: Int64 = 0
        var count = 0
        while count < maxDigits, let digit = digit() {
            value = value * 10 + digit
            count += 1
        }
        return count >= minDigits ? value : nil
    }
}
