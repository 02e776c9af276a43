/// A `time` (without time zone): microseconds since midnight, `00:00:00` to `24:00:00`
/// inclusive, as PostgreSQL allows.
///
///     let opens = TimeOfDay(hour: 9, minute: 30)
///     opens?.description                                   // "09:30:00"
///     try connection.execute("UPDATE shops SET opens = $1 WHERE id = $2", opens, Int64(7))
public struct TimeOfDay: Hashable, Comparable, Sendable, CustomStringConvertible {
    public static let microsecondsPerDay: Int64 = 86_400_000_000

    public private(set) var microsecondsSinceMidnight: Int64

    /// nil outside `0...microsecondsPerDay`.
    public init?(microsecondsSinceMidnight: Int64) {
        guard (0...Self.microsecondsPerDay).contains(microsecondsSinceMidnight) else { return nil }
        self.microsecondsSinceMidnight = microsecondsSinceMidnight
    }

    /// nil for fields out of range (`24:00:00` is the only time with hour 24).
    public init?(hour: Int64, minute: Int64, second: Int64 = 0, microsecond: Int64 = 0) {
        guard (0...24).contains(hour), (0..<60).contains(minute), (0..<60).contains(second),
            (0..<1_000_000).contains(microsecond)
        else { return nil }
        self.init(microsecondsSinceMidnight: ((hour * 60 + minute) * 60 + second) * 1_000_000 + microsecond)
    }

    public static func < (lhs: TimeOfDay, rhs: TimeOfDay) -> Bool {
        lhs.microsecondsSinceMidnight < rhs.microsecondsSinceMidnight
    }
}
