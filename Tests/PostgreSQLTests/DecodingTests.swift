import PostgreSQL
import TestSupport
import Testing

extension PostgreSQLIntegration {
    @Suite struct Decoding {
        @Test func integers() throws {
            try withDatabase { connection, _ in
                let row = try connection.query(
                    """
                    SELECT 42::int8 AS big, -7::int4 AS small, NULL::int8 AS missing,
                           9223372036854775807::int8 AS max, (-9223372036854775807 - 1)::int8 AS min, 3::int2 AS tiny
                    """)[0]
                #expect(try row[0, as: Int64.self] == 42)
                #expect(try row["small", as: Int32.self] == -7)
                #expect(try row["small", as: Int.self] == -7)
                #expect(try row["missing", as: Int64?.self] == nil)
                #expect(try row["big", as: Int64?.self] == 42)
                #expect(try row["max", as: Int64.self] == .max)
                #expect(try row["min", as: Int64.self] == .min)
                #expect(try row["tiny", as: Int.self] == 3)
                // Out of Int32's range: refused rather than truncated.
                let error = postgresError { _ = try row["max", as: Int32.self] }
                #expect(error?.kind == .decoding)
                #expect(error?.message.contains("\"max\"") == true)
            }
        }

        @Test func textWithNonASCIIAndNull() throws {
            try withDatabase { connection, _ in
                let samples = ["", "plain", "héllo wörld", "emoji 🎉👨‍👩‍👧", "日本語テキスト", "Ωμέγα", "crème brûlée"]
                for sample in samples {
                    let row = try connection.query("SELECT $1::text, length($1::text), octet_length($1::text)", sample)[0]
                    #expect(try row[0, as: String.self] == sample)
                    // The server saw the same characters, not a re-encoding of them.
                    #expect(try row[1, as: Int.self] == sample.unicodeScalars.count)
                    #expect(try row[2, as: Int.self] == sample.utf8.count)
                }
                let literal = try connection.query("SELECT 'naïve ☕️'::varchar AS v, NULL::text AS n")[0]
                #expect(try literal["v", as: String.self] == "naïve ☕️")
                #expect(try literal["n", as: String?.self] == nil)
            }
        }

        @Test func booleans() throws {
            try withDatabase { connection, _ in
                let row = try connection.query("SELECT true, false, NULL::bool, $1::bool, $2::bool", true, false)[0]
                #expect(try row[0, as: Bool.self] == true)
                #expect(try row[1, as: Bool.self] == false)
                #expect(try row[2, as: Bool?.self] == nil)
                #expect(try row[3, as: Bool.self] == true)
                #expect(try row[4, as: Bool.self] == false)
            }
        }

        @Test func doubles() throws {
            try withDatabase { connection, _ throws in
                let samples: [Double] = [0, 1.5, -0.25, 0.1, 1e-300, 123456.789, .greatestFiniteMagnitude, .infinity, -.infinity]
                for sample in samples {
                    // Exact round trip: the text forms on both sides are the shortest exact ones.
                    #expect(try connection.value("SELECT $1::float8", sample, as: Double.self) == sample)
                }
                #expect(try connection.value("SELECT 'NaN'::float8", as: Double.self).isNaN)
                #expect(try connection.value("SELECT $1::float8 = 'NaN'", Double.nan, as: Bool.self))
                #expect(try connection.value("SELECT NULL::float8", as: Double?.self) == nil)
                #expect(try connection.value("SELECT 2.5::numeric", as: Double.self) == 2.5)
            }
        }

        @Test func timestamps() throws {
            try withDatabase { connection, _ in
                let row = try connection.query(
                    """
                    SELECT '2026-11-29 00:22:38.123456+00'::timestamptz AS a,
                           '2026-11-29 05:52:38+05:30'::timestamptz AS b,
                           NULL::timestamptz AS c,
                           current_setting('TimeZone') AS zone
                    """)[0]
                let a = try row["a", as: PostgresTimestamp.self]
                #expect(a.microsecondsSinceEpoch == 1_795_911_758_123_456)
                #expect(a.iso8601 == "2026-11-29T00:22:38.123456Z")
                #expect(try row["b", as: PostgresTimestamp.self].iso8601 == "2026-11-29T00:22:38Z")
                #expect(try row["c", as: PostgresTimestamp?.self] == nil)
                #expect(try row["zone", as: String.self] == "UTC")

                // Bound and read back exactly, checked against the server's own arithmetic.
                let samples: [Int64] = [
                    0, 1, -1, 1_795_911_758_123_456, 1_795_911_758_000_000, 999_999,
                    253_402_300_799_999_999, -62_135_596_800_000_000 - 86_400_000_000, -1_000_000_000_000_000,
                ]
                for micros in samples {
                    let value = PostgresTimestamp(microsecondsSinceEpoch: micros)
                    let back = try connection.query(
                        """
                        SELECT $1::timestamptz, ((extract(epoch FROM $1::timestamptz) * 1000000)::numeric)::int8
                        """, value)[0]
                    #expect(try back[0, as: PostgresTimestamp.self] == value, "\(micros)")
                    #expect(try back[1, as: Int64.self] == micros, "\(micros)")
                }
            }
        }

        @Test func decodingErrorsNameTheColumnAndTypes() throws {
            try withDatabase { connection, _ in
                let row = try connection.query("SELECT 'abc'::text AS word, NULL::int8 AS nothing")[0]
                let mismatch = postgresError { _ = try row["word", as: Int64.self] }
                #expect(mismatch?.kind == .decoding)
                #expect(mismatch?.column == "word")
                #expect(mismatch?.message.contains("\"word\"") == true)
                #expect(mismatch?.message.contains("text") == true)
                #expect(mismatch?.message.contains("Int64") == true)

                let null = postgresError { _ = try row[1, as: Int64.self] }
                #expect(null?.message.contains("\"nothing\" of row 0 is NULL") == true)

                let unknown = postgresError { _ = try row["missing", as: String.self] }
                #expect(unknown?.message.contains("no column named \"missing\"") == true)
                let outOfRange = postgresError { _ = try row[5, as: String.self] }
                #expect(outOfRange?.kind == .decoding)
            }
        }

        @Test func columnsByIndexAndName() throws {
            try withDatabase { connection, _ in
                let result = try connection.query("SELECT g AS id, 'n' || g AS \"Name\" FROM generate_series(1, 3) AS g")
                #expect(result.count == 3)
                #expect(result.columnNames == ["id", "Name"])
                #expect(result.columnType(0) == .int4)
                #expect(result.columnIndex(named: "Name") == 1)
                #expect(result.columnIndex(named: "name") == nil)
                #expect(try result.map { try $0["Name", as: String.self] } == ["n1", "n2", "n3"])
                let id: Int = try result[2][0]
                #expect(id == 3)
            }
        }
    }
}
