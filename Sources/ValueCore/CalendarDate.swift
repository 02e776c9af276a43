/// A `date`: days since 1970-01-01 in the proleptic Gregorian calendar, with PostgreSQL's
/// `infinity` and `-infinity` (below and above every date, as the server orders them).
///
///     let birthday = CalendarDate(year: 2024, month: 2, day: 29)   // a leap day
///     birthday?.description                                          // "2024-02-29"
///     try connection.execute("UPDATE users SET birthday = $1 WHERE id = $2", birthday, Int64(7))
public struct CalendarDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var daysSinceEpoch: Int64

    public init(daysSinceEpoch: Int64) { self.daysSinceEpoch = daysSinceEpoch }

    /// nil when the day does not exist (`2023-02-29`). `year` is astronomical: 0 is 1 BC.
    public init?(year: Int64, month: Int64, day: Int64) {
        guard (1...12).contains(month), (1...31).contains(day), (-10_000_000...10_000_000).contains(year) else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        guard civilFromDays(days) == (year, month, day) else { return nil }
        daysSinceEpoch = days
    }

    public static let infinity = CalendarDate(daysSinceEpoch: .max)
    public static let negativeInfinity = CalendarDate(daysSinceEpoch: .min)

    public var isInfinite: Bool { self == .infinity || self == .negativeInfinity }

    /// Far beyond PostgreSQL's dates (4713 BC to 5874897 AD), yet safe from overflow in the
    /// calendar arithmetic.
    static let calendarLimit: Int64 = 1 << 40

    /// Calendar fields; `year` is astronomical (0 is 1 BC). nil for the infinities and for day
    /// counts beyond any calendar date PostgreSQL has.
    public var parts: (year: Int64, month: Int64, day: Int64)? {
        guard (-Self.calendarLimit...Self.calendarLimit).contains(daysSinceEpoch) else { return nil }
        return civilFromDays(daysSinceEpoch)
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool { lhs.daysSinceEpoch < rhs.daysSinceEpoch }
}
