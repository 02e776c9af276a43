/// Order as PostgreSQL compares `interval`s: each is reduced to one span with a month of 30 days
/// and a day of 24 hours, so `1 mon` equals `30 days` here (while `==` keeps the fields apart).
///
///     CalendarDuration(months: 1).compareSpan(CalendarDuration(days: 30))   // 0
extension CalendarDuration {
    public static let microsecondsPerDay: Int64 = 86_400_000_000

    /// -1, 0 or 1 as `self`'s span is shorter than, equal to or longer than `other`'s.
    public func compareSpan(_ other: CalendarDuration) -> Int {
        let (a, b) = (span, other.span)
        if a.days != b.days { return a.days < b.days ? -1 : 1 }
        return a.microseconds < b.microseconds ? -1 : (a.microseconds == b.microseconds ? 0 : 1)
    }

    /// Whole days (months as 30) and the microseconds left in the day (`0..<microsecondsPerDay`):
    /// no product of months and microseconds, which would overflow 64 bits.
    public var span: (days: Int64, microseconds: Int64) {
        // Quotient and remainder, never their product: near Int64.min it would overflow.
        var (carried, rest) = microseconds.quotientAndRemainder(dividingBy: Self.microsecondsPerDay)
        if rest < 0 {
            carried -= 1
            rest += Self.microsecondsPerDay
        }
        return (Int64(months) * 30 + Int64(days) + carried, rest)
    }
}
