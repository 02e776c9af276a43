import Testing
@testable import RESTFramework

/// RFC 9110 §5.6.7 HTTP-dates, and §13.2.2's order for the date preconditions beside the tags.
struct HTTPDateTests {
    /// RFC 9110's example instant, 1994-11-06 08:49:37 UTC.
    static let example = HTTPDate(secondsSinceEpoch: 784_111_777)

    @Test func readsTheThreeFormatsAndWritesTheFirst() {
        #expect(HTTPDate(parsing: "Sun, 06 Nov 1994 08:49:37 GMT") == Self.example)
        #expect(HTTPDate(parsing: "Sunday, 06-Nov-94 08:49:37 GMT") == Self.example)
        #expect(HTTPDate(parsing: "Sun Nov  6 08:49:37 1994") == Self.example)
        #expect(HTTPDate(parsing: " Sun, 06 Nov 1994 08:49:37 GMT ") == Self.example)
        #expect(Self.example.headerValue == "Sun, 06 Nov 1994 08:49:37 GMT")
        for bad in [
            "", "yesterday", "Sun, 06 Nov 1994 08:49:37 UTC", "Sun, 6 Nov 1994 08:49:37 GMT", "Sun, 06 nov 1994 08:49:37 GMT",
            "Sun, 31 Feb 1994 08:49:37 GMT", "Sun, 06 Nov 1994 24:00:00 GMT", "Sun, 06 Nov 1994 08:49:37 GMT x",
            "Sun Nov 6 08:49:37 1994", "1994-11-06T08:49:37Z",
        ] {
            #expect(HTTPDate(parsing: bad) == nil, "\(bad)")
        }
    }

    @Test func anInstantCountsToTheSecondBelowIt() {
        #expect(HTTPDate(DateTime(microsecondsSinceEpoch: 784_111_777_999_999)) == Self.example)
        #expect(HTTPDate(DateTime(microsecondsSinceEpoch: -1)) == HTTPDate(secondsSinceEpoch: -1))
    }

    @Test func datesYieldToTagsInRFC9110sOrder() {
        let tag = EntityTag(version: "7")
        let date = Self.example
        let earlier = HTTPDate(secondsSinceEpoch: date.secondsSinceEpoch - 1)
        func evaluate(_ method: HTTPMethod, _ fields: [(String, String)], lastModified: HTTPDate? = date) -> Preconditions.Outcome {
            Preconditions(Headers(fields)).evaluate(method: method, current: tag, lastModified: lastModified)
        }
        // If-Modified-Since: 304 only on reads, only when not modified since.
        #expect(evaluate(.get, [("If-Modified-Since", date.headerValue)]) == .notModified)
        #expect(evaluate(.head, [("If-Modified-Since", date.headerValue)]) == .notModified)
        #expect(evaluate(.get, [("If-Modified-Since", earlier.headerValue)]) == .proceed)
        #expect(evaluate(.put, [("If-Modified-Since", date.headerValue)]) == .proceed)
        // Without a modification date, the dates are ignored.
        #expect(evaluate(.get, [("If-Modified-Since", date.headerValue)], lastModified: nil) == .proceed)
        #expect(evaluate(.put, [("If-Unmodified-Since", earlier.headerValue)], lastModified: nil) == .proceed)
        // If-None-Match wins over If-Modified-Since.
        #expect(evaluate(.get, [("If-None-Match", #""other""#), ("If-Modified-Since", date.headerValue)]) == .proceed)
        #expect(evaluate(.get, [("If-None-Match", tag.headerValue), ("If-Modified-Since", earlier.headerValue)]) == .notModified)
        // If-Unmodified-Since: 412 when modified since, whatever the method.
        #expect(evaluate(.put, [("If-Unmodified-Since", earlier.headerValue)]) == .failed)
        #expect(evaluate(.get, [("If-Unmodified-Since", earlier.headerValue)]) == .failed)
        #expect(evaluate(.delete, [("If-Unmodified-Since", date.headerValue)]) == .proceed)
        #expect(evaluate(.put, [("If-Unmodified-Since", "not a date")]) == .proceed)
        // If-Match wins over If-Unmodified-Since, both ways.
        #expect(evaluate(.put, [("If-Match", tag.headerValue), ("If-Unmodified-Since", earlier.headerValue)]) == .proceed)
        #expect(evaluate(.put, [("If-Match", #""other""#), ("If-Unmodified-Since", date.headerValue)]) == .failed)
    }
}
