// docs/framework.md's scalar fields example, compiled, and run without a database.
import RESTFramework
import Testing

final class ProjectPlanSerializer: Serializer {
    override class var fields: [any SerializerField] {
        [UUIDField("id", readOnly: true),
         SlugField("slug", maxLength: 50),
         DecimalField("budget", maxDigits: 12, decimalPlaces: 2, minValue: 0, required: false, allowNull: true),
         DateField("starts", required: false, allowNull: true),
         DurationField("estimate", required: false, allowNull: true),
         URLField("homepage", required: false, allowBlank: true, maxLength: 200)]
    }

    override func create(_ validatedData: ValidatedData) throws -> any FieldReadable { validatedData }
}

@Suite struct ScalarFieldExampleTests {
    @Test func validatesAndRendersAsDRF() throws {
        let serializer = ProjectPlanSerializer(data: ["slug": "q4", "budget": "1e3", "starts": "2026-12-06", "estimate": "PT1H30M"])
        #expect(try serializer.isValid())
        #expect(JSONWriter.renderString(try serializer.data)
                == #"{"slug":"q4","budget":"1000.00","starts":"2026-12-06","estimate":"01:30:00"}"#)
        let wrong = ProjectPlanSerializer(data: ["slug": "q4", "budget": "0.001", "starts": "2026-02-30"])
        #expect(try !wrong.isValid())
        #expect(JSONWriter.renderString(wrong.errors)
                == #"{"budget":["Ensure that there are no more than 2 decimal places."],"starts":["Date has wrong format. Use one of these formats instead: YYYY-MM-DD."]}"#)
    }
}
