#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
@testable import PostgreSQL
import Testing

/// The column types' text parsers and printers, without a server: what the server prints
/// reads back to the same text, and bad text is nil (never a trap).
@Suite struct ColumnTypeText {
    @Test func numericKeepsEveryDigitAndTheScale() {
        for text in [
            "0", "1", "-1", "12.30", "0.05", "-0.000001", "12345678901234567890123456789012345678",
            "-99999999999999999999999999999999999999.99999999999999999999999999999999999999",
            "0.00", "NaN", "Infinity", "-Infinity",
        ] {
            #expect(DecimalNumber(text)?.description == text, "\(text)")
        }
        #expect(DecimalNumber("-0")?.description == "0")
        #expect(DecimalNumber("-0.00")?.description == "0.00")
        #expect(DecimalNumber("-0.00")?.isNegative == false)
        #expect(DecimalNumber("+007.50")?.description == "7.50")
        #expect(DecimalNumber(".5")?.description == "0.5")
        #expect(DecimalNumber("5.")?.description == "5")
        #expect(DecimalNumber("12.30")?.digits == [1, 2, 3, 0])
        #expect(DecimalNumber("12.30")?.scale == 2)
        #expect(DecimalNumber(Int64.min).description == "-9223372036854775808")
        #expect(DecimalNumber(0).description == "0")
        #expect(DecimalNumber(isNegative: true, digits: [0, 0], scale: 1)?.description == "0.0")
        #expect(DecimalNumber(isNegative: false, digits: [10], scale: 0) == nil)
        #expect(DecimalNumber(isNegative: false, digits: [1], scale: .max) == nil)
        #expect(DecimalNumber("0." + String(repeating: "1", count: 16_384)) == nil)
        for bad in ["", "-", "+", ".", "1.2.3", "1e5", "1,5", " 1", "1 ", "nan", "inf", "--1", "0x10", "١"] {
            #expect(DecimalNumber(bad) == nil, "\(bad)")
        }
    }

    @Test func datesIncludingLeapDaysBCAndInfinity() {
        #expect(CalendarDate("2024-02-29")!.parts! == (2024, 2, 29))
        #expect(CalendarDate(year: 2024, month: 2, day: 29)?.description == "2024-02-29")
        #expect(CalendarDate("2000-02-29") != nil)
        #expect(CalendarDate("1970-01-01")?.daysSinceEpoch == 0)
        #expect(CalendarDate("0044-03-15 BC")?.description == "0044-03-15 BC")
        #expect(CalendarDate("4713-01-01 BC")!.parts! == (-4712, 1, 1))
        #expect(CalendarDate(year: .min, month: 1, day: 1) == nil)
        #expect(CalendarDate(daysSinceEpoch: .max - 1).parts == nil)
        #expect(CalendarDate(daysSinceEpoch: .max - 1).description == "9223372036854775806 days since 1970-01-01")
        #expect(CalendarDate("5874897-12-31")?.description == "5874897-12-31")
        #expect(CalendarDate("infinity") == .infinity)
        #expect(CalendarDate("-infinity") == .negativeInfinity)
        #expect(CalendarDate.negativeInfinity < CalendarDate("0044-03-15 BC")!)
        #expect(CalendarDate("9999-12-31")! < .infinity)
        for bad in [
            "2023-02-29", "1900-02-29", "2024-04-31", "2024-13-01", "2024-00-10", "2024-1-01", "0000-01-01 BC",
            "2024-02-29 ", "Infinity", "", "2024-02-29T00:00",
        ] {
            #expect(CalendarDate(bad) == nil, "\(bad)")
        }
    }

    @Test func timesOfDay() {
        #expect(TimeOfDay("00:00:00")?.microsecondsSinceMidnight == 0)
        #expect(TimeOfDay("24:00:00")?.microsecondsSinceMidnight == TimeOfDay.microsecondsPerDay)
        #expect(TimeOfDay("23:59:59.999999")?.description == "23:59:59.999999")
        #expect(TimeOfDay("12:30:00.5")?.description == "12:30:00.5")
        #expect(TimeOfDay(hour: 9, minute: 5, second: 7, microsecond: 10)?.description == "09:05:07.00001")
        for bad in ["24:00:01", "25:00:00", "12:60:00", "12:00:60", "12:00", "12:00:00.1234567", "12:00:00.", "", "12:00:00+01"] {
            #expect(TimeOfDay(bad) == nil, "\(bad)")
        }
    }

    @Test func intervalsKeepMonthsDaysAndMicrosecondsApart() {
        let mixed = CalendarDuration("1 mon -2 days +03:00:00")
        #expect(mixed == CalendarDuration(months: 1, days: -2, microseconds: 10_800_000_000))
        #expect(mixed?.description == "1 mon -2 days +03:00:00")
        for text in [
            "00:00:00", "-00:00:01", "1 day", "-1 days", "1 year 2 mons 3 days 04:05:06.789", "1 day -00:00:00.5",
            "-1 years -2 mons +3 days -04:05:06.000001", "178956970 years 7 mons 2147483647 days 2562047788:00:54.775807",
            "-178956970 years -8 mons -2147483648 days -2562047788:00:54.775808", "100:00:00",
        ] {
            #expect(CalendarDuration(text)?.description == text, "\(text)")
        }
        #expect(CalendarDuration("2 years")?.months == 24)
        for bad in [
            "", "1", "1 week", "1 mon -2 days 03:00", "1 mon  2 days", "03:60:00", "1 day 2 days extra", "999999999999 years",
            "P1M", "@ 1 mon",
            Array(repeating: "999999999999999999 mons", count: 12).joined(separator: " "),
            Array(repeating: "999999999999999999 years", count: 2).joined(separator: " "),
        ] {
            #expect(CalendarDuration(bad) == nil, "\(bad)")
        }
    }

    @Test func textArraysQuoteEscapeAndNull() throws {
        func parse(_ text: String) -> [String?]? {
            var text = text
            return text.withUTF8 { parseTextArray(UnsafeRawBufferPointer($0)) }
        }
        #expect(parse("{}") == [])
        #expect(parse("{a,b}") == ["a", "b"])
        #expect(
            parse(#"{"a,b","{c}","d\"e","f\\g",NULL,"NULL",null,""," x "}"#) == ["a,b", "{c}", "d\"e", "f\\g", nil, "NULL", nil, "", " x "])
        #expect(parse("{ a , b }") == ["a", "b"])
        #expect(parse(#"{a\,b}"#) == ["a,b"])
        for bad in ["", "{", "}", "{a", "{{1,2},{3,4}}", "[0:1]={1,2}", #"{"a}"#, "{a,}", "{,}", "{a b\"c}", #"{"a"b}"#] {
            #expect(parse(bad) == nil, "\(bad)")
        }
        let elements: [String?] = ["a,b", "{c}", "d\"e", "f\\g", nil, "NULL", "", " x "]
        #expect(textArrayLiteral(elements) == #"{"a,b","{c}","d\"e","f\\g",NULL,"NULL",""," x "}"#)
        var literal = textArrayLiteral(elements)
        #expect(literal.withUTF8 { parseTextArray(UnsafeRawBufferPointer($0)) } == elements)
    }

    @Test func hexAndUUIDText() {
        func bytea(_ text: String) -> [UInt8]? {
            var text = text
            return text.withUTF8 { UInt8.decodeArray(UnsafeRawBufferPointer($0)) }
        }
        #expect(bytea(#"\x"#) == [])
        #expect(bytea(#"\x00ff0A"#) == [0, 255, 10])
        for bad in ["", "\\x0", "\\xzz", "00ff", "\\X00"] {
            #expect(bytea(bad) == nil, "\(bad)")
        }
    }
}
