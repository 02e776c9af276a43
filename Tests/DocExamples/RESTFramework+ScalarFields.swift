// The `///` examples of the scalar serializer fields (DecimalField, UUIDField, DateField,
// TimeField, DurationField, FloatField, URLField, SlugField) and their parsers, compiled.
@testable import RESTFramework

enum ScalarFieldExamples {
    static func fields() {
        DecimalField("budget", maxDigits: 12, decimalPlaces: 2, minValue: 0, required: false, allowNull: true)
        DecimalField("rate", maxDigits: 5, decimalPlaces: 3, rounding: .halfUp, normalizeOutput: true)

        DecimalField("budget", maxDigits: 12, decimalPlaces: 2, minValue: 0)
        DecimalField("fee", maxDigits: 6, decimalPlaces: 2, maxValue: .decimal(DecimalNumber("99.50")!))
        FloatField("ratio", maxValue: 1.5)

        UUIDField("id", readOnly: true)
        UUIDField("token", format: .hex)

        DateField("starts", required: false, allowNull: true)

        TimeField("opens", required: false)

        DurationField("estimate", required: false, allowNull: true)
        DurationField("timeout", maxValue: CalendarDuration(days: 1), minValue: CalendarDuration(microseconds: 1_000_000))

        FloatField("ratio", maxValue: 1, minValue: 0)
        FloatField("score", required: false, allowNull: true)

        URLField("homepage", required: false, allowBlank: true, maxLength: 200)

        SlugField("slug", maxLength: 50)
        SlugField("handle", allowUnicode: true)
    }

    static func parsers() {
        DateInput.parse("2026-W49-7")?.description   // "2026-12-06"

        TimeInput.parse("10:00+05:00")?.description   // "10:00:00"

        DjangoDuration.parse("P1DT2H")        // .value(CalendarDuration(days: 1, microseconds: 7_200_000_000))
        DjangoDuration.parse("-1 23:59:59")   // .value(CalendarDuration(days: -1, microseconds: 86_399_000_000))
        DjangoDuration.parse("1:2:3:4")       // .invalid

        SlugValidator(allowUnicode: true).isValid("日本-語")   // true
        SlugValidator().isValid("with space")                  // false

        URLValidator().isValid("https://example.com/path?q=1")   // true
        URLValidator().isValid("http://[::1]:8000/")              // true
        URLValidator().isValid("example.com")                     // false
    }
}
