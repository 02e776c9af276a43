import Testing
@testable import RESTFramework

@Suite struct FloatFieldTests {
    /// Python's `float()`: underscores, any script's digits, booleans; NaN and the infinities
    /// refused; huge integers "Integer value too large to convert to float".
    @Test func drfAnswers() throws {
        #expect(try mismatches(FloatField("ratio", allowNull: true), DRFFieldCases.floats) == [])
        #expect(try mismatches(FloatField("ratio", maxValue: 10, minValue: 0.5), DRFFieldCases.boundedFloats) == [])
    }

    @Test func metadataAndOutput() throws {
        #expect(
            JSONWriter.renderString(FloatField("ratio", maxValue: 10, minValue: 0.5).metadataInfo)
                == #"{"type":"float","required":true,"read_only":false,"label":"Ratio","min_value":0.5,"max_value":10}"#)
        #expect(try FloatField("r").toRepresentation(.int(3), context: SerializerContext()) == .double(3))
        #expect(JSONWriter.renderString(try FloatField("r").toRepresentation(.double(1e22), context: SerializerContext())) == "1e+22")
    }
}
