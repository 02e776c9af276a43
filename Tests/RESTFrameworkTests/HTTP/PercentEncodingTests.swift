import Testing
@testable import RESTFramework

/// The one percent-encoder against Python's `urllib.parse` (the expected texts are what Python
/// 3 prints for `quote_plus(t, safe='')`, `quote(t, safe=...)`, `unquote(t)`, `unquote_plus(t)`).
@Suite struct PercentEncodingTests {
    /// Django's `escape_uri_path` (pagination links' path).
    static let pathSafe: StaticString = "/:@&+$,!*'()"
    /// Django's `reverse()` (`quote(path, safe="/:@!$&'()*+,;=")`).
    static let reverseSafe: StaticString = "/:@!$&'()*+,;="

    static let cases: [(text: String, quotePlus: String, path: String, reverse: String)] = [
        ("", "", "", ""),
        ("plain", "plain", "plain", "plain"),
        ("a b", "a+b", "a%20b", "a%20b"),  // space: `+` only in quote_plus
        ("a+b&c=d", "a%2Bb%26c%3Dd", "a+b&c%3Dd", "a+b&c=d"),
        ("/:@&+$,!*'()", "%2F%3A%40%26%2B%24%2C%21%2A%27%28%29", "/:@&+$,!*'()", "/:@&+$,!*'()"),
        ("é ü/€", "%C3%A9+%C3%BC%2F%E2%82%AC", "%C3%A9%20%C3%BC/%E2%82%AC", "%C3%A9%20%C3%BC/%E2%82%AC"),
        ("~_.-", "~_.-", "~_.-", "~_.-"),  // always safe
        ("100%", "100%25", "100%25", "100%25"),  // `%` itself is quoted
        ("%41%", "%2541%25", "%2541%25", "%2541%25"),  // never taken for an escape
        ("\u{0}\u{7f}", "%00%7F", "%00%7F", "%00%7F"),
        ("😀", "%F0%9F%98%80", "%F0%9F%98%80", "%F0%9F%98%80"),  // four UTF-8 bytes, upper-case hex
    ]

    @Test(arguments: cases.indices)
    func quoteMatchesPython(_ index: Int) {
        let c = Self.cases[index]
        #expect(PercentEncoding.quote(c.text, safe: "", plus: true) == c.quotePlus)
        #expect(QueryDict.encode(c.text) == c.quotePlus)
        #expect(PercentEncoding.quote(c.text, safe: Self.pathSafe) == c.path)
        #expect(PercentEncoding.quote(c.text, safe: Self.reverseSafe) == c.reverse)
        var bytes: [UInt8] = Array("x".utf8)
        PercentEncoding.appendQuoted(c.text, safe: Self.pathSafe, into: &bytes)
        #expect(bytes == Array(("x" + c.path).utf8))
    }

    /// `quote_plus(" ", safe=" ")` is still `+`: a space is never left as it is.
    @Test func plusWinsOverASafeSpace() {
        #expect(PercentEncoding.quote("a b", safe: " ", plus: true) == "a+b")
        #expect(PercentEncoding.quote("a b", safe: " ") == "a b")
        var bytes: [UInt8] = []
        PercentEncoding.appendQuoted("a b", safe: " ", plus: true, into: &bytes)
        #expect(bytes == Array("a+b".utf8))
    }

    static let unquoted: [(text: String, unquote: String, unquotePlus: String)] = [
        ("a+b%20c", "a+b c", "a b c"),
        ("%e2%82%AC", "€", "€"),  // either case of hex
        ("%zz%4", "%zz%4", "%zz%4"),  // not an escape: kept
        ("100%", "100%", "100%"),
        ("%2B+", "++", "+ "),  // an escaped `+` is a plus, not a space
        ("%C3", "\u{FFFD}", "\u{FFFD}"),  // invalid UTF-8: U+FFFD
        ("%ff%fe", "\u{FFFD}\u{FFFD}", "\u{FFFD}\u{FFFD}"),
        ("é", "é", "é"),
    ]

    @Test(arguments: unquoted.indices)
    func unquoteMatchesPython(_ index: Int) {
        let c = Self.unquoted[index]
        #expect(PercentEncoding.unquote(c.text, plus: false) == c.unquote)
        #expect(PercentEncoding.unquote(c.text, plus: true) == c.unquotePlus)
        #expect(QueryDict.decode(c.text) == c.unquotePlus)
        #expect(QueryDict(parsing: "k=" + c.text)["k"] == c.unquotePlus)
    }

    /// RFC 2231 header parameters (`filename*=UTF-8''...`) decode as `unquote`: `+` stays.
    @Test func headerParametersUnquoteWithoutPlus() {
        let parsed = HeaderParameters.parse("attachment; filename*=UTF-8''a+b%20%E2%82%AC.txt")
        #expect(parsed.parameters.first { $0.name == "filename" }?.value == "a+b €.txt")
    }
}
