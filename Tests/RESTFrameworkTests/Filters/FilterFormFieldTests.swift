import Testing
@testable import RESTFramework

/// The Django form fields behind django-filter's filters. Expected values printed by Django 5.2's
/// `forms.DateField`, `forms.UUIDField` and `forms.DecimalField` (`clean`).
@Suite struct FilterFormFieldTests {
    @Test(arguments: [
        ("2026-12-06", "2026-12-06"), ("2026-1-5", "2026-01-05"), ("12/6/2026", "2026-12-06"), ("12/06/26", "2026-12-06"),
        ("1/5/69", "1969-01-05"), ("Dec 06 2026", "2026-12-06"), ("dec 6, 2026", "2026-12-06"),
        ("06 December 2026", "2026-12-06"), ("6 Dec, 2026", "2026-12-06"), ("December  6 2026", "2026-12-06"),
        ("2024-02-29", "2024-02-29"), ("Dec  6 2026", "2026-12-06"), ("12/ 6/2026", "2026-12-06"),
        ("September 1 2026", "2026-09-01"),
    ])
    func datesAsDjango(_ text: String, _ expected: String) throws {
        #expect(try FilterFormField.clean(text, as: .date) == .string(expected))
    }

    @Test(arguments: ["2026-02-29", "0000-01-01", "2026-12-06x", "Sept 1 2026", "2026-12-06T00:00", " ", "2026/12/06"])
    func invalidDates(_ text: String) {
        #expect(throws: FilterFormField.Invalid.date) { try FilterFormField.clean(text, as: .date) }
    }

    @Test(arguments: [
        ("10:30", "10:30:00"), ("10:30:15", "10:30:15"), ("10:30:15.5", "10:30:15.500000"), ("1:2", "01:02:00"),
        ("1:2:3", "01:02:03"), ("  10:30  ", "10:30:00"), ("09:05:00.000001", "09:05:00.000001"), ("23:59:59", "23:59:59"),
    ])
    func timesAsDjango(_ text: String, _ expected: String) throws {
        #expect(try FilterFormField.clean(text, as: .time) == .string(expected))
    }

    /// forms.DurationField (`parse_duration`): Django's own form, days and a clock, ISO 8601.
    @Test func durationsAsDjango() throws {
        #expect(try FilterFormField.clean("1 02:03:04", as: .duration) == .duration(CalendarDuration(days: 1, microseconds: 7_384_000_000)))
        #expect(try FilterFormField.clean("01:30:00", as: .duration) == .duration(CalendarDuration(microseconds: 5_400_000_000)))
        // Not stripped (django-filter 25.2: DurationFilter's field is forms.DurationField, no CharField).
        #expect(throws: FilterFormField.Invalid.duration) { try FilterFormField.clean(" 01:30:00 ", as: .duration) }
        #expect(try FilterFormField.clean("P1DT2H", as: .duration) == .duration(CalendarDuration(days: 1, microseconds: 7_200_000_000)))
        #expect(throws: FilterFormField.Invalid.durationOverflow) { try FilterFormField.clean("1000000000 00:00:00", as: .duration) }
        #expect(try FilterFormField.clean("-1 00:00:01.5", as: .duration) == .duration(CalendarDuration(days: -1, microseconds: 1_500_000)))
        #expect(try FilterFormField.clean("", as: .duration) == nil)
        #expect(throws: FilterFormField.Invalid.duration) { try FilterFormField.clean("soon", as: .duration) }
        #expect(throws: FilterFormField.Invalid.duration) { try FilterFormField.clean("1:2:3:4", as: .duration) }
    }

    @Test(arguments: ["10:30:60", "24:00", "10:30:15.1234567", "10:30:15,5", "10", " ", "10:60"])
    func invalidTimes(_ text: String) {
        #expect(throws: FilterFormField.Invalid.time) { try FilterFormField.clean(text, as: .time) }
    }

    @Test(arguments: [
        ("{12345678-1234-5678-1234-567812345678}", "12345678-1234-5678-1234-567812345678"),
        ("urn:uuid:12345678123456781234567812345678", "12345678-1234-5678-1234-567812345678"),
        ("0x345678123456781234567812345678", "00345678-1234-5678-1234-567812345678"),
        ("+2345678123456781234567812345678", "02345678-1234-5678-1234-567812345678"),
        ("ABCDEF78-1234-5678-1234-567812345678", "abcdef78-1234-5678-1234-567812345678"),
        ("1234_678123456781234567812345678", "01234678-1234-5678-1234-567812345678"),
    ])
    func uuidsAsPython(_ text: String, _ expected: String) throws {
        #expect(try FilterFormField.clean(text, as: .uuid) == .string(expected))
    }

    @Test(arguments: ["1234567812345678123456781234567G", "-0000000000000000000000000000000", "1234", "_1234567812345678123456781234567"])
    func invalidUUIDs(_ text: String) {
        #expect(throws: FilterFormField.Invalid.uuid) { try FilterFormField.clean(text, as: .uuid) }
    }

    @Test(arguments: [
        ("1_000", "1000"), ("1e3", "1000"), ("-0.5", "-0.5"), (".5", "0.5"), ("5.", "5"), ("١", "1"), (" 12.50 ", "12.50"),
        ("-1250e-2", "-12.50"), ("0.000", "0.000"),
        // Exponents far out stay plain text a numeric column reads (schemathesis' `budget__gte`
        // of -3.6e204 was a 500): exact within numeric's range, saturated beyond it.
        ("-3.649473465216479e+204", "-3649473465216479" + String(repeating: "0", count: 189)),
        ("1e-5000", "0." + String(repeating: "0", count: 4999) + "1"),
        ("-1e200000", "-Infinity"), ("0e999999", "0"),
        ("1e-20000", "0." + String(repeating: "0", count: 16382) + "1"),
        ("-19e-16384", "-0." + String(repeating: "0", count: 16382) + "2"),
        ("10e-16384", "0." + String(repeating: "0", count: 16382) + "1"),
    ])
    func decimalsAsPython(_ text: String, _ plain: String) throws {
        #expect(try FilterFormField.clean(text, as: .number(.decimal)) == .string(plain))
    }

    @Test(arguments: ["1e", "nan", "NaN12", "-Infinity", "1,5", ".", "e5", "1 0", "", "+"])
    func notNumbers(_ text: String) throws {
        if text.isEmpty {
            #expect(try FilterFormField.clean(text, as: .number(.integer)) == nil)
        } else {
            #expect(throws: FilterFormField.Invalid.number) { try FilterFormField.clean(text, as: .number(.integer)) }
        }
    }

    @Test func numbersIntoIntegerAndFloatColumns() throws {
        #expect(try FilterFormField.clean("2.9", as: .number(.integer)) == .int(2))
        #expect(try FilterFormField.clean("-2.9", as: .number(.integer)) == .int(-2))
        #expect(try FilterFormField.clean("-0.5", as: .number(.integer)) == .int(0))
        // Past 40 digits the exact integer no longer matters: above every 64-bit column value.
        #expect(try FilterFormField.clean("1e50", as: .number(.integer)) == .string("1" + String(repeating: "0", count: 40)))
        #expect(try FilterFormField.clean("-1e99", as: .number(.integer)) == .string("-1" + String(repeating: "0", count: 40)))
        #expect(try FilterFormField.clean("1.5e2", as: .number(.float)) == .double(150))
        #expect(throws: FilterFormField.Invalid.numberTooLarge) { try FilterFormField.clean("1.0000000001e50", as: .number(.float)) }
        #expect(try FilterFormField.clean("1.000e50", as: .number(.float)) == .double(1e50))
    }

    /// Printed by django-filter's `IsoDateTimeField` (Django 5.2, Python 3.11, TIME_ZONE UTC).
    @Test func dateTimesAsIsoDateTimeField() throws {
        let midnight = DateTime(iso8601: "2026-12-06T00:00:00Z")!
        #expect(try FilterFormField.clean("2026-12-06", as: .dateTime) == .dateTime(midnight))
        #expect(try FilterFormField.clean(" 20261206 ", as: .dateTime) == .dateTime(midnight))
        #expect(try FilterFormField.clean("2026-12-06 10:00+01:00", as: .dateTime) == .dateTime(DateTime(iso8601: "2026-12-06T09:00:00Z")!))
        for bad in ["2026-13-06", "2026-12-6", "x", " ", "2026-12-06T25:00"] {
            #expect(throws: FilterFormField.Invalid.dateTime) { try FilterFormField.clean(bad, as: .dateTime) }
        }
    }

    @Test func booleansAsBooleanWidget() {
        #expect(FilterFormField.booleanWidget("True") == true)
        #expect(FilterFormField.booleanWidget("1") == true)
        #expect(FilterFormField.booleanWidget("FALSE") == false)
        #expect(FilterFormField.booleanWidget(" true") == nil)
        #expect(FilterFormField.booleanWidget("yes") == nil)
    }

    @Test func relatedKeys() {
        #expect(throws: FilterFormField.Invalid("“nope” is not a valid UUID.")) {
            try FilterFormField.cleanRelatedKey("nope", as: .uuid)
        }
        // The model field does not strip.
        #expect(throws: FilterFormField.Invalid("“ 12345678123456781234567812345678” is not a valid UUID.")) {
            try FilterFormField.cleanRelatedKey(" 12345678123456781234567812345678", as: .uuid)
        }
        #expect(throws: FilterFormField.Invalid.missingChoice) { try FilterFormField.cleanRelatedKey("1.0", as: .number(.integer)) }
        #expect((try? FilterFormField.cleanRelatedKey(" 7 ", as: .number(.integer))) == .int(7))
    }
}
