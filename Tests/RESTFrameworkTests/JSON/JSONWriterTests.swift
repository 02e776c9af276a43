import Testing
@testable import RESTFramework

/// Expected texts come from CPython 3.11: `json.dumps(doc, ensure_ascii=False, allow_nan=False,
/// separators=(",", ":") or (",", ": "), indent=N)` followed by DRF's U+2028/U+2029 escaping,
/// and `repr(float)`.
struct JSONWriterTests {
    static let document: JSON = .object([
        ("a", [1, 2.5, ["b": nil, "c": []], .object(JSONObject())]),
        ("s", "x/y\n\u{2028}\u{E9}\"\\\t\u{01}\u{1F}\u{7F}\u{2029}"),
        ("t", true),
        ("n", -3),
        ("big", .bigInt("123456789012345678901234567890")),
        ("f", 1e-7),
        ("e", .object(JSONObject())),
    ])

    static let renderings: [(indent: Int?, text: String)] = [
        (
            nil,
            "{\"a\":[1,2.5,{\"b\":null,\"c\":[]},{}],\"s\":\"x/y\\n\\u2028\u{E9}\\\"\\\\\\t\\u0001\\u001f\u{7F}\\u2029\",\"t\":true,\"n\":-3,\"big\":123456789012345678901234567890,\"f\":1e-07,\"e\":{}}"
        ),
        (
            1,
            "{\n \"a\": [\n  1,\n  2.5,\n  {\n   \"b\": null,\n   \"c\": []\n  },\n  {}\n ],\n \"s\": \"x/y\\n\\u2028\u{E9}\\\"\\\\\\t\\u0001\\u001f\u{7F}\\u2029\",\n \"t\": true,\n \"n\": -3,\n \"big\": 123456789012345678901234567890,\n \"f\": 1e-07,\n \"e\": {}\n}"
        ),
        (
            2,
            "{\n  \"a\": [\n    1,\n    2.5,\n    {\n      \"b\": null,\n      \"c\": []\n    },\n    {}\n  ],\n  \"s\": \"x/y\\n\\u2028\u{E9}\\\"\\\\\\t\\u0001\\u001f\u{7F}\\u2029\",\n  \"t\": true,\n  \"n\": -3,\n  \"big\": 123456789012345678901234567890,\n  \"f\": 1e-07,\n  \"e\": {}\n}"
        ),
        (
            4,
            "{\n    \"a\": [\n        1,\n        2.5,\n        {\n            \"b\": null,\n            \"c\": []\n        },\n        {}\n    ],\n    \"s\": \"x/y\\n\\u2028\u{E9}\\\"\\\\\\t\\u0001\\u001f\u{7F}\\u2029\",\n    \"t\": true,\n    \"n\": -3,\n    \"big\": 123456789012345678901234567890,\n    \"f\": 1e-07,\n    \"e\": {}\n}"
        ),
        (
            8,
            "{\n        \"a\": [\n                1,\n                2.5,\n                {\n                        \"b\": null,\n                        \"c\": []\n                },\n                {}\n        ],\n        \"s\": \"x/y\\n\\u2028\u{E9}\\\"\\\\\\t\\u0001\\u001f\u{7F}\\u2029\",\n        \"t\": true,\n        \"n\": -3,\n        \"big\": 123456789012345678901234567890,\n        \"f\": 1e-07,\n        \"e\": {}\n}"
        ),
    ]

    @Test(arguments: renderings)
    func compactAndIndentedMatchPython(_ indent: Int?, _ expected: String) {
        #expect(JSONWriter.renderString(Self.document, indent: indent) == expected)
    }

    @Test func indentZeroIsCompact() {
        #expect(JSONWriter.renderString(["a": [1]], indent: 0) == #"{"a":[1]}"#)
    }

    static let floats: [(value: Double, repr: String)] = [
        (0x1.999999999999ap-4, "0.1"),
        (0x1.8000000000000p+0, "1.5"),
        (0x1.9000000000000p+6, "100.0"),
        (0x1.c6bf526340000p+49, "1000000000000000.0"),
        (0x1.1c37937e08000p+53, "1e+16"),
        (0x1.5eddb25e04800p+53, "1.2345e+16"),
        (0x1.0000000000000p+53, "9007199254740992.0"),
        (0x1.b69b4ba630f35p+56, "1.2345678901234568e+17"),
        (0x1.a36e2eb1c432dp-14, "0.0001"),
        (0x1.4f8b588e368f1p-17, "1e-05"),
        (0x1.421f5f40d8376p-23, "1.5e-07"),
        (0x0.0000000000001p-1022, "5e-324"),
        (0x1.fffffffffffffp+1023, "1.7976931348623157e+308"),
        (0x0.0000000000003p-1022, "1.5e-323"),
        (0x1.5555555555555p-2, "0.3333333333333333"),
        (0x1.5555555555555p-1, "0.6666666666666666"),
        (0x1.0f0cf064dd592p+73, "1e+22"),
        (0x1.b1ae4d6e2ef50p+69, "1e+21"),
        (0x1.edd2f1a9fbe77p+6, "123.456"),
        (0x1.3333333333333p-2, "0.3"),
        (-0.0, "-0.0"),
        (-0x1.a36e2eb1c432dp-16, "-2.5e-05"),
        (0x1.249ad2594c37dp+332, "1e+100"),
        (0x1.4b66da6c0b2a4p-20, "1.2345678e-06"),
        (0x1.1666666666666p+2, "4.35"),
        (0x1.1c37937e07fffp+53, "9999999999999998.0"),
        (0x1.01f31f46ed246p-13, "0.000123"),
    ]

    @Test(arguments: floats)
    func floatsAreWrittenAsPythonRepr(_ value: Double, _ repr: String) {
        #expect(JSONWriter.pythonRepr(value) == repr)
        #expect(JSONWriter.renderString(.double(value)) == repr)
    }

    @Test func parsedTextRoundTrips() throws {
        let text = #"{"b":[1,2.5,1e-07,1e+16,"\u2028é/",null,true,{}],"a":-12345678901234567890123}"#
        #expect(JSONWriter.renderString(try JSON.parse(text)) == text)
    }
}
