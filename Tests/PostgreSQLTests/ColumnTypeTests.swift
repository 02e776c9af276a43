#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PostgreSQL
import TestSupport
import Testing

/// Each column type both ways against the real server: what it prints for a literal decodes to
/// the expected value, and the Swift value bound as a parameter is what the server compares
/// equal to that literal (and echoes back unchanged).
extension PostgreSQLIntegration {
    @Suite struct ColumnTypes {
        /// Decodes `literal`, binds the decoded value as `$1` and asks the server whether it
        /// equals the literal, then reads `$1` back.
        func roundTrip<T: PostgresDecodable & PostgresEncodable & Equatable>(
            _ connection: Connection, _ literal: String, _ expected: T, sourceLocation: SourceLocation = #_sourceLocation
        ) throws {
            let decoded = try connection.value("SELECT \(literal)", as: T.self)
            #expect(decoded == expected, "\(literal)", sourceLocation: sourceLocation)
            let row = try connection.query("SELECT $1 IS NOT DISTINCT FROM \(literal), $1", expected)[0]
            #expect(try row[0, as: Bool.self], "\(literal) = $1", sourceLocation: sourceLocation)
            #expect(try row[1, as: T.self] == expected, "\(literal) echoed", sourceLocation: sourceLocation)
        }

        @Test func numericExactBeyondDouble() throws {
            try withDatabase { connection, _ in
                for text in [
                    "0", "1.50", "-0.000001", "12345678901234567890123456789012345678",
                    "-99999999999999999999999999999999999999.99999999999999999999999999999999999999",
                    "0.1", "123456789012345678901234567890.123456789012345678901234567890123",
                ] {
                    try roundTrip(connection, "'\(text)'::numeric", DecimalNumber(text)!)
                    #expect(try connection.value("SELECT ($1::numeric)::text", DecimalNumber(text)!, as: String.self) == text)
                }
                // numeric has no negative zero: the server prints 0 (keeping the scale).
                #expect(try connection.value("SELECT '-0'::numeric::text", as: String.self) == "0")
                try roundTrip(connection, "'-0.00'::numeric", DecimalNumber("0.00")!)
                #expect(try connection.value("SELECT '-0.00'::numeric", as: DecimalNumber.self).description == "0.00")
                try roundTrip(connection, "'NaN'::numeric", DecimalNumber.notANumber)
                try roundTrip(connection, "'Infinity'::numeric", DecimalNumber.infinity)
                try roundTrip(connection, "'-Infinity'::numeric", DecimalNumber.negativeInfinity)
                try roundTrip(connection, "NULL::numeric", DecimalNumber?.none)
                #expect(try connection.value("SELECT 1e40::numeric", as: DecimalNumber.self).digits.count == 41)
                // docs/framework.md's example: the server's arithmetic on all 38 digits.
                let doubled = try connection.value(
                    "SELECT $1::numeric * 2", DecimalNumber("12345678901234567890.123456789012345678"), as: DecimalNumber.self)
                #expect(doubled.description == "24691357802469135780.246913578024691356")
            }
        }

        @Test func uuids() throws {
            try withDatabase { connection, _ in
                let id = UUID(uuidString: "A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11")!
                try roundTrip(connection, "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid", id)
                try roundTrip(connection, "NULL::uuid", UUID?.none)
                let error = postgresError { _ = try connection.value("SELECT 'not-a-uuid'::text", as: UUID.self) }
                #expect(error?.kind == .decoding)
            }
        }

        @Test func datesWithLeapDaysBCAndInfinity() throws {
            try withDatabase { connection, _ in
                try roundTrip(connection, "'2024-02-29'::date", CalendarDate(year: 2024, month: 2, day: 29)!)
                try roundTrip(connection, "'2000-02-29'::date", CalendarDate(year: 2000, month: 2, day: 29)!)
                try roundTrip(connection, "'1970-01-01'::date", CalendarDate(daysSinceEpoch: 0))
                try roundTrip(connection, "'4713-01-01 BC'::date", CalendarDate(year: -4712, month: 1, day: 1)!)
                try roundTrip(connection, "'5874897-12-31'::date", CalendarDate(year: 5_874_897, month: 12, day: 31)!)
                try roundTrip(connection, "'infinity'::date", CalendarDate.infinity)
                try roundTrip(connection, "'-infinity'::date", CalendarDate.negativeInfinity)
                try roundTrip(connection, "NULL::date", CalendarDate?.none)
                // The server's arithmetic agrees on the day count, leap days included.
                #expect(try connection.value("SELECT $1::date - '1970-01-01'::date", CalendarDate("2024-03-01")!, as: Int64.self) == 19_783)
                #expect(try connection.value("SELECT '2024-02-28'::date + 1", as: CalendarDate.self).description == "2024-02-29")
            }
        }

        @Test func timestampsWithInfinity() throws {
            try withDatabase { connection, _ in
                try roundTrip(connection, "'infinity'::timestamptz", PostgresTimestamp.infinity)
                try roundTrip(connection, "'-infinity'::timestamptz", PostgresTimestamp.negativeInfinity)
                try roundTrip(connection, "'2024-02-29 12:00:00.000001+00'::timestamptz", PostgresTimestamp("2024-02-29T12:00:00.000001Z")!)
                try roundTrip(connection, "'4713-01-01 00:00:00+00 BC'::timestamptz", PostgresTimestamp("4713-01-01 00:00:00+00 BC")!)
                // The latest instant that fits 64 bits of microseconds since 1970; PostgreSQL's
                // own latest (it counts from 2000) is a decoding error, not a trap.
                let latest = PostgresTimestamp(microsecondsSinceEpoch: .max - 1)
                #expect(try connection.value("SELECT $1::timestamptz", latest, as: PostgresTimestamp.self) == latest)
                #expect(try connection.value("SELECT $1::timestamptz::text", latest, as: String.self) == "294247-01-10 04:00:54.775806+00")
                #expect(PostgresTimestamp("294247-01-10 04:00:54.775807+00") == nil)  // Int64.max: infinity's value
                #expect(throws: PostgresError.self) {
                    try connection.value("SELECT '294276-12-31 23:59:59.999999+00'::timestamptz", as: PostgresTimestamp.self)
                }
                // The infinities are the server's own bounds: below and above its extreme instants.
                let order = try connection.query(
                    "SELECT $1 < '4713-01-01 00:00:00+00 BC'::timestamptz, $2 > '294276-12-31 23:59:59.999999+00'::timestamptz, isfinite($1)",
                    PostgresTimestamp.negativeInfinity, PostgresTimestamp.infinity)[0]
                #expect(try order[0, as: Bool.self] && order[1, as: Bool.self] && !order[2, as: Bool.self])
                #expect(PostgresTimestamp.negativeInfinity < PostgresTimestamp("4713-01-01 00:00:00+00 BC")!)
                #expect(PostgresTimestamp.infinity > latest)
                #expect(PostgresTimestamp.infinity.iso8601 == "infinity" && PostgresTimestamp.negativeInfinity.description == "-infinity")
                #expect(PostgresTimestamp.infinity.date == .distantFuture)
            }
        }

        @Test func timesOfDay() throws {
            try withDatabase { connection, _ in
                try roundTrip(connection, "'00:00:00'::time", TimeOfDay(microsecondsSinceMidnight: 0)!)
                try roundTrip(connection, "'24:00:00'::time", TimeOfDay(hour: 24, minute: 0)!)
                try roundTrip(connection, "'23:59:59.999999'::time", TimeOfDay(hour: 23, minute: 59, second: 59, microsecond: 999_999)!)
                try roundTrip(connection, "'12:30:00.5'::time", TimeOfDay(hour: 12, minute: 30, second: 0, microsecond: 500_000)!)
                try roundTrip(connection, "NULL::time", TimeOfDay?.none)
            }
        }

        @Test func intervalsKeepMonthsDaysAndMicrosecondsApart() throws {
            try withDatabase { connection, _ in
                let mixed = CalendarDuration(months: 1, days: -2, microseconds: 3 * 3_600_000_000)
                try roundTrip(connection, "interval '1 mon -2 days 03:00'", mixed)
                // Kept apart: the server does not fold days into months or hours into days.
                #expect(try connection.value("SELECT extract(day FROM $1::interval)::int8", mixed, as: Int64.self) == -2)
                try roundTrip(
                    connection, "interval '-1 year -2 mons +3 days -04:05:06.000001'",
                    CalendarDuration(months: -14, days: 3, microseconds: -(4 * 3600 + 5 * 60 + 6) * 1_000_000 - 1))
                try roundTrip(connection, "interval '0'", CalendarDuration())
                try roundTrip(connection, "interval '-1 second'", CalendarDuration(microseconds: -1_000_000))
                try roundTrip(connection, "interval '100 hours'", CalendarDuration(microseconds: 360_000_000_000))
                try roundTrip(
                    connection, "interval '178956970 years 7 mons 2147483647 days 2562047788:00:54.775807'",
                    CalendarDuration(months: .max, days: .max, microseconds: .max))
                try roundTrip(connection, "NULL::interval", CalendarDuration?.none)
            }
        }

        @Test func byteas() throws {
            try withDatabase { connection, _ in
                try roundTrip(connection, #"'\x'::bytea"#, [UInt8]())
                try roundTrip(connection, #"'\x00ff0a5c22'::bytea"#, [UInt8]([0, 255, 10, 0x5c, 0x22]))
                let all = [UInt8](0...255)
                #expect(try connection.value("SELECT $1::bytea", all, as: [UInt8].self) == all)
                #expect(try connection.value("SELECT length($1::bytea)", all, as: Int.self) == 256)
                try roundTrip(connection, "NULL::bytea", [UInt8]?.none)
            }
        }

        @Test func smallintsAndReals() throws {
            try withDatabase { connection, _ in
                try roundTrip(connection, "32767::int2", Int16.max)
                try roundTrip(connection, "(-32768)::int2", Int16.min)
                try roundTrip(connection, "NULL::int2", Int16?.none)
                let error = postgresError { _ = try connection.value("SELECT 32768::int4", as: Int16.self) }
                #expect(error?.kind == .decoding)
                for literal in ["1.5", "0.1", "-0.25", "3.4028235e+38", "1e-45", "1.1754944e-38", "Infinity", "-Infinity"] {
                    try roundTrip(
                        connection, "'\(literal)'::real", Float(literal == "Infinity" ? "inf" : literal == "-Infinity" ? "-inf" : literal)!)
                }
                let negativeZero = try connection.value("SELECT '-0'::real", as: Float.self)
                #expect(negativeZero == 0 && negativeZero.sign == .minus)
                #expect(try connection.value("SELECT $1::real::text", Float(-0.0), as: String.self) == "-0")
                #expect(try connection.value("SELECT 'NaN'::real", as: Float.self).isNaN)
                #expect(try connection.value("SELECT $1 = 'NaN'::real", Float.nan, as: Bool.self))
                try roundTrip(connection, "NULL::real", Float?.none)
            }
        }

        @Test func jsonWithEveryValueType() throws {
            try withDatabase { connection, _ in
                let text =
                    #"{"a": null, "b": true, "c": false, "d": -1.5e+300, "e": "x\"y\\z\u00e9😀", "f": [1, [], {}], "g": {"h": 12345678901234567890}}"#
                // jsonb normalizes (key order, spacing); json keeps the text as sent.
                let jsonb = try connection.value("SELECT $1::jsonb", PostgresJSON(text), as: PostgresJSON.self)
                #expect(try connection.value("SELECT $1 = $2::jsonb", jsonb, text, as: Bool.self))
                #expect(try connection.value("SELECT $1::jsonb", jsonb, as: PostgresJSON.self) == jsonb)
                #expect(try connection.value("SELECT $1::text::json", text, as: PostgresJSON.self).text == text)
                for scalar in ["null", "true", "false", "0", "-1.5", "\"s\"", "[]", "{}"] {
                    try roundTrip(connection, "'\(scalar)'::jsonb", PostgresJSON(scalar))
                }
                try roundTrip(connection, "NULL::jsonb", PostgresJSON?.none)
                let invalid = postgresError { _ = try connection.value("SELECT $1::jsonb", PostgresJSON("{"), as: PostgresJSON.self) }
                #expect(invalid?.kind != .decoding)
            }
        }

        @Test func arraysOfTextAndIntegers() throws {
            try withDatabase { connection, _ in
                try roundTrip(connection, "'{}'::text[]", [String]())
                try roundTrip(connection, "'{}'::int8[]", [Int64]())
                let hostile = ["a,b", "{c}", "d\"e", "f\\g", "NULL", "", " x ", "é😀", "'", "line\nbreak"]
                #expect(try connection.value("SELECT $1::text[]", hostile, as: [String].self) == hostile)
                #expect(try connection.value("SELECT array_length($1::text[], 1)", hostile, as: Int.self) == hostile.count)
                #expect(try connection.value("SELECT ($1::text[])[4]", hostile, as: String.self) == "f\\g")
                try roundTrip(
                    connection, #"ARRAY['a,b', '{c}', 'd"e', 'f\g', 'NULL', '', ' x ']"#, ["a,b", "{c}", "d\"e", "f\\g", "NULL", "", " x "])
                try roundTrip(connection, "ARRAY['a', NULL]::text[]", ["a", nil] as [String?])
                try roundTrip(connection, "ARRAY[1, NULL, -9223372036854775808]::int8[]", [1, nil, .min] as [Int64?])
                try roundTrip(connection, "ARRAY[2147483647, -2147483648]::int4[]", [Int32.max, .min])
                try roundTrip(connection, "ARRAY[32767, -32768]::int2[]", [Int16.max, .min])
                try roundTrip(connection, "NULL::text[]", [String]?.none)
                // A NULL element is refused by the plain element types; a 2-D array by all.
                let null = postgresError { _ = try connection.value("SELECT ARRAY['a', NULL]", as: [String].self) }
                #expect(null?.kind == .decoding)
                let nested = postgresError { _ = try connection.value("SELECT ARRAY[[1, 2], [3, 4]]", as: [Int64].self) }
                #expect(nested?.kind == .decoding)
                let bounds = postgresError { _ = try connection.value("SELECT '[0:1]={1,2}'::int4[]", as: [Int32].self) }
                #expect(bounds?.kind == .decoding)
            }
        }

        /// An operator's output styles (in the URL's options or PGOPTIONS) would change what
        /// the parsers see; the connection pins the ones they read.
        @Test func outputStylesArePinnedWhateverTheURLAsks() throws {
            try withDatabase(configure: {
                $0.url += "&options=-c%20DateStyle%3DGerman%20-c%20IntervalStyle%3Diso_8601%20-c%20bytea_output%3Descape"
            }) { connection, _ in
                let row = try connection.query("SELECT '2024-02-29'::date, interval '1 mon -2 days 03:00', '\\x00ff'::bytea")[0]
                #expect(try row[0, as: CalendarDate.self] == CalendarDate(year: 2024, month: 2, day: 29))
                #expect(try row[1, as: CalendarDuration.self] == CalendarDuration(months: 1, days: -2, microseconds: 10_800_000_000))
                #expect(try row[2, as: [UInt8].self] == [0, 255])
            }
        }
    }
}
