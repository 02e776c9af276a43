/// Reads a date as Django's `parse_date` does on Python 3.11: first `date.fromisoformat` (the C
/// parser: 7, 8 or 10 bytes; `2026-12-06`, `20261206`, week dates `2026-W49-7`, `2026W497`,
/// `2026-W49`; like CPython it does not look past the day, so `20261206ab` reads), then Django's
/// `\d{4}-\d{1,2}-\d{1,2}$` (one-digit fields, digits of any script, a final newline). A day
/// that does not exist (`2026-02-30`) or a year outside 1...9999 is nil: Django raises
/// `ValueError` and DRF reports the format.
///
///     DateInput.parse("2026-W49-7")?.description   // "2026-12-06"
enum DateInput {
    static func parse(_ text: String) -> CalendarDate? {
        fromISOFormat(Array(text.utf8)) ?? djangoPattern(Array(text.unicodeScalars))
    }

    /// A date Python's `date` can hold.
    static func date(_ year: Int, _ month: Int, _ day: Int) -> CalendarDate? {
        guard (1...9999).contains(year) else { return nil }
        return CalendarDate(year: Int64(year), month: Int64(month), day: Int64(day))
    }

    // MARK: date.fromisoformat (CPython's `parse_isoformat_date`)

    static func fromISOFormat(_ bytes: [UInt8]) -> CalendarDate? {
        guard [7, 8, 10].contains(bytes.count) else { return nil }
        // Reads past the end see CPython's terminating NUL, which is neither a digit nor `-`.
        func at(_ i: Int) -> UInt8 { i < bytes.count ? bytes[i] : 0 }
        func digits(_ start: Int, _ count: Int) -> Int? {
            var value = 0
            for i in start..<start + count {
                let digit = at(i) &- UInt8(ascii: "0")
                guard digit < 10 else { return nil }
                value = value * 10 + Int(digit)
            }
            return value
        }
        guard let year = digits(0, 4) else { return nil }
        let separated = at(4) == UInt8(ascii: "-")
        var p = separated ? 5 : 4
        if at(p) == UInt8(ascii: "W") {
            guard let week = digits(p + 1, 2) else { return nil }
            p += 3
            var weekday = 1
            if p < bytes.count {
                if separated {
                    guard at(p) == UInt8(ascii: "-") else { return nil }
                    p += 1
                }
                guard let day = digits(p, 1) else { return nil }
                weekday = day
            }
            return isoWeekDate(year: year, week: week, weekday: weekday)
        }
        guard let month = digits(p, 2) else { return nil }
        p += 2
        if separated {
            guard at(p) == UInt8(ascii: "-") else { return nil }
            p += 1
        }
        guard let day = digits(p, 2) else { return nil }
        return date(year, month, day)
    }

    /// CPython's `iso_to_ymd`: week 53 only in years that have one, weekdays 1...7.
    static func isoWeekDate(year: Int, week: Int, weekday: Int) -> CalendarDate? {
        let januaryFirst = daysFromCivil(year: Int64(year), month: 1, day: 1)
        // Monday is 0; 1970-01-01 was a Thursday.
        func weekdayOf(_ days: Int64) -> Int64 { ((days + 3) % 7 + 7) % 7 }
        if week <= 0 || week >= 53 {
            let first = weekdayOf(januaryFirst)
            let leap = daysInMonth(2, year: Int64(year)) == 29
            guard week == 53, first == 3 || (first == 2 && leap) else { return nil }
        }
        guard (1...7).contains(weekday) else { return nil }
        let januaryFourth = januaryFirst + 3
        let weekOneMonday = januaryFourth - weekdayOf(januaryFourth)
        let days = weekOneMonday + Int64((week - 1) * 7 + weekday - 1)
        let (y, m, d) = civilFromDays(days)
        return date(Int(y), Int(m), Int(d))
    }

    // MARK: Django's date_re

    static func djangoPattern(_ s: [Unicode.Scalar]) -> CalendarDate? {
        var p = UnicodeDigits(s)
        guard let year = p.number(4...4), p.take("-"), let month = p.number(1...2), p.take("-"),
            let day = p.number(1...2), p.atEndOrFinalNewline
        else { return nil }
        return date(year, month, day)
    }
}

/// A cursor for Django's patterns, whose `\d` is any Unicode decimal digit (and `int()` reads
/// them all).
struct UnicodeDigits {
    let s: [Unicode.Scalar]
    var i = 0
    init(_ s: [Unicode.Scalar]) { self.s = s }

    static func value(_ c: Unicode.Scalar) -> Int? {
        if ("0"..."9").contains(c) { return Int(c.value - 48) }
        guard !c.isASCII, c.properties.numericType == .decimal, let v = c.properties.numericValue else { return nil }
        return Int(v)
    }

    var peek: Unicode.Scalar? { i < s.count ? s[i] : nil }
    var atEnd: Bool { i == s.count }
    /// Python's `$`: the end, or just before a final newline.
    var atEndOrFinalNewline: Bool { i == s.count || (i == s.count - 1 && s[i] == "\n") }

    mutating func take(_ c: Unicode.Scalar) -> Bool {
        if peek == c { i += 1; return true }
        return false
    }

    /// As many digits as there are, up to the bound (greedy, as the pattern); nil and nothing
    /// read when fewer than the lower bound. Values past 18 digits saturate (they only ever
    /// fail a range check).
    mutating func number(_ count: ClosedRange<Int>) -> Int? {
        guard let text = digits(count) else { return nil }
        return text.count > 18 ? Int.max : text.reduce(0) { $0 * 10 + $1 }
    }

    /// The digit values themselves.
    mutating func digits(_ count: ClosedRange<Int>) -> [Int]? {
        let start = i
        var values: [Int] = []
        while values.count < count.upperBound, let c = peek, let v = Self.value(c) {
            values.append(v)
            i += 1
        }
        if values.count < count.lowerBound { i = start; return nil }
        return values
    }
}
