#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PostgreSQL
import Testing

/// The timestamp's text forms and conversions, without a server.
@Suite struct TimestampText {
    @Test func iso8601HasSixFractionDigitsOrNone() {
        #expect(PostgresTimestamp(microsecondsSinceEpoch: 1_795_911_758_123_456).iso8601 == "2026-11-29T00:22:38.123456Z")
        #expect(PostgresTimestamp(microsecondsSinceEpoch: 1_795_911_758_000_000).iso8601 == "2026-11-29T00:22:38Z")
        #expect(PostgresTimestamp(microsecondsSinceEpoch: 1_795_911_758_000_010).iso8601 == "2026-11-29T00:22:38.000010Z")
        #expect(PostgresTimestamp(microsecondsSinceEpoch: 0).iso8601 == "1970-01-01T00:00:00Z")
        #expect(PostgresTimestamp(microsecondsSinceEpoch: -1).iso8601 == "1969-12-31T23:59:59.999999Z")
        #expect(PostgresTimestamp(microsecondsSinceEpoch: 951_782_400_000_000).iso8601 == "2000-02-29T00:00:00Z")
    }

    @Test func parsesServerAndISOForms() {
        #expect(PostgresTimestamp("2026-11-29T00:22:38.5Z")?.microsecondsSinceEpoch == 1_795_911_758_500_000)
        #expect(PostgresTimestamp("2026-11-29 00:22:38.123456+00")?.microsecondsSinceEpoch == 1_795_911_758_123_456)
        #expect(PostgresTimestamp("2026-11-29 05:52:38+05:30")?.iso8601 == "2026-11-29T00:22:38Z")
        #expect(PostgresTimestamp("2026-11-28 16:22:38-08")?.iso8601 == "2026-11-29T00:22:38Z")
        #expect(PostgresTimestamp("0001-01-01 00:00:00+00 BC")?.iso8601 == "0000-01-01T00:00:00Z")
        for bad in [
            "", "2026-11-29", "2026-13-01 00:00:00", "2026-11-29T00:22:38.1234567Z", "Infinity", "infinity ", "2026-11-29 00:22:38+00 junk",
        ] {
            #expect(PostgresTimestamp(bad) == nil, "\(bad)")
        }
    }

    /// The server prints exactly these words; they order below and above every instant.
    @Test func infinitiesAreTheServersWords() {
        #expect(PostgresTimestamp("infinity") == .infinity)
        #expect(PostgresTimestamp("-infinity") == .negativeInfinity)
        #expect(PostgresTimestamp.infinity.isInfinite && !PostgresTimestamp(microsecondsSinceEpoch: 0).isInfinite)
        #expect(PostgresTimestamp.negativeInfinity.iso8601 == "-infinity")
        // The instants next to them print (no overflow in the calendar fields).
        #expect(PostgresTimestamp(microsecondsSinceEpoch: .min + 1).iso8601.hasSuffix(".224193Z"))
        #expect(PostgresTimestamp(microsecondsSinceEpoch: .max - 1).iso8601 == "294247-01-10T04:00:54.775806Z")
    }

    @Test func convertsToAndFromDate() {
        let timestamp = PostgresTimestamp(microsecondsSinceEpoch: 1_795_911_758_123_456)
        #expect(PostgresTimestamp(timestamp.date) == timestamp)
        #expect(PostgresTimestamp(Date(timeIntervalSince1970: 1.5)).microsecondsSinceEpoch == 1_500_000)
        let now = PostgresTimestamp.now()
        #expect(abs(now.date.timeIntervalSinceNow) < 5)
    }
}
