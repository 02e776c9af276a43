import Foundation
import Testing

@testable import RESTFramework

/// The column types beyond the first five as values: DRF's default rendering, the text a query
/// string may give for each (Django's `to_python`), and their order.
@Suite struct FieldValueColumnTypesTests {
    private func rendered(_ value: FieldValue) -> String {
        var out: [UInt8] = []
        JSONWriter.write(value, into: &out)
        let viaJSON = JSONWriter.renderString(value.json)
        #expect(String(decoding: out, as: UTF8.self) == viaJSON, "the two rendering paths agree for \(value)")
        return viaJSON
    }

    private func duration(days: Int32 = 0, hours: Int64 = 0, minutes: Int64 = 0, months: Int32 = 0, micros: Int64 = 0) -> FieldValue {
        .duration(CalendarDuration(months: months, days: days, microseconds: (hours * 60 + minutes) * 60_000_000 + micros))
    }

    /// Copied on every field read of every row: the new cases must not make it bigger (17 bytes,
    /// a String and a tag, before them).
    @Test func aFieldValueIsNoBiggerThanAStringAndATag() {
        #expect(MemoryLayout<FieldValue>.size == 17)
        #expect(MemoryLayout<FieldValue>.stride == 24)
    }

    @Test func rendersAsDRFFieldsDo() throws {
        #expect(rendered(.decimal(DecimalNumber("1250.00")!)) == #""1250.00""#)
        #expect(rendered(.decimal(DecimalNumber("-0.50")!)) == #""-0.50""#)
        #expect(
            rendered(.decimal(DecimalNumber("12345678901234567890123456789012345678")!)) == #""12345678901234567890123456789012345678""#)
        #expect(rendered(.uuid(UUID(uuidString: "A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11")!)) == #""a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11""#)
        #expect(rendered(.date(CalendarDate(year: 2026, month: 12, day: 6)!)) == #""2026-12-06""#)
        #expect(rendered(.date(CalendarDate(year: 44, month: 3, day: 15)!)) == #""0044-03-15""#)
        #expect(rendered(.time(TimeOfDay(hour: 14, minute: 30)!)) == #""14:30:00""#)
        #expect(rendered(.time(TimeOfDay(hour: 9, minute: 5, second: 7, microsecond: 500_000)!)) == #""09:05:07.500000""#)
        #expect(rendered(duration(days: 2, hours: 4)) == #""2 04:00:00""#)
        #expect(rendered(duration(hours: 1, minutes: 30)) == #""01:30:00""#)
        #expect(rendered(duration(hours: -1)) == #""-1 23:00:00""#)
        #expect(rendered(duration(micros: 1)) == #""00:00:00.000001""#)
        #expect(rendered(duration()) == #""00:00:00""#)
        // Months as psycopg reads them into a timedelta: 30 days each, 365 a year.
        #expect(rendered(duration(days: -2, hours: 3, months: 1)) == #""28 03:00:00""#)
        #expect(rendered(duration(months: 14)) == #""425 00:00:00""#)
        #expect(rendered(.bytes([0, 1, 0xff])) == #""AAH/""#)
        #expect(rendered(.list(["a", .null, "b"])) == #"["a",null,"b"]"#)
        #expect(rendered(.list([1, 2])) == "[1,2]")
        let document: JSON = ["a": [1, 2.5, nil, true, "x"], "b": ["c": .bigInt("123456789012345678901")]]
        #expect(rendered(.jsonValue(document)) == #"{"a":[1,2.5,null,true,"x"],"b":{"c":123456789012345678901}}"#)
        #expect(rendered(.jsonValue("text")) == #""text""#)
    }

    @Test func describesAsTheRenderedText() {
        #expect(FieldValue.decimal(DecimalNumber("1.50")!).description == "1.50")
        #expect(duration(hours: -1).description == "-1 23:00:00")
        #expect(PythonText.str(duration(hours: -1)) == "-1 day, 23:00:00")
        #expect(PythonText.str(duration(days: 2, hours: 4, micros: 5)) == "2 days, 4:00:00.000005")
        #expect(FieldValue.list(["a", 1]).description == "[a, 1]")
    }

    // MARK: Coercion from query text

    private func coerce(_ text: String, like sample: FieldValue) throws -> FieldValue {
        try FieldValue.string(text).coerced(like: sample, field: "f")
    }

    private let decimal0 = FieldValue.decimal(DecimalNumber(0))
    private let uuid0 = FieldValue.uuid(UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)))
    private let date0 = FieldValue.date(CalendarDate(daysSinceEpoch: 0))
    private let time0 = FieldValue.time(TimeOfDay(microsecondsSinceMidnight: 0)!)
    private let duration0 = FieldValue.duration(CalendarDuration())

    @Test func coercesQueryTextIntoEachType() throws {
        #expect(try coerce(" 1250.50 ", like: decimal0) == .decimal(DecimalNumber("1250.50")!))
        #expect(try coerce("-Infinity", like: decimal0) == .decimal(.negativeInfinity))
        #expect(try FieldValue.int(7).coerced(like: decimal0, field: "f") == .decimal(DecimalNumber(7)))
        let uuid = FieldValue.uuid(UUID(uuidString: "A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11")!)
        for text in [
            "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "A0EEBC999C0B4EF8BB6D6BB9BD380A11", "{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}",
            "urn:uuid:a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
        ] {
            #expect(try coerce(text, like: uuid0) == uuid, "\(text)")
        }
        #expect(try coerce("2024-2-29", like: date0) == .date(CalendarDate(year: 2024, month: 2, day: 29)!))
        #expect(try coerce("14:30", like: time0) == .time(TimeOfDay(hour: 14, minute: 30)!))
        #expect(try coerce("14:30:05.25", like: time0) == .time(TimeOfDay(hour: 14, minute: 30, second: 5, microsecond: 250_000)!))
        #expect(try coerce("2 04:00:00", like: duration0) == duration(days: 2, hours: 4))
        #expect(try coerce("-1 day, 23:00:00", like: duration0) == duration(days: -1, hours: 23))
        #expect(try coerce("90", like: duration0) == duration(minutes: 1, micros: 30_000_000))
        #expect(try coerce("1 mon -2 days +03:00:00", like: duration0) == duration(days: -2, hours: 3, months: 1))
        #expect(try coerce("x", like: .jsonValue(.null)) == .jsonValue("x"))
        #expect(try coerce("AAH/", like: .bytes([])) == .bytes([0, 1, 0xff]))
        #expect(try coerce("a,b", like: .list([""])) == .list(["a", "b"]))
        #expect(try coerce("1,2", like: .list([0])) == .list([1, 2]))
    }

    @Test func refusesTextThatIsNotOfTheType() {
        let cases: [(String, FieldValue, String)] = [
            ("1e3", decimal0, "a decimal number"), ("abc", decimal0, "a decimal number"),
            ("a0eebc99", uuid0, "a valid UUID"), ("2023-02-29", date0, "a valid date"), ("2024-02-30", date0, "a valid date"),
            ("24:00", time0, "a valid time"), ("12:60", time0, "a valid time"), ("soon", duration0, "a valid duration"),
            ("1,x", .list([0]), "a list"),
        ]
        for (text, sample, type) in cases {
            #expect(throws: QueryValueError.cannotCoerce(field: "f", value: .string(text), to: type), "\(text)") {
                try coerce(text, like: sample)
            }
        }
    }

    // MARK: Order

    @Test func comparesByValueAsPostgreSQLDoes() {
        func order(_ a: FieldValue, _ b: FieldValue) -> Int? { InMemoryEvaluation.compare(a, b) }
        #expect(order(.decimal(DecimalNumber("1.50")!), .decimal(DecimalNumber("1.5")!)) == 0)
        #expect(order(.decimal(DecimalNumber("9.5")!), .decimal(DecimalNumber("10")!)) == -1)  // not by text
        #expect(order(.decimal(DecimalNumber("2")!), .int(2)) == 0)
        #expect(order(date0, .date(.negativeInfinity)) == 1)
        #expect(order(duration(months: 1), duration(days: 30)) == 0)
        #expect(order(duration(hours: 25), duration(days: 1)) == 1)
        #expect(order(.bytes([1]), .bytes([1, 0])) == -1)
        #expect(order(.list(["a"]), .list(["a", "b"])) == -1)
        #expect(order(.list([.null]), .list(["z"])) == 1)
    }
}
