/// Django's `parse_duration`, which DRF's `DurationField` and django-filter's duration filters
/// use: its three patterns in order, `[-]D [days, ][-][[HH:]MM:]SS[.ffffff]` (`"3 04:05:06"`,
/// `"3 days, 4:05:06"`, `"90"`), ISO 8601 (`"P1DT2H"`, `"-PT1.5S"`, fractions in every unit),
/// and PostgreSQL's day-time form (`"3 days 04:05:06"`, `"-1 day -01:00:00"`); `\d` is any
/// script's digit, as in Python. Arithmetic is `timedelta`'s, fractions rounded to the
/// microsecond as CPython rounds them. A result beyond ±999999999 days is `.overflow` (DRF:
/// "The number of days must be between -999999999 and 999999999."). The value is a
/// `CalendarDuration` of days and microseconds, normalised as Python's `timedelta` (the
/// microseconds within one day).
///
///     DjangoDuration.parse("P1DT2H")        // .value(CalendarDuration(days: 1, microseconds: 7_200_000_000))
///     DjangoDuration.parse("-1 23:59:59")   // .value(CalendarDuration(days: -1, microseconds: 86_399_000_000))
///     DjangoDuration.parse("1:2:3:4")       // .invalid
enum DjangoDuration: Equatable {
    case value(CalendarDuration)
    case invalid
    case overflow

    /// Python's `timedelta` range, in microseconds.
    static let minimum: Int128 = -999_999_999 * 86_400_000_000
    static let maximum: Int128 = 1_000_000_000 * 86_400_000_000 - 1

    static func parse(_ text: String) -> DjangoDuration {
        let s = Array(text.unicodeScalars)
        guard let match = standard(s) ?? iso8601(s) ?? postgres(s) else { return .invalid }
        guard let total = match.total, (minimum...maximum).contains(total) else { return .overflow }
        var (days, micros) = total.quotientAndRemainder(dividingBy: 86_400_000_000)
        if micros < 0 {
            days -= 1
            micros += 86_400_000_000
        }
        return .value(CalendarDuration(days: Int32(days), microseconds: Int64(micros)))
    }

    /// One pattern's groups: `days + sign * timedelta(hours=, minutes=, seconds=, microseconds=)`,
    /// with the days negated too for ISO 8601.
    struct Match {
        var days: Double = 0
        var sign: Int128 = 1
        var signAppliesToDays = false
        var hours: Double?, minutes: Double?, seconds: Double?, microseconds: Double?

        /// The microseconds, or nil where Python raises `OverflowError` on the way.
        var total: Int128? {
            guard var dayPart = Timedelta.micros([(days, 86_400_000_000)]) else { return nil }
            if signAppliesToDays { dayPart *= sign }
            guard
                var rest = Timedelta.micros(
                    [(microseconds, 1), (seconds, 1_000_000), (minutes, 60_000_000), (hours, 3_600_000_000)]
                        .compactMap { value, factor in value.map { ($0, factor) } })
            else { return nil }
            rest *= sign
            let range = DjangoDuration.minimum...DjangoDuration.maximum
            guard range.contains(dayPart), range.contains(rest) else { return nil }
            return dayPart + rest
        }
    }

    // MARK: standard_duration_re

    /// `^(?:(-?\d+) (days?, )?)?(-?)((?:(\d+):)(?=\d+:\d+))?(?:(\d+):)?(\d+)(?:[.,](\d{1,6})\d{0,6})?$`
    static func standard(_ s: [Unicode.Scalar]) -> Match? {
        var p = UnicodeDigits(s)
        var match = Match()
        // The days group, when the text has one (a number and a space); otherwise none.
        let start = p.i
        if let days = signedDigits(&p), p.take(" ") {
            match.days = days
            for unit in ["days, ", "day, "] where p.takeText(unit) { break }
        } else {
            p.i = start
        }
        if p.take("-") { match.sign = -1 }
        var clock: [[Int]] = []
        while true {
            guard let part = p.digits(1...Int.max) else { return nil }
            clock.append(part)
            if !p.take(":") { break }
        }
        guard clock.count <= 3 else { return nil }
        let values = clock.map(Self.double)
        match.seconds = values[values.count - 1]
        if values.count >= 2 { match.minutes = values[values.count - 2] }
        if values.count == 3 { match.hours = values[0] }
        if p.take(".") || p.take(",") {
            guard let fraction = p.digits(1...12) else { return nil }
            match.microseconds = Double((0..<6).reduce(0) { $0 * 10 + ($1 < fraction.count ? fraction[$1] : 0) })
        }
        guard p.atEndOrFinalNewline else { return nil }
        return match
    }

    // MARK: iso8601_duration_re

    /// `^([-+]?)P(?:(\d+([.,]\d+)?)D)?(?:T(?:(\d+([.,]\d+)?)H)?(?:(\d+([.,]\d+)?)M)?(?:(\d+([.,]\d+)?)S)?)?$`
    static func iso8601(_ s: [Unicode.Scalar]) -> Match? {
        var p = UnicodeDigits(s)
        var match = Match()
        match.signAppliesToDays = true
        if p.take("-") { match.sign = -1 } else { _ = p.take("+") }
        guard p.take("P") else { return nil }
        /// A number followed by its unit letter, or nothing read.
        func component(_ unit: Unicode.Scalar) -> Double? {
            let start = p.i
            guard let whole = p.digits(1...Int.max) else { return nil }
            var text = whole.map(String.init).joined()
            if p.take(".") || p.take(",") {
                guard let fraction = p.digits(1...Int.max) else { p.i = start; return nil }
                text += "." + fraction.map(String.init).joined()
            }
            guard p.take(unit) else { p.i = start; return nil }
            return Double(text) ?? .infinity
        }
        if let days = component("D") { match.days = days }
        if p.take("T") {
            match.hours = component("H")
            match.minutes = component("M")
            match.seconds = component("S")
        }
        guard p.atEndOrFinalNewline else { return nil }
        return match
    }

    // MARK: postgres_interval_re

    /// `^(?:(-?\d+) (days? ?))?(?:([-+])?(\d+):(\d\d):(\d\d)(?:\.(\d{1,6}))?)?$`
    static func postgres(_ s: [Unicode.Scalar]) -> Match? {
        var p = UnicodeDigits(s)
        var match = Match()
        let start = p.i
        if let days = signedDigits(&p), p.take(" "), p.takeText("day") {
            match.days = days
            _ = p.take("s")
            _ = p.take(" ")
        } else {
            p.i = start
        }
        if !p.atEndOrFinalNewline {
            if p.take("-") { match.sign = -1 } else { _ = p.take("+") }
            guard let hours = p.digits(1...Int.max), p.take(":"), let minutes = p.digits(2...2), p.take(":"),
                let seconds = p.digits(2...2)
            else { return nil }
            match.hours = double(hours)
            match.minutes = double(minutes)
            match.seconds = double(seconds)
            if p.take(".") {
                guard let fraction = p.digits(1...6) else { return nil }
                match.microseconds = Double((0..<6).reduce(0) { $0 * 10 + ($1 < fraction.count ? fraction[$1] : 0) })
            }
        }
        guard p.atEndOrFinalNewline else { return nil }
        return match
    }

    /// `-?\d+` as `float()` reads it.
    static func signedDigits(_ p: inout UnicodeDigits) -> Double? {
        let start = p.i
        let negative = p.take("-")
        guard let digits = p.digits(1...Int.max) else { p.i = start; return nil }
        let value = double(digits)
        return negative ? -value : value
    }

    /// `float()` of digits: correctly rounded (through the text), infinity when too long.
    static func double(_ digits: [Int]) -> Double {
        Double(digits.map(String.init).joined()) ?? .infinity
    }
}

extension UnicodeDigits {
    /// Reads `text` exactly, or nothing.
    mutating func takeText(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        guard i + scalars.count <= s.count, Array(s[i..<i + scalars.count]) == scalars else { return false }
        i += scalars.count
        return true
    }
}

/// CPython's `timedelta(...)` constructor arithmetic (`delta_new` and its `accum`), for float
/// arguments: each argument's integer part exactly, its fraction scaled to microseconds in
/// floating point, the fractions' sum rounded half to even at the end.
enum Timedelta {
    /// The arguments as (value, microseconds per unit), in CPython's order (microseconds,
    /// seconds, minutes, hours, days). nil where Python raises `OverflowError`.
    static func micros(_ arguments: [(Double, Int128)]) -> Int128? {
        var sum: Int128 = 0
        var leftover = 0.0
        for (value, factor) in arguments {
            var whole = value.rounded(.towardZero)
            var fraction = value - whole
            guard whole.isFinite, abs(whole) < 1e30 else { return nil }
            let (product, overflow) = Int128(whole).multipliedReportingOverflow(by: factor)
            guard !overflow else { return nil }
            sum += product
            if fraction == 0 { continue }
            let scaled = Double(factor) * fraction
            whole = scaled.rounded(.towardZero)
            fraction = scaled - whole
            sum += Int128(whole)
            leftover += fraction
        }
        if leftover != 0 {
            var wholeMicros = leftover.rounded(.toNearestOrAwayFromZero)
            if abs(wholeMicros - leftover) == 0.5 {
                let odd: Double = sum & 1 == 1 ? 1 : 0
                wholeMicros = 2.0 * ((leftover + odd) * 0.5).rounded(.toNearestOrAwayFromZero) - odd
            }
            sum += Int128(wholeMicros)
        }
        guard (-(Int128(1) << 100)...(Int128(1) << 100)).contains(sum) else { return nil }
        return sum
    }
}
