import Testing
@testable import RESTFramework

@Suite struct ByteSearchTests {
    func find(_ needle: String, in haystack: String, from start: Int = 0, before limit: Int? = nil) -> Int? {
        ByteSearch.firstIndex(of: Array(needle.utf8), in: Array(haystack.utf8), from: start, before: limit)
    }

    @Test func findsTheFirstOccurrenceFromAStart() {
        #expect(find("--XyZ", in: "--XyZ\r\nabc\r\n--XyZ--") == 0)
        #expect(find("--XyZ", in: "--XyZ\r\nabc\r\n--XyZ--", from: 1) == 12)
        #expect(find("aab", in: "aaab") == 1)  // a partial match overlapping the real one
        #expect(find("abab", in: "abaabababab") == 3)
        #expect(find("x", in: "abc") == nil)
        #expect(find("abcd", in: "abc") == nil)  // longer than the haystack
        #expect(find("", in: "abc") == nil)
        #expect(find("c", in: "abc", from: 3) == nil)  // a start at the end
        #expect(find("c", in: "abc", from: 7) == nil)  // and past it: no trap
    }

    @Test func aLimitEndsTheSearchBeforeIt() {
        #expect(find("\r\n\r\n", in: "a: b\r\n\r\nbody", before: 8) == 4)
        #expect(find("\r\n\r\n", in: "a: b\r\n\r\nbody", before: 7) == nil)
        #expect(find("b", in: "abc", before: 99) == 1)
    }

    @Test func crafedRunsOfABoundaryOfDashesAreNotADelimiter() {
        let delimiter = String(repeating: "-", count: 202)
        let almost = String(repeating: String(repeating: "-", count: 201) + "x", count: 1_000)
        #expect(find(delimiter, in: almost) == nil)
        #expect(find(delimiter, in: almost + delimiter) == almost.utf8.count)
    }
}
