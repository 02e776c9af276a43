import Testing
@testable import RESTFramework

@Suite struct IntegerFieldTests {
    let field = IntegerField("n")

    @Test(arguments: [
        (JSON.int(12), Int64(12)), (.double(1.0), 1), (.string("1.0"), 1), (.string("1."), 1), (.string(" 12 "), 12),
        (.string("1_000"), 1000), (.string("+5"), 5), (.string("-0"), 0), (.string("12\n"), 12), (.string("1.0 "), 1),
        (.string("١٢"), 12), (.string("１２"), 12), (.string("007"), 7), (.double(-3.0), -3),
        (.string("9223372036854775807"), Int64.max), (.string("-9223372036854775808"), Int64.min),
        (.double(123456789012345.0), 123456789012345),
    ])
    func accepts(_ input: JSON, _ expected: Int64) throws {
        #expect(try check(field, input).value == .int(expected))
    }

    @Test(arguments: [
        JSON.string("1e3"), .double(1.5), .double(1e20), .bool(true), .bool(false), .string("0x10"), .string("1 000"),
        .string("abc"), .string(""), .string("_1"), .string("1__0"), .string("1_"), .string(".0"), .array([1]),
        .object(JSONObject()), .string("1.5"),
    ])
    func refuses(_ input: JSON) throws {
        #expect(try check(field, input).messages == ["A valid integer is required."], "\(input)")
    }

    @Test func boundsAndSizes() throws {
        let bounded = IntegerField("n", maxValue: 10, minValue: 1)
        #expect(try check(bounded, 11).messages == ["Ensure this value is less than or equal to 10."])
        #expect(try check(bounded, 0).messages == ["Ensure this value is greater than or equal to 1."])
        #expect(try check(bounded, "10").value == 10)
        #expect(
            try check(field, .bigInt("99999999999999999999")).messages
                == ["Ensure this value is less than or equal to 9223372036854775807."])
        #expect(
            try check(field, "-99999999999999999999").messages
                == ["Ensure this value is greater than or equal to -9223372036854775808."])
        #expect(try check(field, .string(String(repeating: "1", count: 1001))).messages == ["String value too large."])
        #expect(try check(field, .null).messages == ["This field may not be null."])
    }

    @Test func representation() throws {
        #expect(try field.toRepresentation(5, context: SerializerContext()) == 5)
        #expect(try field.toRepresentation("6", context: SerializerContext()) == 6)
    }
}

@Suite struct BooleanFieldTests {
    let field = BooleanField("b")

    @Test(arguments: ["true", "True", "TRUE", "tRuE", "t", "T", "yes", "Yes", "Y", "y", "on", "ON", "1"])
    func trueSpellings(_ text: String) throws {
        #expect(try check(field, .string(text)).value == true)
    }

    @Test(arguments: ["false", "False", "FALSE", "f", "F", "no", "NO", "n", "N", "off", "Off", "0"])
    func falseSpellings(_ text: String) throws {
        #expect(try check(field, .string(text)).value == false)
    }

    @Test func numbersAndBooleans() throws {
        #expect(try check(field, true).value == true)
        #expect(try check(field, false).value == false)
        #expect(try check(field, 1).value == true)
        #expect(try check(field, 0).value == false)
        #expect(try check(field, 1.0).value == true)
        #expect(try check(field, 0.0).value == false)
    }

    @Test(arguments: [
        JSON.int(2), .int(-1), .double(0.5), .string("null"), .string(""), .string("maybe"),
        .string(" true"), .string("oui"), .array([]), .object(JSONObject()),
    ])
    func refuses(_ input: JSON) throws {
        #expect(try check(field, input).messages == ["Must be a valid boolean."], "\(input)")
    }

    @Test func nullable() throws {
        let nullable = BooleanField("b", allowNull: true)
        #expect(try check(nullable, "null").value == .null)
        #expect(try check(nullable, "").value == .null)
        #expect(try check(nullable, .null).value == .null)
        #expect(try check(field, .null).messages == ["This field may not be null."])
    }

    @Test func defaultsApplyWhenAbsent() throws {
        let staff = BooleanField("is_staff", default: false)
        #expect(try check(staff, nil).value == false)
        #expect(try check(staff, nil, partial: true).value == nil)
        #expect(staff.required == false)
    }
}
