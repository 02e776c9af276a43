import Testing
@testable import RESTFramework

/// The spec's projects and tasks columns (uuid id, numeric(12,2) budget, dates, an interval)
/// through a whole serializer: the body validated as DRF validates it, rows written through the
/// fields' byte-writing path, and OPTIONS in SimpleMetadata's shape.
@Suite struct ScalarFieldSerializerTests {
    static let fields: [any SerializerField] = [
        UUIDField("id", readOnly: true),
        DecimalField("budget", maxDigits: 12, decimalPlaces: 2, minValue: 0, required: false, allowNull: true),
        DateField("starts", required: false, allowNull: true),
        DurationField("estimate", required: false, allowNull: true),
        SlugField("slug", maxLength: 50),
        URLField("homepage", required: false, allowBlank: true),
        FloatField("ratio", required: false),
        TimeField("opens", required: false),
    ]

    func serializer(data: JSON? = nil, instance: (any FieldReadable)? = nil) -> Serializer {
        let serializer = instance.map { Serializer(instance: $0) } ?? Serializer(data: data ?? .null)
        serializer.fields = Self.fields
        return serializer
    }

    @Test func validatesABody() throws {
        let body: JSON = [
            "id": "ignored", "budget": "1E+3", "starts": "2026-12-06", "estimate": "P1DT2H", "slug": "q4-plan",
            "homepage": "https://example.com/", "ratio": "0.5", "opens": "09:30",
        ]
        let valid = serializer(data: body)
        #expect(try valid.isValid())
        #expect(valid.validatedData["budget"] == .decimal(DecimalNumber("1000.00")!))
        #expect(valid.validatedData["starts"] == .date(CalendarDate(year: 2026, month: 12, day: 6)!))
        #expect(valid.validatedData["estimate"] == .duration(CalendarDuration(days: 1, microseconds: 7_200_000_000)))
        #expect(valid.validatedData["id"] == nil)
        #expect(
            JSONWriter.renderString(try valid.data)
                == #"{"budget":"1000.00","starts":"2026-12-06","estimate":"1 02:00:00","slug":"q4-plan","homepage":"https://example.com/","ratio":0.5,"opens":"09:30:00"}"#
        )

        let invalid = serializer(data: [
            "budget": "12345678901.5", "starts": "2026-02-30", "estimate": "soon", "slug": "a b", "homepage": "example",
        ])
        #expect(try !invalid.isValid())
        #expect(
            JSONWriter.renderString(invalid.errors)
                == #"{"budget":["Ensure that there are no more than 10 digits before the decimal point."],"starts":["Date has wrong format. Use one of these formats instead: YYYY-MM-DD."],"estimate":["Duration has wrong format. Use one of these formats instead: [DD] [HH:[MM:]]ss[.uuuuuu]."],"slug":["Enter a valid \"slug\" consisting of letters, numbers, underscores or hyphens."],"homepage":["Enter a valid URL."]}"#
        )
    }

    /// Column values as the model layer reads them, written through each field's `writeValue`.
    @Test func rendersRows() throws {
        let row = Row([
            "id": .uuid(UUIDField.uuid(0x1234_5678_1234_5678_1234_5678_1234_5678)),
            "budget": .decimal(DecimalNumber("1250.5")!), "starts": nil, "estimate": .duration(CalendarDuration(months: 1, days: 2)),
            "slug": "q4", "homepage": "", "ratio": .double(0.1), "opens": .time(TimeOfDay(hour: 9, minute: 5, microsecond: 5)!),
        ])
        let data = try serializer(instance: row).data
        #expect(data.objectValue?.renderedBytes != nil)
        #expect(
            JSONWriter.renderString(data)
                == #"{"id":"12345678-1234-5678-1234-567812345678","budget":"1250.50","starts":null,"estimate":"32 00:00:00","slug":"q4","homepage":"","ratio":0.1,"opens":"09:05:00.000005"}"#
        )
    }

    @Test func options() {
        #expect(
            JSONWriter.renderString(serializer().fieldsMetadata)
                == #"{"id":{"type":"string","required":false,"read_only":true,"label":"ID"},"budget":{"type":"decimal","required":false,"read_only":false,"label":"Budget","min_value":0,"max_digits":12,"decimal_places":2},"starts":{"type":"date","required":false,"read_only":false,"label":"Starts"},"estimate":{"type":"duration","required":false,"read_only":false,"label":"Estimate"},"slug":{"type":"slug","required":true,"read_only":false,"label":"Slug","max_length":50},"homepage":{"type":"url","required":false,"read_only":false,"label":"Homepage"},"ratio":{"type":"float","required":false,"read_only":false,"label":"Ratio"},"opens":{"type":"time","required":false,"read_only":false,"label":"Opens"}}"#
        )
    }
}
