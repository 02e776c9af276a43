import Testing
@testable import RESTFramework

/// `QueryDict` as Django's: every value in order, the last one for `[key]`, fields counted as
/// Python's `parse_qsl` counts them for `DATA_UPLOAD_MAX_NUMBER_FIELDS`.
@Suite struct QueryDictTests {
    @Test func repeatedKeysKeepEveryValueInOrderAndTheLastWins() {
        let query = QueryDict(parsing: "tag=x&name=J%C3%B6rg+M&tag=y&empty=&flag&&tag=z")
        #expect(query["tag"] == "z")
        #expect(query.list("tag") == ["x", "y", "z"])
        #expect(query.keys == ["tag", "name", "empty", "flag"])
        #expect(query["name"] == "Jörg M" && query["empty"] == "" && query["flag"] == "")
        #expect(query.items.count == 6)
    }

    @Test func aFormsDataIsEachKeyOnceInFirstSeenOrderWithItsLastValue() {
        // Thousands of keys, each three times: well past PythonDict's direct comparisons.
        let keys = (0..<3_000).map { "f\(($0 * 7_919) % 3_000)" }
        let text = (0..<3).flatMap { round in keys.map { "\($0)=\(round)" } }.joined(separator: "&")
        let object = QueryDict(parsing: text).lastValueObject.objectValue
        #expect(object?.keys == keys)
        #expect(object?.pairs.allSatisfy { $0.value == "2" } == true)
    }

    @Test func fieldsAreCountedAsParseQslCountsThem() {
        #expect(QueryDict.fieldCount("") == 0)
        #expect(QueryDict.fieldCount("a") == 1)
        #expect(QueryDict.fieldCount("a=1&b=2") == 2)
        // Empty pairs count, though QueryDict drops them.
        #expect(QueryDict.fieldCount("a=1&&") == 3)
        #expect(QueryDict.fieldCount(Array("a=%26&b".utf8)) == 2)  // an escaped `&` is no separator
        #expect(QueryDict.fieldCount([UInt8]()) == 0)
    }
}
