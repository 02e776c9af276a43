#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An instant with PostgreSQL's precision: whole microseconds since 1970-01-01 00:00:00 UTC.
///
/// `timestamptz` columns decode into it exactly (a `Date` is a `Double` and would round), and it
/// renders the way the API prints datetimes: ISO 8601 in UTC with `Z`, six fraction digits when
/// there is a fraction and none when there is not.
///
/// `infinity` and `-infinity` are `Int64.max` and `Int64.min` microseconds, as the server stores
/// them, so they order above and below every instant; they read, bind and print as the server's
/// words.
///
///     let created = try row["created", as: PostgresTimestamp.self]
///     created.iso8601                                  // "2026-11-29T00:22:38.123456Z"
///     PostgresTimestamp(microsecondsSinceEpoch: 0).iso8601   // "1970-01-01T00:00:00Z"
///     PostgresTimestamp.infinity.iso8601                 // "infinity"
public struct PostgresTimestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var microsecondsSinceEpoch: Int64

    public init(microsecondsSinceEpoch: Int64) {
        self.microsecondsSinceEpoch = microsecondsSinceEpoch
    }

    /// `'infinity'::timestamptz`: later than every instant.
    public static let infinity = PostgresTimestamp(microsecondsSinceEpoch: .max)
    /// `'-infinity'::timestamptz`: earlier than every instant.
    public static let negativeInfinity = PostgresTimestamp(microsecondsSinceEpoch: .min)

    public var isInfinite: Bool { self == .infinity || self == .negativeInfinity }

    /// The nearest microsecond to `date`.
    public init(_ date: Date) {
        microsecondsSinceEpoch = Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
    }

    /// The current time, read from the system clock at microsecond precision.
    public static func now() -> PostgresTimestamp {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return PostgresTimestamp(microsecondsSinceEpoch: Int64(spec.tv_sec) * 1_000_000 + Int64(spec.tv_nsec) / 1_000)
    }

    /// The instant as a `Date`; the infinities are `distantFuture` and `distantPast`.
    public var date: Date {
        if self == .infinity { return .distantFuture }
        if self == .negativeInfinity { return .distantPast }
        return Date(timeIntervalSince1970: Double(microsecondsSinceEpoch) / 1_000_000)
    }

    public static func < (lhs: PostgresTimestamp, rhs: PostgresTimestamp) -> Bool {
        lhs.microsecondsSinceEpoch < rhs.microsecondsSinceEpoch
    }

    public var description: String { iso8601 }
}

extension PostgresTimestamp: PostgresEncodable {
    public static var postgresDataType: PostgresDataType { .timestamptz }
    public func encode(into writer: PostgresParameterWriter) throws {
        try writer.write(postgresText)
    }
}

extension PostgresTimestamp: PostgresDecodable {
    /// Reads `timestamptz` (and `timestamp`, taken as UTC) in the server's text format.
    public static func decode(_ value: PostgresValue) -> PostgresTimestamp? {
        guard let bytes = value.bytes else { return nil }
        return parseTimestamp(bytes)
    }
}
