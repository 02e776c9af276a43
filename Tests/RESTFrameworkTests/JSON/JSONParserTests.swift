import Testing
@testable import RESTFramework
import RESTTesting

/// Expected messages were produced by running CPython 3.11 on each input exactly as DRF's
/// JSONParser does: `json.loads(codecs.getreader("utf-8")(stream).read(), parse_constant=strict_constant)`.
/// (Python 3.13 words trailing commas differently: "Illegal trailing comma before end of array".)
struct JSONParserTests {
    enum Input: CustomStringConvertible {
        case text(String)
        case bytes([UInt8])
        var bytes: [UInt8] {
            switch self {
            case .text(let text): return Array(text.utf8)
            case .bytes(let bytes): return bytes
            }
        }
        var description: String {
            switch self {
            case .text(let text): return String(text.prefix(40).debugDescription)
            case .bytes(let bytes): return bytes.prefix(20).map { String($0, radix: 16) }.joined(separator: " ")
            }
        }
    }

    static func parse(_ bytes: [UInt8], contentType: String = "application/json") throws -> JSON {
        try JSONParser().parse(bytes, mediaType: contentType, request: APIRequestFactory().post("/"))
    }

    static func message(_ bytes: [UInt8], contentType: String = "application/json") -> String? {
        do {
            _ = try parse(bytes, contentType: contentType)
            return nil
        } catch let error as ParseError {
            return error.message
        } catch {
            return "unexpected \(error)"
        }
    }

    static let errorCases: [(input: Input, message: String)] = [
        (.text(""), "JSON parse error - Expecting value: line 1 column 1 (char 0)"),
        (.text(" "), "JSON parse error - Expecting value: line 1 column 2 (char 1)"),
        (.text("{"), "JSON parse error - Expecting property name enclosed in double quotes: line 1 column 2 (char 1)"),
        (.text("{\"a\""), "JSON parse error - Expecting ':' delimiter: line 1 column 5 (char 4)"),
        (.text("{\"a\":"), "JSON parse error - Expecting value: line 1 column 6 (char 5)"),
        (.text("{\"a\":1"), "JSON parse error - Expecting ',' delimiter: line 1 column 7 (char 6)"),
        (.text("{\"a\":1,"), "JSON parse error - Expecting property name enclosed in double quotes: line 1 column 8 (char 7)"),
        (.text("{\"a\":1,}"), "JSON parse error - Expecting property name enclosed in double quotes: line 1 column 8 (char 7)"),
        (.text("[1,]"), "JSON parse error - Expecting value: line 1 column 4 (char 3)"),
        (.text("[1"), "JSON parse error - Expecting ',' delimiter: line 1 column 3 (char 2)"),
        (.text("[1 2]"), "JSON parse error - Expecting ',' delimiter: line 1 column 4 (char 3)"),
        (.text("{\"a\" 1}"), "JSON parse error - Expecting ':' delimiter: line 1 column 6 (char 5)"),
        (.text("{1:2}"), "JSON parse error - Expecting property name enclosed in double quotes: line 1 column 2 (char 1)"),
        (.text("{} x"), "JSON parse error - Extra data: line 1 column 4 (char 3)"),
        (.text("[] []"), "JSON parse error - Extra data: line 1 column 4 (char 3)"),
        (.text("\"abc"), "JSON parse error - Unterminated string starting at: line 1 column 1 (char 0)"),
        (.text("\"a\u{1}\""), "JSON parse error - Invalid control character at: line 1 column 3 (char 2)"),
        (.text("\"a\\x\""), "JSON parse error - Invalid \\escape: line 1 column 3 (char 2)"),
        (.text("\"\\u12\""), "JSON parse error - Invalid \\uXXXX escape: line 1 column 3 (char 2)"),
        (.text("\"\\u12zz\""), "JSON parse error - Invalid \\uXXXX escape: line 1 column 3 (char 2)"),
        (.text("NaN"), "JSON parse error - Out of range float values are not JSON compliant: 'NaN'"),
        (.text("-Infinity"), "JSON parse error - Out of range float values are not JSON compliant: '-Infinity'"),
        (.text("Infinity"), "JSON parse error - Out of range float values are not JSON compliant: 'Infinity'"),
        (.text("[NaN]"), "JSON parse error - Out of range float values are not JSON compliant: 'NaN'"),
        (.text("{\"a\": Infinity}"), "JSON parse error - Out of range float values are not JSON compliant: 'Infinity'"),
        (.bytes([0xFF]), "JSON parse error - 'utf-8' codec can't decode byte 0xff in position 0: invalid start byte"),
        (.bytes([0x22, 0xE2, 0x82]), "JSON parse error - Unterminated string starting at: line 1 column 1 (char 0)"),
        (
            .bytes([0x61, 0x62, 0xC3, 0x28]),
            "JSON parse error - 'utf-8' codec can't decode byte 0xc3 in position 2: invalid continuation byte"
        ),
        (.text("\u{FEFF}{}"), "JSON parse error - Unexpected UTF-8 BOM (decode using utf-8-sig): line 1 column 1 (char 0)"),
        (.text("01"), "JSON parse error - Extra data: line 1 column 2 (char 1)"),
        (.text("1."), "JSON parse error - Extra data: line 1 column 2 (char 1)"),
        (.text(".5"), "JSON parse error - Expecting value: line 1 column 1 (char 0)"),
        (.text("-"), "JSON parse error - Expecting value: line 1 column 1 (char 0)"),
        (.text("1e"), "JSON parse error - Extra data: line 1 column 2 (char 1)"),
        (.text("tru"), "JSON parse error - Expecting value: line 1 column 1 (char 0)"),
        (.text("nul"), "JSON parse error - Expecting value: line 1 column 1 (char 0)"),
        (.text("[1,\u{A} 2,\u{A} x]"), "JSON parse error - Expecting value: line 3 column 2 (char 9)"),
        (.text("{\"\u{E9}\":1, x}"), "JSON parse error - Expecting property name enclosed in double quotes: line 1 column 9 (char 8)"),
        (.bytes([0xED, 0xA0, 0x80]), "JSON parse error - 'utf-8' codec can't decode byte 0xed in position 0: invalid continuation byte"),
        (
            .bytes([0xF4, 0x90, 0x80, 0x80]),
            "JSON parse error - 'utf-8' codec can't decode byte 0xf4 in position 0: invalid continuation byte"
        ),
        (.bytes([0xC0, 0xAF]), "JSON parse error - 'utf-8' codec can't decode byte 0xc0 in position 0: invalid start byte"),
        (.bytes([0x80]), "JSON parse error - 'utf-8' codec can't decode byte 0x80 in position 0: invalid start byte"),
        (
            .bytes([0x22, 0x61, 0xE2, 0x82, 0x22]),
            "JSON parse error - 'utf-8' codec can't decode bytes in position 2-3: invalid continuation byte"
        ),
        (.text("\"\\"), "JSON parse error - Unterminated string starting at: line 1 column 1 (char 0)"),
        (.text("\"\\u"), "JSON parse error - Invalid \\uXXXX escape: line 1 column 3 (char 2)"),
        (.text("["), "JSON parse error - Expecting value: line 1 column 2 (char 1)"),
        (.text("[\u{A}"), "JSON parse error - Expecting value: line 2 column 1 (char 2)"),
        (.text("{\"a\":1 \"b\":2}"), "JSON parse error - Expecting ',' delimiter: line 1 column 8 (char 7)"),
        (.text("  \u{A}  "), "JSON parse error - Expecting value: line 2 column 3 (char 5)"),
        (.text("\"\u{9}\""), "JSON parse error - Invalid control character at: line 1 column 2 (char 1)"),
        (.text("[-]"), "JSON parse error - Expecting value: line 1 column 2 (char 1)"),
        (.text("[1,,2]"), "JSON parse error - Expecting value: line 1 column 4 (char 3)"),
        (.text("{\"a\":1,,}"), "JSON parse error - Expecting property name enclosed in double quotes: line 1 column 8 (char 7)"),
        (.text("{,}"), "JSON parse error - Expecting property name enclosed in double quotes: line 1 column 2 (char 1)"),
        (.text("[,]"), "JSON parse error - Expecting value: line 1 column 2 (char 1)"),
        (.text("{\"a\":1}}"), "JSON parse error - Extra data: line 1 column 8 (char 7)"),
        (.text("\"\\ud83d\\u12\""), "JSON parse error - Invalid \\uXXXX escape: line 1 column 9 (char 8)"),
        (.text("\"\\ud83d"), "JSON parse error - Invalid \\uXXXX escape: line 1 column 3 (char 2)"),
        (.text("\"\\ud83d\\"), "JSON parse error - Unterminated string starting at: line 1 column 1 (char 0)"),
        (.text("\"\\uXYZW\""), "JSON parse error - Invalid \\uXXXX escape: line 1 column 3 (char 2)"),
        (
            .text(String(repeating: "1", count: 4301)),
            "JSON parse error - Exceeds the limit (4300 digits) for integer string conversion: value has 4301 digits; use sys.set_int_max_str_digits() to increase the limit"
        ),
        (
            .text("-" + String(repeating: "1", count: 4301)),
            "JSON parse error - Exceeds the limit (4300 digits) for integer string conversion: value has 4301 digits; use sys.set_int_max_str_digits() to increase the limit"
        ),
        (.bytes([0xE2, 0x82]), "JSON parse error - Expecting value: line 1 column 1 (char 0)"),
        (.bytes([0x78, 0xF0, 0x9F, 0x98]), "JSON parse error - Expecting value: line 1 column 1 (char 0)"),
        (
            .bytes([0x22, 0xF0, 0x9F, 0x98, 0x80, 0xFF, 0x22]),
            "JSON parse error - 'utf-8' codec can't decode byte 0xff in position 5: invalid start byte"
        ),
        (.bytes([0xF4, 0x90]), "JSON parse error - 'utf-8' codec can't decode byte 0xf4 in position 0: invalid continuation byte"),
        (.bytes([0xE0, 0x80, 0x80]), "JSON parse error - 'utf-8' codec can't decode byte 0xe0 in position 0: invalid continuation byte"),
        (.bytes([0xF0, 0x80]), "JSON parse error - 'utf-8' codec can't decode byte 0xf0 in position 0: invalid continuation byte"),
        (
            .bytes([0xF0, 0x90, 0x80, 0x28]),
            "JSON parse error - 'utf-8' codec can't decode bytes in position 0-2: invalid continuation byte"
        ),
        (.bytes([0xF0, 0x90, 0x28]), "JSON parse error - 'utf-8' codec can't decode bytes in position 0-1: invalid continuation byte"),
        (.text("\"\u{E9}\" x"), "JSON parse error - Extra data: line 1 column 5 (char 4)"),
        (.bytes([0xF5]), "JSON parse error - 'utf-8' codec can't decode byte 0xf5 in position 0: invalid start byte"),
        (.text("nan"), "JSON parse error - Expecting value: line 1 column 1 (char 0)"),
        (.text("-Inf"), "JSON parse error - Expecting value: line 1 column 1 (char 0)"),
        (.text("[true false]"), "JSON parse error - Expecting ',' delimiter: line 1 column 7 (char 6)"),
        (.text("truex"), "JSON parse error - Extra data: line 1 column 5 (char 4)"),
        (.text("\u{C}{}"), "JSON parse error - Expecting value: line 1 column 1 (char 0)"),
        (.text("\u{A0}{}"), "JSON parse error - Expecting value: line 1 column 1 (char 0)"),
        (.text("{\"a\" : }"), "JSON parse error - Expecting value: line 1 column 8 (char 7)"),
        (.text("{\"a\"}"), "JSON parse error - Expecting ':' delimiter: line 1 column 5 (char 4)"),
        (.text("\"\u{4E2D}\u{6587}\u{A}"), "JSON parse error - Invalid control character at: line 1 column 4 (char 3)"),
        (.text("[\"\u{4E2D}\",\u{A}\u{9}\"\u{1F600}\", x]"), "JSON parse error - Expecting value: line 2 column 7 (char 12)"),
        (.text("1.5e"), "JSON parse error - Extra data: line 1 column 4 (char 3)"),
        (.text("1e+"), "JSON parse error - Extra data: line 1 column 2 (char 1)"),
        (.text("-01"), "JSON parse error - Extra data: line 1 column 3 (char 2)"),
        (.text("[1.]"), "JSON parse error - Expecting ',' delimiter: line 1 column 3 (char 2)"),
        (
            .text("{\"a\":\u{D}\u{A}1,\u{D}\u{A}}"),
            "JSON parse error - Expecting property name enclosed in double quotes: line 3 column 1 (char 11)"
        ),
        (.text("\u{A}\u{A}\u{A}]"), "JSON parse error - Expecting value: line 4 column 1 (char 3)"),
    ]

    @Test(arguments: errorCases)
    func errorMessagesMatchPython(_ input: Input, _ expected: String) {
        #expect(Self.message(input.bytes) == expected, "\(input)")
    }

    @Test func parseErrorIsA400WithDetail() throws {
        do {
            _ = try Self.parse(Array("[1,]".utf8))
            Issue.record("no error")
        } catch let error as ParseError {
            #expect(error.statusCode == 400)
            #expect(error.responseData == ["detail": "JSON parse error - Expecting value: line 1 column 4 (char 3)"])
        }
    }

    @Test func validDocuments() throws {
        #expect(
            try JSON.parse(#" {"a": [1, -2, 0, -0, 2.5, true, false, null], "b": {}, "c": [] } "#)
                == ["a": [1, -2, 0, 0, 2.5, true, false, nil], "b": .object(JSONObject()), "c": []])
        #expect(try JSON.parse(#""x\/y\"\\\b\f\n\r\t""#) == "x/y\"\\\u{08}\u{0C}\n\r\t")
        #expect(try JSON.parse("\t\r\n 7 \n") == 7)
        #expect(try JSON.parse(#""\u00e9\u00E9 caf\u00e9 \u4e2d""#) == "éé café 中")
        #expect(try JSON.parse("\"é中😀\u{7F}\"") == "é中😀\u{7F}")
        #expect(try JSON.parse(#"{"k\u0000": "\u0000"}"#) == ["k\u{0}": "\u{0}"])
    }

    @Test func surrogatePairsCombineAndLoneSurrogatesBecomeReplacementCharacters() throws {
        #expect(try JSON.parse(#""\ud83d\ude00""#) == "😀")
        #expect(try JSON.parse(#""\uD800\uDC00""#) == "\u{10000}")
        // Python keeps lone surrogates; a Swift String cannot, so they become U+FFFD.
        #expect(try JSON.parse(#""\ud800""#) == "\u{FFFD}")
        #expect(try JSON.parse(#""\ude00x""#) == "\u{FFFD}x")
        #expect(try JSON.parse(#""\ud83d\u0041""#) == "\u{FFFD}A")
        #expect(try JSON.parse(#""\ud83dx""#) == "\u{FFFD}x")
    }

    @Test func numbers() throws {
        #expect(try JSON.parse("9223372036854775807") == .int(.max))
        #expect(try JSON.parse("-9223372036854775808") == .int(.min))
        #expect(try JSON.parse("9223372036854775808") == .bigInt("9223372036854775808"))
        #expect(try JSON.parse("-9223372036854775809") == .bigInt("-9223372036854775809"))
        #expect(try JSON.parse("123456789012345678901234567890") == .bigInt("123456789012345678901234567890"))
        #expect(try JSON.parse("1E5") == .double(100000))
        #expect(try JSON.parse("1e-7") == .double(1e-7))
        #expect(try JSON.parse("-1.5e+2") == .double(-150))
        #expect(try JSON.parse("0.1") == .double(0.1))
        #expect(try JSON.parse("1e400") == .double(.infinity))  // Python's float('1e400')
        #expect(try JSON.parse("-1e400") == .double(-.infinity))
        #expect(try JSON.parse("1e-400") == .double(0))
        let limit = String(repeating: "9", count: 4300)
        #expect(try JSON.parse(limit) == .bigInt(limit))
        #expect(try JSON.parse("-" + limit) == .bigInt("-" + limit))
    }

    @Test func repeatedKeysKeepFirstPlaceAndLastValue() throws {
        #expect(try JSON.parse(#"{"a":1,"b":2,"a":3}"#) == ["a": 3, "b": 2])
        let many = (0..<40).map { "\"k\($0)\":\($0)" }.joined(separator: ",") + #","k3":"x""#
        let object = try #require(try JSON.parse("{" + many + "}").objectValue)
        #expect(object.count == 40)
        #expect(object.keys[3] == "k3")
        #expect(object["k3"] == "x")
    }

    @Test func nestingIsCappedWithoutRecursion() throws {
        let ok = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        #expect(throws: Never.self) { try JSON.parse(ok) }
        let deep = String(repeating: "[", count: 513) + String(repeating: "]", count: 513)
        #expect(
            Self.message(Array(deep.utf8))
                == "JSON parse error - maximum recursion depth exceeded while decoding a JSON array from a unicode string")
        let objects = String(repeating: #"{"a":"#, count: 600)
        #expect(
            Self.message(Array(objects.utf8))
                == "JSON parse error - maximum recursion depth exceeded while decoding a JSON object from a unicode string")
        // Far deeper than any stack would allow a recursive parser.
        let huge = String(repeating: "[", count: 1_000_000)
        #expect(throws: JSONParseError.self) { try JSON.parse(huge, maxDepth: .max) }
    }

    @Test func incompleteUTF8AtTheEndIsLeftUnread() throws {
        // codecs.StreamReader.read() decodes with final=False: a valid but cut sequence at the end is dropped.
        #expect(try Self.parse([0x7B, 0x7D, 0xE2, 0x82]) == .object(JSONObject()))
        #expect(try Self.parse(Array("[1]".utf8) + [0xF0, 0x9F, 0x98]) == [1])
    }

    @Test func charsetParameterDecodesTheBody() throws {
        #expect(try Self.parse(Array(#"{"a": 1}"#.utf8), contentType: "application/json; charset=utf-8") == ["a": 1])
        #expect(try Self.parse([0x22, 0xE9, 0x22], contentType: "application/json; charset=ISO-8859-1") == "é")
        #expect(try Self.parse([0x22, 0xE9, 0x22], contentType: "application/json; charset=latin1") == "é")
        #expect(
            Self.message([0x22, 0xE9, 0x22], contentType: "application/json; charset=us-ascii")
                == "JSON parse error - 'ascii' codec can't decode byte 0xe9 in position 1: ordinal not in range(128)")
        // An unknown charset is ignored, as Django ignores a charset Python has no codec for.
        #expect(try Self.parse(Array("\"é\"".utf8), contentType: "application/json; charset=nonsense") == "é")
    }
}
