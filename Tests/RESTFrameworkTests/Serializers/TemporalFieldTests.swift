import Testing
@testable import RESTFramework

@Suite struct DateFieldTests {
    /// Including impossible days (`2026-02-30`: Django raises ValueError, DRF says "wrong
    /// format"), datetimes (the same message; "Expected a date but got a datetime." is for
    /// Python objects only), week dates, and what CPython's parser lets through (`20261201ab`).
    @Test func drfAnswers() throws {
        #expect(try mismatches(DateField("starts", allowNull: true), DRFFieldCases.dates) == [])
    }

    @Test func outputAndMetadata() throws {
        let field = DateField("starts", required: false, allowNull: true)
        #expect(try field.toRepresentation(.date(CalendarDate(year: 26, month: 3, day: 1)!), context: SerializerContext()) == "0026-03-01")
        #expect(try field.toRepresentation(.string(""), context: SerializerContext()) == .null)
        #expect(
            JSONWriter.renderString(field.metadataInfo) == #"{"type":"date","required":false,"read_only":false,"label":"Starts"}"#)
    }
}

@Suite struct TimeFieldTests {
    /// `time.fromisoformat`'s C parser (`10.5`, `10:00:00:5`, offsets dropped, `T` prefix) and
    /// Django's fallback pattern (one-digit fields, twelve fraction digits, a final newline).
    @Test func drfAnswers() throws {
        #expect(try mismatches(TimeField("opens"), DRFFieldCases.times) == [])
    }

    @Test func metadata() {
        #expect(
            JSONWriter.renderString(TimeField("opens").metadataInfo)
                == #"{"type":"time","required":true,"read_only":false,"label":"Opens"}"#)
    }
}

@Suite struct DurationFieldTests {
    /// The spec's `tasks.estimate`: Django's three formats, CPython's rounding of fractions,
    /// the range of a `timedelta`, and numbers read by their Python text.
    @Test func drfAnswers() throws {
        #expect(try mismatches(DurationField("estimate", allowNull: true), DRFFieldCases.durations) == [])
        #expect(try mismatches(DurationField("d", format: .iso8601), DRFFieldCases.isoDurations) == [])
        let bounded = DurationField("d", maxValue: CalendarDuration(days: 1), minValue: CalendarDuration(microseconds: 1_000_000))
        #expect(try mismatches(bounded, DRFFieldCases.boundedDurations) == [])
    }

    /// A month has no `timedelta` counterpart: rendered as psycopg reads an interval (12 months
    /// 365 days, a month 30), the same as the model layer's text for the value.
    @Test func monthsRenderAsDays() throws {
        let field = DurationField("estimate")
        let context = SerializerContext()
        #expect(try field.toRepresentation(.duration(CalendarDuration(months: 1)), context: context) == "30 00:00:00")
        #expect(try field.toRepresentation(.duration(CalendarDuration(months: 13, days: 1)), context: context) == "396 00:00:00")
        #expect(
            try field.toRepresentation(.duration(CalendarDuration(days: 1, microseconds: -1_000_000)), context: context)
                == "23:59:59")
    }

    @Test func metadata() {
        let field = DurationField("d", maxValue: CalendarDuration(days: 1), minValue: CalendarDuration(microseconds: 1_500_000))
        #expect(
            JSONWriter.renderString(field.metadataInfo)
                == #"{"type":"duration","required":true,"read_only":false,"label":"D","min_value":"0:00:01.500000","max_value":"1 day, 0:00:00"}"#
        )
    }

    @Test func parserResults() {
        #expect(DjangoDuration.parse("P1DT2H") == .value(CalendarDuration(days: 1, microseconds: 7_200_000_000)))
        #expect(DjangoDuration.parse("-1 23:59:59") == .value(CalendarDuration(days: -1, microseconds: 86_399_000_000)))
        #expect(DjangoDuration.parse("1:2:3:4") == .invalid)
        #expect(DjangoDuration.parse("P1000000000D") == .overflow)
    }
}
