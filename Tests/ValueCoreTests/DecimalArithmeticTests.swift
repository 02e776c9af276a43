import Testing
import ValueCore

/// `+`, `-`, `*` and `quantized` against Python's `decimal` (each expected value below is what
/// Python 3 printed for the same operands, with a precision wide enough to keep every digit).
@Suite struct DecimalArithmeticTests {
    private func decimal(_ text: String) -> DecimalNumber { DecimalNumber(text)! }
    private let big = "99999999999999999999999999999999999999"  // 38 nines

    @Test func sumsKeepTheLargerScaleAndEveryDigit() throws {
        #expect(try (decimal("1.50") + decimal("2.5")).description == "4.00")
        #expect(try (decimal(big) + decimal("0.01")).description == big + ".01")
        // A carry across all 40 digits.
        #expect(try (decimal(big + ".99") + decimal("0.01")).description == "1" + String(repeating: "0", count: 38) + ".00")
        #expect(try (decimal("-1.25") + decimal("1.2")).description == "-0.05")
        #expect(try (decimal("0.01") - decimal(big)).description == "-99999999999999999999999999999999999998.99")
        // A borrow across all 79 digits.
        let tiny = "0." + String(repeating: "0", count: 38) + "1"
        #expect(
            try (decimal("1" + String(repeating: "0", count: 39)) - decimal(tiny)).description
                == String(repeating: "9", count: 39) + "." + String(repeating: "9", count: 39))
    }

    @Test func zeroHasNoSign() throws {
        // Python: Decimal('-5') - Decimal('-5.000') is 0.000 and -1 * 0 is -0; numeric has no -0.
        let difference = try decimal("-5") - decimal("-5.000")
        #expect(difference.description == "0.000" && !difference.isNegative)
        let product = try decimal("-1") * decimal("0")
        #expect(product.description == "0" && !product.isNegative)
        #expect(decimal("-0.00").negated.description == "0.00")
    }

    @Test func productsAddTheScales() throws {
        #expect(try (decimal("1.5") * decimal("1.50")).description == "2.250")
        #expect(try (decimal("-1.5") * decimal("2")).description == "-3.0")
        #expect(try (decimal("0.1") * decimal("0.01")).description == "0.001")
        #expect(
            try (decimal(big) * decimal(big)).description
                == "9999999999999999999999999999999999999800000000000000000000000000000000000001")
        let tooFine = DecimalNumber(isNegative: false, digits: [1], scale: DecimalNumber.maximumScale)!
        #expect(throws: DecimalNumber.InvalidOperation.self) { try tooFine * decimal("0.1") }
    }

    @Test func specialsFollowPythonsDecimal() throws {
        #expect(try (decimal("NaN") + decimal("1")).isNaN)
        #expect(try (decimal("NaN") * decimal("0")).isNaN)
        #expect(try decimal("Infinity") + decimal("Infinity") == .infinity)
        #expect(try decimal("-Infinity") + decimal("1") == .negativeInfinity)
        #expect(try decimal("-Infinity") * decimal("-2") == .infinity)
        #expect(throws: DecimalNumber.InvalidOperation.self) { try decimal("Infinity") - decimal("Infinity") }
        #expect(throws: DecimalNumber.InvalidOperation.self) { try decimal("Infinity") * decimal("0.00") }
    }

    @Test func quantizeRoundsAsPythonDoes() throws {
        let cases: [(String, Int, DecimalNumber.Rounding, String)] = [
            ("0.125", 2, .halfEven, "0.12"), ("0.135", 2, .halfEven, "0.14"), ("2.675", 2, .halfEven, "2.68"),
            ("0.5", 0, .halfEven, "0"), ("1.5", 0, .halfEven, "2"), ("2.5", 0, .halfUp, "3"),
            ("-0.125", 2, .halfUp, "-0.13"), ("-2.665", 2, .halfUp, "-2.67"),
            ("0.1251", 2, .halfDown, "0.13"), ("0.125", 2, .halfDown, "0.12"),
            ("1.001", 2, .up, "1.01"), ("1.009", 2, .down, "1.00"),
            ("-1.001", 2, .ceiling, "-1.00"), ("-1.001", 2, .floor, "-1.01"),
            ("1.051", 1, .zeroFiveUp, "1.1"), ("1.001", 2, .zeroFiveUp, "1.01"), ("1.041", 1, .zeroFiveUp, "1.1"),
            ("1.261", 1, .zeroFiveUp, "1.2"),
            ("0.00123", 1, .up, "0.1"), ("0.00123", 1, .halfUp, "0.0"),
            ("1.2", 3, .halfEven, "1.200"), ("9.995", 2, .halfUp, "10.00"),
            (big + ".995", 2, .halfUp, "1" + String(repeating: "0", count: 38) + ".00"),
        ]
        for (value, places, rounding, expected) in cases {
            #expect(
                try decimal(value).quantized(places: places, rounding: rounding).description == expected,
                "\(value) to \(places) places, \(rounding)")
        }
        // The sign stays, as in Python: -0.00, equal to zero by value.
        let negativeZero = try decimal("-0.004").quantized(places: 2)
        #expect(negativeZero.description == "-0.00" && negativeZero.isZero && negativeZero.isNegative)
        #expect(negativeZero.compareValue(decimal("0")) == 0)
        #expect(try decimal("-0").quantized(places: 1).description == "0.0")  // numeric's text: no -0
        #expect(DecimalNumber(isNegative: true, digits: [0], scale: 2, signedZero: true)?.description == "-0.00")
        #expect(try DecimalNumber(isNegative: true, digits: [], scale: 0, signedZero: true)!.quantized(places: 2).description == "-0.00")
    }

    @Test func quantizeRefusesWhatPythonRefuses() throws {
        #expect(try decimal("NaN").quantized(places: 2).isNaN)
        #expect(throws: DecimalNumber.InvalidOperation.self) { try decimal("Infinity").quantized(places: 2) }
        #expect(throws: DecimalNumber.InvalidOperation.self) { try decimal("-Infinity").quantized(places: 0) }
        #expect(throws: DecimalNumber.InvalidOperation.self) { try decimal("1").quantized(places: -1) }
        // Context(prec=5): 99.995 → 100.00 fits, 999.995 → 1000.00 does not.
        #expect(try decimal("99.995").quantized(places: 2, rounding: .halfUp, maximumDigits: 5).description == "100.00")
        #expect(throws: DecimalNumber.InvalidOperation.self) {
            try decimal("999.995").quantized(places: 2, rounding: .halfUp, maximumDigits: 5)
        }
    }

    @Test func digitCountIsDRFsValidatePrecision() {
        // From Python's as_tuple(): 0 is (0,) exp 0; 0.00 is (0,) exp -2; 0.00123 is (1,2,3) exp -5.
        #expect(decimal("0").digitCount! == (1, 1, 0))
        #expect(decimal("0.00").digitCount! == (2, 0, 2))
        #expect(decimal("0.00123").digitCount! == (5, 0, 5))
        #expect(decimal("123.45").digitCount! == (5, 3, 2))
        #expect(decimal("1234500").digitCount! == (7, 7, 0))
        #expect(decimal("-12.3").digitCount! == (3, 2, 1))
        #expect(decimal(big + "." + big).digitCount! == (76, 38, 38))
        #expect(decimal("NaN").digitCount == nil)
        #expect(decimal("-Infinity").digitCount == nil)
    }
}
