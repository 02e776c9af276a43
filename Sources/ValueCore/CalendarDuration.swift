/// An `interval`, kept as PostgreSQL keeps it: months, days and microseconds apart, because a
/// month is not a fixed number of days, nor a day (across a DST change) of hours.
/// `interval '1 mon -2 days 03:00'` is `months: 1, days: -2, microseconds: 10_800_000_000`.
///
///     let grace = CalendarDuration(months: 1, days: -2, microseconds: 3 * 3_600_000_000)
///     grace.description                                    // "1 mon -2 days +03:00:00"
///     try connection.execute("UPDATE plans SET grace = $1 WHERE id = $2", grace, Int64(7))
public struct CalendarDuration: Hashable, Sendable, CustomStringConvertible {
    public var months: Int32
    public var days: Int32
    public var microseconds: Int64

    public init(months: Int32 = 0, days: Int32 = 0, microseconds: Int64 = 0) {
        self.months = months
        self.days = days
        self.microseconds = microseconds
    }
}
