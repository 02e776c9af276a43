import Testing
@testable import RESTFramework

/// Where a multipart body is cut: exactly at `--boundary`, never at text that only looks like
/// one, whatever the boundary (the search is `memmem`, not a scan of its own).
@Suite struct MultipartBoundaryTests {
    static func data(_ parts: [String], boundary: String, epilogue: String = "--\r\n") throws -> JSON {
        let body = parts.map { "--" + boundary + "\r\n" + $0 + "\r\n" }.joined() + "--" + boundary + epilogue
        return try ParserTests.request(body, contentType: "multipart/form-data; boundary=\"\(boundary)\"").data
    }

    static func field(_ name: String, _ value: String) -> String {
        "Content-Disposition: form-data; name=\"\(name)\"\r\n\r\n" + value
    }

    @Test func valuesThatAlmostHoldTheDelimiterStayWhole() throws {
        let values = ["--XyX", "-XyZ", "--Xy\r\n--Xy", "\r\n--\r\n", "XyZ--XyY", String(repeating: "--Xy", count: 500)]
        let parts = values.enumerated().map { Self.field("v\($0.offset)", $0.element) }
        let expected = JSON.object(values.enumerated().map { ("v\($0.offset)", JSON.string($0.element)) })
        #expect(try Self.data(parts, boundary: "XyZ") == expected)
    }

    @Test func aBoundaryOfDashesAgainstRunsOfDashes() throws {
        // The crafted case: a 70-dash boundary (a 72-dash delimiter) and values of dashes just
        // short of it, which a plain scan compares nearly whole at every byte.
        let boundary = String(repeating: "-", count: 70)
        let short = String(repeating: "-", count: 71)
        let values = [short, short + "x" + short, String(repeating: short + "\r\n", count: 300), "-"]
        let parts = values.enumerated().map { Self.field("d\($0.offset)", $0.element) }
        let expected = JSON.object(values.enumerated().map { ("d\($0.offset)", JSON.string($0.element)) })
        #expect(try Self.data(parts, boundary: boundary) == expected)
    }

    @Test func aBodyEndingAtADelimiterOrWithEmptyPartsBetween() throws {
        // No `--` after the last delimiter, and two delimiters in a row (an empty raw part).
        #expect(try Self.data([Self.field("a", "1")], boundary: "B", epilogue: "") == ["a": "1"])
        let body = "--B--B\r\n" + Self.field("a", "1") + "\r\n--B--"
        #expect(try ParserTests.request(body, contentType: "multipart/form-data; boundary=B").data == ["a": "1"])
    }

    @Test func headerLinesAndQuotedNamesAreReadAsDjangoReadsThem() throws {
        // Escapes in a quoted name; a header line ending in a stray CR; several header lines.
        let part = "Content-Type: text/plain\r\r\nContent-Disposition: form-data; name=\"a\\\"b\\\\c\"\r\nX-Other: 1\r\n\r\nv"
        #expect(try Self.data([part], boundary: "B") == [#"a"b\c"#: "v"])
    }

    @Test func aPartHeaderOfManyParametersKeepsTheLastOfEach() throws {
        // Body text, so any number of parameters: each set once, the last value wins (a Python dict).
        let parameters = (0..<5_000).map { "p\($0 % 2_500)=\($0)" }.joined(separator: "; ")
        let part = "Content-Disposition: form-data; name=\"first\"; \(parameters); name=\"last\"\r\n\r\nvalue"
        #expect(try Self.data([part], boundary: "B") == ["last": "value"])
        let (_, parsed) = HeaderParameters.parse("form-data; " + parameters)
        #expect(parsed.count == 2_500)
        #expect(parsed.first?.name == "p0" && parsed.first?.value == "2500")
    }
}
