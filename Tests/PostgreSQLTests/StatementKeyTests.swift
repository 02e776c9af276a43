@testable import PostgreSQL
import Testing

/// The prepared-statement cache hashes a sample of each SQL text; equality still compares the
/// whole text.
@Suite struct StatementKeyTests {
    /// Two texts of 120 bytes that differ only at byte 40, which no sampled word covers.
    let first = "SELECT a FROM t WHERE " + String(repeating: "x", count: 18) + "A" + String(repeating: "y", count: 79)
    let second = "SELECT a FROM t WHERE " + String(repeating: "x", count: 18) + "B" + String(repeating: "y", count: 79)

    @Test func textsSharingTheSampleStayDistinct() {
        #expect(first.utf8.count == 120)
        #expect(StatementKey(first).hashValue == StatementKey(second).hashValue)
        #expect(StatementKey(first) != StatementKey(second))
        var cache = PreparedStatementCache(capacity: 10)
        cache.insert("one", for: first)
        cache.insert("two", for: second)
        #expect(cache.count == 2)
        #expect(cache.name(for: first) == "one")
        #expect(cache.name(for: second) == "two")
        #expect(cache.name(for: first + " ") == nil)
        cache.remove(first)
        #expect(cache.name(for: first) == nil)
        #expect(cache.name(for: second) == "two")
    }

    @Test func equalTextsHashAlikeShortOrLong() {
        for text in ["", "SELECT 1", first, String(repeating: "é", count: 70)] {
            let copy = String(decoding: Array(text.utf8), as: UTF8.self)
            #expect(StatementKey(text) == StatementKey(copy))
            #expect(StatementKey(text).hashValue == StatementKey(copy).hashValue)
        }
    }

    /// The text form each parameter is sent in, read back through the C pointers libpq gets.
    @Test func parametersAreEncodedAsText() throws {
        let buffer = ParameterBuffer()
        func sent(_ parameters: [any PostgresEncodable]) throws -> [String?] {
            try buffer.encode(parameters)
            return buffer.withCParameters { count, _, values in
                (0..<Int(count)).map { values![$0].map { String(cString: $0) } }
            }
        }
        #expect(
            try sent([Int64.min, Int64.max, Int64(0), Int64(-42), 7, Int32(-1)])
                == ["-9223372036854775808", "9223372036854775807", "0", "-42", "7", "-1"])
        #expect(try sent(["abc", "", Int64?.none, true, "é"]) == ["abc", "", nil, "t", "é"])
        // A NUL is refused; the next statement's parameters start clean, even after a value
        // that made itself NULL and then failed.
        #expect(throws: PostgresError.self) { try sent([Int64?.none, "a\u{0}b"]) }
        #expect(throws: PostgresError.self) { try sent([NullThenNUL()]) }
        #expect(try sent(["x"]) == ["x"])
    }

    struct NullThenNUL: PostgresEncodable {
        static var postgresDataType: PostgresDataType { .text }
        func encode(into writer: PostgresParameterWriter) throws {
            writer.writeNull()
            try writer.write("a\u{0}")
        }
    }
}
