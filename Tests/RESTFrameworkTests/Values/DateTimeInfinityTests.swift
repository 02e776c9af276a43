import Testing

@testable import RESTFramework

/// `timestamptz`'s `infinity` and `-infinity` as framework values: how they render (Python's
/// `datetime` cannot hold them, so the server's words), parse from a query string, compare, and
/// what the date lookups make of them; and the one calendar `DateTime` shares with ValueCore.
@Suite struct DateTimeInfinityTests {
    private func rendered(_ value: FieldValue) -> String {
        var out: [UInt8] = []
        JSONWriter.write(value, into: &out)
        let viaJSON = JSONWriter.renderString(value.json)
        #expect(String(decoding: out, as: UTF8.self) == viaJSON, "the two rendering paths agree for \(value)")
        return viaJSON
    }

    @Test func infinitiesRenderAsTheServersWords() throws {
        #expect(DateTime.infinity.iso8601 == "infinity")
        #expect(DateTime.negativeInfinity.description == "-infinity")
        #expect(rendered(.dateTime(.infinity)) == #""infinity""#)
        #expect(rendered(.dateTime(.negativeInfinity)) == #""-infinity""#)
        // A DateTimeField writes rows the fast way; it agrees.
        var out: [UInt8] = []
        try DateTimeField("due").writeValue(.dateTime(.negativeInfinity), context: SerializerContext(), into: &out)
        #expect(String(decoding: out, as: UTF8.self) == #""-infinity""#)
        // Cursor positions (`str(value)`) and the in-memory `::text` use the same words.
        #expect(PythonText.str(.dateTime(.infinity)) == "infinity")
        #expect(InMemoryEvaluation.sqlText(.dateTime(.negativeInfinity)) == "-infinity")
    }

    @Test func queryTextReadsInfinityAsPostgreSQLDoes() throws {
        let sample = FieldValue.dateTime(DateTime(microsecondsSinceEpoch: 0))
        let spellings: [(String, DateTime)] = [
            ("infinity", .infinity), ("Infinity", .infinity), (" INFINITY\t", .infinity), ("-infinity", .negativeInfinity),
        ]
        for (text, expected) in spellings {
            #expect(try FieldValue.string(text).coerced(like: sample, field: "due") == .dateTime(expected), "\(text)")
        }
        for text in ["infinite", "inf", "- infinity", "infinity Z", "+infinity"] {
            #expect(throws: QueryValueError.self, "\(text)") { try FieldValue.string(text).coerced(like: sample, field: "due") }
        }
        // A datetime column's infinity is the date column's infinity (PostgreSQL's cast).
        #expect(try FieldValue.dateTime(.infinity).coerced(like: .date(CalendarDate(daysSinceEpoch: 0)), field: "d") == .date(.infinity))
    }

    @Test func infinitiesOrderBelowAndAboveEveryInstant() {
        let earliest = DateTime(iso8601: "0001-01-01T00:00:00Z")!, latest = DateTime(iso8601: "9999-12-31T23:59:59.999999Z")!
        #expect(DateTime.negativeInfinity < earliest && latest < DateTime.infinity)
        #expect(InMemoryEvaluation.compare(.dateTime(.infinity), .dateTime(latest)) == 1)
        #expect(InMemoryEvaluation.compare(.dateTime(.negativeInfinity), .dateTime(earliest)) == -1)
        #expect(InMemoryEvaluation.compare(.dateTime(.infinity), .dateTime(.infinity)) == 0)
    }

    /// An infinity has no day: `due__date=<infinity>` is refused (its bounds would overflow).
    @Test func dateLookupOnAnInfinityIsRefused() {
        for value in [DateTime.infinity, .negativeInfinity] {
            #expect(throws: QueryValueError.self) { try DateLookupBounds.day(.dateTime(value), field: "due") }
        }
        #expect(throws: Never.self) { try DateLookupBounds.day(.dateTime(DateTime(microsecondsSinceEpoch: -1)), field: "due") }
    }

    /// DateTime's dates are CalendarDate's (one calendar, ValueCore's), every 97th day over
    /// years 1 to 9999, and the text beyond four-digit years.
    @Test func oneCalendarWithCalendarDate() {
        let perDay: Int64 = 86_400_000_000
        let first = CalendarDate(year: 1, month: 1, day: 1)!.daysSinceEpoch
        let last = CalendarDate(year: 9999, month: 12, day: 31)!.daysSinceEpoch
        var mismatches = 0
        for day in stride(from: first, through: last, by: 97) {
            let text = DateTime(microsecondsSinceEpoch: day * perDay + 1).iso8601
            if text.prefix(10) != CalendarDate(daysSinceEpoch: day).description { mismatches += 1 }
            if DateTime(iso8601: String(text.prefix(10)) + "T00:00:00Z")?.microsecondsSinceEpoch != day * perDay { mismatches += 1 }
        }
        #expect(mismatches == 0)
        let yearMinus1 = CalendarDate(year: -1, month: 3, day: 1)!.daysSinceEpoch * perDay
        #expect(DateTime(microsecondsSinceEpoch: yearMinus1).iso8601 == "-0001-03-01T00:00:00Z")
        let year10000 = CalendarDate(year: 10_000, month: 1, day: 1)!.daysSinceEpoch * perDay
        #expect(DateTime(microsecondsSinceEpoch: year10000 + 500_000).iso8601 == "10000-01-01T00:00:00.500000Z")
    }
}
