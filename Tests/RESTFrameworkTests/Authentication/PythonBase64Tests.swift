import Testing
@testable import RESTFramework

// Expected values from CPython 3.11's base64.b64decode / b64encode.
@Suite struct PythonBase64Tests {
    func decode(_ text: String) -> String? {
        PythonBase64.decode(AuthorizationHeader.bytes(of: text)).map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func decodesLikeB64decode() {
        let cases: [(String, String?)] = [
            ("dXNlcjpwYXNz", "user:pass"),
            ("dXN!lcjp\nwYXNz", "user:pass"),
            ("dXNlcjpwYXN", nil),  // Incorrect padding
            ("dXNlcjpwYX", nil),
            ("dXNlcjpwY", nil),  // one more than a multiple of 4
            ("YQ==", "a"),
            ("YQ", nil),
            ("YQ=", nil),
            ("Y", nil),
            ("YQ==junk", "a"),  // a complete pad ends the input
            ("YWI=", "ab"),
            ("=YWJj", "abc"),  // a pad before the 3rd character is ignored
            ("Y=W=J=j", "ab"),
            ("YQ=!=", "a"),  // junk between pads does not reset them
            ("YWJj====", "abc"),
            ("Y\u{FF}WJj", "abc"),
            ("", ""),
            ("!!!", ""),
        ]
        for (input, expected) in cases {
            #expect(decode(input) == expected, "\(input)")
        }
        #expect(PythonBase64.decode(Array("YQ=YQ==".utf8)) == [0x61, 0x06, 0x10])
    }

    @Test func encodesLikeB64encode() {
        #expect(PythonBase64.encode([]) == "")
        #expect(PythonBase64.encode(Array("a".utf8)) == "YQ==")
        #expect(PythonBase64.encode(Array("ab".utf8)) == "YWI=")
        #expect(PythonBase64.encode(Array("alice:pa:ss:word".utf8)) == "YWxpY2U6cGE6c3M6d29yZA==")
        #expect(PythonBase64.encode([0x6A, 0x6F, 0x73, 0xE9, 0x3A, 0x63, 0x61, 0x66, 0xE9]) == "am9z6TpjYWbp")
        for length in 0..<40 {
            let bytes = (0..<length).map { UInt8(($0 * 37 + 11) % 256) }
            #expect(PythonBase64.decode(Array(PythonBase64.encode(bytes).utf8)) == bytes)
        }
    }
}
