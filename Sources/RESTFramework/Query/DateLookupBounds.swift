/// The instants a `date` or `year` lookup selects, `start <= t < end`, shared by the in-memory
/// evaluator and the SQL compiler so both read a value the same way. Days and years are UTC's
/// (Django with `USE_TZ = True` and `TIME_ZONE = "UTC"` converts to UTC before taking the date).
///
///     try DateLookupBounds.day(.string("2024-01-31"), field: "created").start.iso8601  // "2024-01-31T00:00:00Z"
///     try DateLookupBounds.year(.int(2024), field: "created").end.iso8601              // "2025-01-01T00:00:00Z"
package struct DateLookupBounds: Sendable, Equatable {
    package let start: DateTime
    package let end: DateTime

    /// The day of `value`: Django's `parse_date` text (`YYYY-M-D`, one or two digit month and
    /// day, the date must exist) or a `DateTime` (its UTC date).
    package static func day(_ value: FieldValue, field: String) throws -> DateLookupBounds {
        let fail = QueryValueError.cannotCoerce(field: field, value: value, to: "a valid date")
        let days: Int64
        switch value {
        case .dateTime(let time) where !time.isInfinite:
            // (An infinity has no date: its day's bounds would overflow.)
            days = floorDivide(time.microsecondsSinceEpoch, microsecondsPerDay)
        case .date(let date) where !date.isInfinite && date.parts.map({ (1...9999).contains($0.year) }) == true:
            days = date.daysSinceEpoch
        case .string(let text):
            guard let (year, month, day) = parseDate(text) else { throw fail }
            days = daysFromCivil(year: year, month: month, day: day)
        default:
            throw fail
        }
        let start = days * microsecondsPerDay
        return DateLookupBounds(
            start: DateTime(microsecondsSinceEpoch: start),
            end: DateTime(microsecondsSinceEpoch: start + microsecondsPerDay))
    }

    /// The year `value` names: an integer, integer text (Python's `int()`), or an integral
    /// double, between 1 and 9999 (Python's `datetime` range, which Django's bounds use).
    package static func year(_ value: FieldValue, field: String) throws -> DateLookupBounds {
        let fail = QueryValueError.cannotCoerce(field: field, value: value, to: "a year between 1 and 9999")
        let year: Int64
        switch value {
        case .int(let number): year = number
        case .double(let number):
            guard let exact = Int64(exactly: number) else { throw fail }
            year = exact
        case .string(let text):
            guard let number = IntegerText(parsing: text)?.intValue.flatMap(Int64.init(exactly:)) else { throw fail }
            year = number
        default:
            throw fail
        }
        guard (1...9999).contains(year) else { throw fail }
        return DateLookupBounds(
            start: DateTime(microsecondsSinceEpoch: daysFromCivil(year: year, month: 1, day: 1) * microsecondsPerDay),
            end: DateTime(microsecondsSinceEpoch: daysFromCivil(year: year + 1, month: 1, day: 1) * microsecondsPerDay))
    }

    package func contains(_ time: DateTime) -> Bool { start <= time && time < end }

    /// The first day in the bounds and the first after them, for a `date` column (the bounds
    /// start and end at midnight UTC).
    package var days: (start: CalendarDate, end: CalendarDate) {
        (
            CalendarDate(daysSinceEpoch: start.microsecondsSinceEpoch / Self.microsecondsPerDay),
            CalendarDate(daysSinceEpoch: end.microsecondsSinceEpoch / Self.microsecondsPerDay)
        )
    }

    /// Whether a `date` column's day is in the bounds (never the infinities).
    package func contains(_ date: CalendarDate) -> Bool { days.start <= date && date < days.end }

    private static let microsecondsPerDay: Int64 = 86_400_000_000

    /// Django's `date_re`: `\d{4}-\d{1,2}-\d{1,2}` and nothing else, ASCII digits.
    static func parseDate(_ text: String) -> (Int64, Int64, Int64)? {
        let parts = text.utf8.split(separator: UInt8(ascii: "-"), omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, (1...2).contains(parts[1].count), (1...2).contains(parts[2].count)
        else { return nil }
        var numbers: [Int64] = []
        for part in parts {
            var value: Int64 = 0
            for byte in part {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int64(byte - UInt8(ascii: "0"))
            }
            numbers.append(value)
        }
        let (year, month, day) = (numbers[0], numbers[1], numbers[2])
        guard year >= 1, (1...12).contains(month), day >= 1, day <= daysInMonth(month, year: year) else {
            return nil
        }
        return (year, month, day)
    }
}
