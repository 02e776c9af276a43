import Testing
@testable import RESTFramework

@Suite struct PythonNumbersTests {
    @Test(arguments: [
        ("12", "12"), (" 12 ", "12"), ("+7", "7"), ("-0", "0"), ("007", "7"), ("1_000", "1000"),
        ("\u{3000}5\n", "5"), ("٣", "3"), ("99999999999999999999", "99999999999999999999"), ("-42", "-42"),
    ])
    func parsesAsPythonsInt(_ text: String, _ expected: String) {
        #expect(IntegerText(parsing: text)?.description == expected)
    }

    @Test(arguments: ["", " ", "2.5", "1e3", "_1", "1_", "1__0", "+-1", "- 1", "0x10", "abc", "1 2"])
    func refusesWhatPythonRefuses(_ text: String) {
        #expect(IntegerText(parsing: text) == nil)
    }

    /// CPython's limit on `int()` of text (4300 digits: leading zeros count, underscores,
    /// signs and spaces do not): past it, `ValueError`.
    @Test func digitLimitIsCPythons() {
        let limit = String(repeating: "9", count: 4300)
        #expect(IntegerText(parsing: limit)?.description == limit)
        #expect(IntegerText(parsing: " -" + limit + " ")?.description == "-" + limit)
        #expect(IntegerText(parsing: "1" + limit) == nil)
        #expect(IntegerText(parsing: String(repeating: "0", count: 4301)) == nil)
        #expect(IntegerText(parsing: String(repeating: "1_", count: 4300) + "1") == nil)
        #expect(IntegerText(parsing: String(repeating: "٣", count: 4301)) == nil)
        #expect(PythonText.parseInteger("1" + limit) == nil)
    }

    @Test func arithmeticBeyond64Bits() {
        let big = IntegerText(parsing: "99999999999999999999")!
        #expect((big - 10).description == "99999999999999999989")
        #expect((big + 1).description == "100000000000000000000")
        #expect((IntegerText(3) - 10).description == "-7")
        #expect(IntegerText(-5) < IntegerText(-4))
        #expect(big.intValue == nil)
        #expect(IntegerText(Int.min).intValue == Int.min)
        #expect(IntegerText(parsing: "9223372036854775807")?.intValue == Int.max)
    }

    @Test func base64AsPythonReadsIt() {
        #expect(PythonBase64.encode(Array("p=16".utf8)) == "cD0xNg==")
        #expect(PythonBase64.decode("cD0xNg==").map { String(decoding: $0, as: UTF8.self) } == "p=16")
        #expect(PythonBase64.decode("c!D0 xN*g==trailing").map { String(decoding: $0, as: UTF8.self) } == "p=16")
        #expect(PythonBase64.decode("cD0xNg") == nil)  // incorrect padding
        #expect(PythonBase64.decode("cD0xN") == nil)  // one character too many
        #expect(PythonBase64.decode("") == [])
    }
}
