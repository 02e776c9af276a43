import Testing
@testable import RESTFramework

@Suite struct DecimalFieldTests {
    /// The spec's `projects.budget`.
    let budget = DecimalField("budget", maxDigits: 12, decimalPlaces: 2, minValue: 0, required: false, allowNull: true)

    /// Negative zeros (`"-0"`, `"-0.00"`, `-0.0`) included: DRF echoes `"-0.00"`.
    @Test func drfAnswersForTheBudgetField() throws {
        #expect(try mismatches(budget, DRFFieldCases.budget) == [])
    }

    /// Python's `Decimal('-0E+3')` is a negative zero too; it passes `min_value=0`.
    @Test func negativeZeroKeepsItsSign() throws {
        #expect(try mismatches(budget, [(#""-0E+3""#, .ok(#""-0.00""#)), (#""+0""#, .ok(#""0.00""#))]) == [])
        let context = SerializerContext()
        #expect(try budget.toRepresentation(.decimal(DecimalNumber("-0.004")!), context: context) == "-0.00")
    }

    @Test func drfAnswersForOtherShapes() throws {
        #expect(try mismatches(DecimalField("n", maxDigits: 5, decimalPlaces: 2), DRFFieldCases.small) == [])
        let bounded = DecimalField(
            "n", maxDigits: 6, decimalPlaces: 2, maxValue: .decimal(DecimalNumber("99.50")!),
            minValue: .decimal(DecimalNumber("-1.5")!))
        #expect(try mismatches(bounded, DRFFieldCases.bounded) == [])
        #expect(try mismatches(DecimalField("n", maxDigits: nil, decimalPlaces: nil), DRFFieldCases.unbounded) == [])
        #expect(try mismatches(DecimalField("n", maxDigits: 4, decimalPlaces: nil), DRFFieldCases.noPlaces) == [])
    }

    /// `SimpleMetadata`: min, max, then digits and places; a `Decimal` limit is a float there.
    @Test func metadata() {
        #expect(
            JSONWriter.renderString(budget.metadataInfo)
                == #"{"type":"decimal","required":false,"read_only":false,"label":"Budget","min_value":0,"max_digits":12,"decimal_places":2}"#
        )
        let limited = DecimalField("fee", maxDigits: 6, decimalPlaces: 2, maxValue: .decimal(DecimalNumber("99.50")!), minValue: 0.5)
        #expect(
            JSONWriter.renderString(limited.metadataInfo)
                == #"{"type":"decimal","required":true,"read_only":false,"label":"Fee","min_value":0.5,"max_value":99.5,"max_digits":6,"decimal_places":2}"#
        )
    }

    /// Output is quantized with the field's rounding (ROUND_HALF_EVEN by default), whatever the
    /// stored scale; a value longer than `max_digits` is Python's InvalidOperation (a 500 in DRF).
    @Test func outputQuantizing() throws {
        let context = SerializerContext()
        func render(_ field: DecimalField, _ text: String) throws -> JSON {
            try field.toRepresentation(.decimal(DecimalNumber(text)!), context: context)
        }
        #expect(try render(budget, "1.005") == "1.00")
        #expect(try render(budget, "1.015") == "1.02")
        #expect(try render(budget, "7") == "7.00")
        let halfUp = DecimalField("n", maxDigits: 12, decimalPlaces: 2, rounding: .halfUp)
        #expect(try render(halfUp, "1.005") == "1.01")
        #expect(throws: DecimalNumber.InvalidOperation.self) { try render(budget, "12345678901234") }
        #expect(try budget.toRepresentation(.int(5), context: context) == "5.00")
        #expect(try budget.toRepresentation(.string(" 2.5 "), context: context) == "2.50")
    }

    @Test func normalizeOutputAndNumbers() throws {
        let context = SerializerContext()
        let normalized = DecimalField("n", maxDigits: 12, decimalPlaces: 2, normalizeOutput: true)
        #expect(try normalized.toRepresentation(.decimal(DecimalNumber("12.50")!), context: context) == "12.5")
        #expect(try normalized.toRepresentation(.decimal(DecimalNumber("100.00")!), context: context) == "100")
        #expect(try normalized.toRepresentation(.decimal(DecimalNumber("0.00")!), context: context) == "0")
        let number = DecimalField("n", maxDigits: 12, decimalPlaces: 2, coerceToString: false)
        #expect(try number.toRepresentation(.decimal(DecimalNumber("1250.50")!), context: context) == .double(1250.5))
        #expect(JSONWriter.renderString(try number.toRepresentation(.decimal(DecimalNumber("3")!), context: context)) == "3.0")
    }

    /// DRF's `COERCE_DECIMAL_TO_STRING`, read from the view's settings when the field says nothing.
    @Test func coerceSetting() throws {
        final class View: APIView {}
        let view = View()
        view.settings.coerceDecimalToString = false
        let context = SerializerContext(view: view)
        #expect(try budget.toRepresentation(.decimal(DecimalNumber("2.50")!), context: context) == .double(2.5))
        let text = DecimalField("n", maxDigits: 12, decimalPlaces: 2, coerceToString: true)
        #expect(try text.toRepresentation(.decimal(DecimalNumber("2.50")!), context: context) == "2.50")
        var bytes: [UInt8] = []
        _ = try budget.writeRepresentation(of: Row(["budget": .decimal(DecimalNumber("2.50")!)]), context: context, into: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == "2.5")
    }

    /// Nothing a request sends makes the field build a huge number: exponents are counted, not
    /// expanded, and without limits a value beyond `numeric` is refused.
    @Test func hugeExponents() throws {
        #expect(try check(budget, "1e999999999999").messages == ["Ensure that there are no more than 12 digits in total."])
        let unbounded = DecimalField("n", maxDigits: nil, decimalPlaces: nil)
        #expect(try check(unbounded, "1e999999999").messages == ["A valid number is required."])
        #expect(try check(unbounded, "1e-999999999").messages == ["A valid number is required."])
        #expect(try check(unbounded, "1e100").value == .decimal(DecimalNumber("1" + String(repeating: "0", count: 100))!))
    }

    @Test func messagesCanBeOverridden() throws {
        let field = DecimalField("n", maxDigits: 3, decimalPlaces: 1, errorMessages: ["max_digits": "At most {max_digits}."])
        #expect(try check(field, "12.34").messages == ["At most 3."])
    }
}
