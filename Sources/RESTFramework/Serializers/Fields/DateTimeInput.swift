/// Reads a datetime as Django's `parse_datetime` does on Python 3.11: first
/// `datetime.fromisoformat` (`2026-11-29`, `20261129T002238`, any single character between date
/// and time, `HH[:MM[:SS[.f…]]]`, `,` or `.` before the fraction, offsets `Z`/`±HH[:MM[:SS]]`),
/// then Django's own pattern (one-digit fields, `2026-1-2T3:4`, spaces before the offset, up to
/// twelve fraction digits). Naive values are UTC (the application's time zone). Week dates
/// (`2026-W48-1`) are not read. Only ASCII digits count (Django's pattern would take any Unicode
/// digit; nobody sends those).
///
///     DateTimeInput.parse("2026-11-29T00:22:38.5+01:00")?.iso8601   // "2026-11-28T23:22:38.500000Z"
enum DateTimeInput {
    static func parse(_ text: String) -> DateTime? {
        let scalars = Array(text.unicodeScalars)
        return fromISOFormat(scalars) ?? djangoPattern(scalars)
    }

    struct Fields {
        var year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, microsecond = 0
        /// East of UTC, in microseconds.
        var offset: Int64 = 0

        /// Python's `datetime(...)` range checks, then the instant in UTC.
        var instant: DateTime? {
            guard (1...9999).contains(year), (1...12).contains(month), day >= 1,
                Int64(day) <= daysInMonth(Int64(month), year: Int64(year)),
                hour < 24, minute < 60, second < 60, abs(offset) < 86_400_000_000
            else { return nil }
            let days = daysFromCivil(year: Int64(year), month: Int64(month), day: Int64(day))
            let seconds = days * 86_400 + Int64(hour * 3600 + minute * 60 + second)
            return DateTime(microsecondsSinceEpoch: seconds * 1_000_000 + Int64(microsecond) - offset)
        }
    }

    /// A cursor over scalars with the few reads both grammars need.
    struct Scanner {
        let s: [Unicode.Scalar]
        var i = 0
        var atEnd: Bool { i == s.count }
        var peek: Unicode.Scalar? { i < s.count ? s[i] : nil }
        static func isDigit(_ c: Unicode.Scalar) -> Bool { ("0"..."9").contains(c) }

        /// Reads `count` digits (as many as there are, up to the bound); on failure reads nothing.
        mutating func digits(_ count: ClosedRange<Int>) -> Int? {
            let start = i
            var value = 0, n = 0
            while n < count.upperBound, let c = peek, Scanner.isDigit(c) {
                value = value * 10 + Int(c.value - 48)
                n += 1; i += 1
            }
            if n < count.lowerBound { i = start; return nil }
            return value
        }

        mutating func take(_ c: Unicode.Scalar) -> Bool {
            if peek == c { i += 1; return true }
            return false
        }

        /// A fraction after `.`/`,`: up to `keep` digits read as microseconds, extra digits skipped.
        mutating func fraction(max total: Int) -> Int? {
            var micros = 0, n = 0
            while n < total, let c = peek, Scanner.isDigit(c) {
                if n < 6 { micros = micros * 10 + Int(c.value - 48) }
                n += 1; i += 1
            }
            guard n > 0 else { return nil }
            for _ in min(n, 6)..<6 { micros *= 10 }
            return micros
        }
    }

    // MARK: datetime.fromisoformat

    static func fromISOFormat(_ s: [Unicode.Scalar]) -> DateTime? {
        var p = Scanner(s: s)
        var f = Fields()
        let extended = s.count >= 5 && s[4] == "-"
        guard let year = p.digits(4...4) else { return nil }
        f.year = year
        if extended {
            guard p.take("-"), let month = p.digits(2...2), p.take("-"), let day = p.digits(2...2) else { return nil }
            f.month = month; f.day = day
        } else {
            guard let month = p.digits(2...2), let day = p.digits(2...2) else { return nil }
            f.month = month; f.day = day
        }
        if p.atEnd { return f.instant }
        p.i += 1  // any single character separates date and time
        guard let hour = p.digits(2...2) else { return nil }
        f.hour = hour
        var hasSeconds = false
        if p.take(":") {
            guard let minute = p.digits(2...2) else { return nil }
            f.minute = minute
            if p.take(":") {
                guard let second = p.digits(2...2) else { return nil }
                f.second = second; hasSeconds = true
            }
        } else if let c = p.peek, Scanner.isDigit(c) {
            guard let minute = p.digits(2...2) else { return nil }
            f.minute = minute
            if let c = p.peek, Scanner.isDigit(c) {
                guard let second = p.digits(2...2) else { return nil }
                f.second = second; hasSeconds = true
            }
        }
        if hasSeconds, p.take(".") || p.take(",") {
            guard let micros = p.fraction(max: Int.max) else { return nil }
            f.microsecond = micros
        }
        if p.take("Z") {
        } else if let sign = p.peek, sign == "+" || sign == "-" {
            p.i += 1
            guard let hours = p.digits(2...2) else { return nil }
            var minutes = 0, seconds = 0, micros = 0
            let colon = p.take(":")
            if !p.atEnd {
                guard let m = p.digits(2...2) else { return nil }
                minutes = m
                if colon ? p.take(":") : !p.atEnd {
                    guard let sec = p.digits(2...2) else { return nil }
                    seconds = sec
                    if p.take(".") { guard let fr = p.fraction(max: 6) else { return nil }; micros = fr }
                }
            }
            guard minutes < 60, seconds < 60 else { return nil }
            let magnitude = Int64(((hours * 60 + minutes) * 60 + seconds) * 1_000_000 + micros)
            f.offset = sign == "-" ? -magnitude : magnitude
        }
        guard p.atEnd else { return nil }
        return f.instant
    }

    // MARK: Django's datetime_re

    /// `(\d{4})-(\d{1,2})-(\d{1,2})[T ](\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:[.,](\d{1,6})\d{0,6})?)?
    /// \s*(Z|[+-]\d{2}(?::?\d{2})?)?$`
    static func djangoPattern(_ s: [Unicode.Scalar]) -> DateTime? {
        var p = Scanner(s: s)
        var f = Fields()
        guard let year = p.digits(4...4), p.take("-"), let month = p.digits(1...2), p.take("-"),
            let day = p.digits(1...2), p.take("T") || p.take(" "),
            let hour = p.digits(1...2), p.take(":"), let minute = p.digits(1...2)
        else { return nil }
        (f.year, f.month, f.day, f.hour, f.minute) = (year, month, day, hour, minute)
        if p.take(":") {
            guard let second = p.digits(1...2) else { return nil }
            f.second = second
            if p.take(".") || p.take(",") {
                guard let micros = p.fraction(max: 12) else { return nil }
                f.microsecond = micros
            }
        }
        while let c = p.peek, PythonText.isSpace(c) { p.i += 1 }
        if p.take("Z") {
        } else if let sign = p.peek, sign == "+" || sign == "-" {
            p.i += 1
            guard let hours = p.digits(2...2) else { return nil }
            var minutes = 0
            let colon = p.take(":")
            if let m = p.digits(2...2) { minutes = m } else if colon { return nil }
            // Django does not check the minutes; the total must stay within a day.
            let magnitude = Int64((hours * 60 + minutes) * 60) * 1_000_000
            f.offset = sign == "-" ? -magnitude : magnitude
        }
        // `$` also matches before one final newline.
        guard p.atEnd || (p.i == s.count - 1 && s[p.i] == "\n") else { return nil }
        return f.instant
    }
}
