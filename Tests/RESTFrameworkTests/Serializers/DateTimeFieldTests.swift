import Testing
@testable import RESTFramework

@Suite struct DateTimeFieldTests {
    let field = DateTimeField("d")
    static let invalid = "Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z]."

    /// Inputs and the UTC instants DRF 3.16 on Python 3.11 / Django 5.2 gives for them.
    @Test(arguments: [
        ("2026-11-29", "2026-11-29T00:00:00Z"),
        ("2026-11-29T00", "2026-11-29T00:00:00Z"),
        ("2026-11-29T00:22", "2026-11-29T00:22:00Z"),
        ("2026-11-29X00:22", "2026-11-29T00:22:00Z"),
        ("20261129T002238", "2026-11-29T00:22:38Z"),
        ("20261129", "2026-11-29T00:00:00Z"),
        ("2026-11-29T0022", "2026-11-29T00:22:00Z"),
        ("2026-11-29T00:22:38.1234567", "2026-11-29T00:22:38.123456Z"),
        ("2026-11-29T00:22:38,5", "2026-11-29T00:22:38.500000Z"),
        ("2026-11-29 00:22:38+0530", "2026-11-28T18:52:38Z"),
        ("2026-11-29T00:22:38 Z", "2026-11-29T00:22:38Z"),
        ("2026-11-29T00:22:38 +05:00", "2026-11-28T19:22:38Z"),
        ("2026-11-29T00:22:38+05", "2026-11-28T19:22:38Z"),
        ("2026-1-2T3:4", "2026-01-02T03:04:00Z"),
        ("2026-11-29T00:22:38.123Z", "2026-11-29T00:22:38.123000Z"),
        ("2026-11-29T00:22:38-00:30", "2026-11-29T00:52:38Z"),
        ("2026-11-29T00:22:38+05:30:15", "2026-11-28T18:52:23Z"),
        ("2026-11-29T00:22:38.123+05:30", "2026-11-28T18:52:38.123000Z"),
        ("2026-11-29T00:22:38.000001Z", "2026-11-29T00:22:38.000001Z"),
        ("2026-11-29T00:22:38\n", "2026-11-29T00:22:38Z"),
        ("2026-11-29T00:22:38.1234567890123", "2026-11-29T00:22:38.123456Z"),
        ("1970-01-01T00:00:00Z", "1970-01-01T00:00:00Z"),
        ("1900-03-01T12:00:00-01:00", "1900-03-01T13:00:00Z"),
    ])
    func reads(_ input: String, _ expected: String) throws {
        #expect(try check(field, .string(input)).value?.dateTimeValue?.iso8601 == expected, "\(input)")
    }

    @Test(arguments: [
        JSON.int(12), .double(1.5), .bool(true), .array([]), .string("2026-11-29T24:00"), .string("2026-02-30T00:00"),
        .string(" 2026-11-29T00:22"), .string("2026-11-29T"), .string("2026-11-29T00:22:38."), .string("2026-13-01"),
        .string("2026-11-29T00:22z"), .string("2026-11-29T00:22:38+24:00"), .string("yesterday"), .string("2026-1129"),
        .string("0000-01-01T00:00"), .string("2026-11-29T00:22+053"),
    ])
    func refuses(_ input: JSON) throws {
        #expect(try check(field, input).messages == [Self.invalid], "\(input)")
    }

    @Test func rendersAsTheSpecSays() throws {
        let context = SerializerContext()
        let t = DateTime(microsecondsSinceEpoch: 1_795_911_758_000_000)
        #expect(try field.toRepresentation(.dateTime(t), context: context) == "2026-11-29T00:22:38Z")
        let fraction = DateTime(microsecondsSinceEpoch: 1_795_911_758_250_000)
        #expect(try field.toRepresentation(.dateTime(fraction), context: context) == "2026-11-29T00:22:38.250000Z")
        let row = Row(["d": .null])
        #expect(try field.representation(of: row, context: context) == .null)
    }
}
