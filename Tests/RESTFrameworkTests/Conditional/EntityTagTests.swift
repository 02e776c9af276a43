import Testing
@testable import RESTFramework

/// RFC 9110 §8.8.3 and §13.1.1–13.1.2: entity tags, the `If-Match` / `If-None-Match` lists, and
/// the two comparisons.
struct EntityTagTests {
    @Test func parsesStrongAndWeakTags() throws {
        let strong = try #require(EntityTag(parsing: #""abc""#))
        #expect(strong.opaque == "abc" && !strong.isWeak)
        let weak = try #require(EntityTag(parsing: #" W/"a,b" "#))
        #expect(weak.opaque == "a,b" && weak.isWeak)
        #expect(EntityTag(parsing: #""""#)?.opaque == "")
        for bad in ["abc", #""abc"#, #"w/"abc""#, #"W"abc""#, #""a"b""#, #""a b""#, "\"a\u{7F}\"", #""a" x"#, ""] {
            #expect(EntityTag(parsing: bad) == nil, "\(bad)")
        }
    }

    @Test func strongAndWeakComparison() throws {
        // RFC 9110 §8.8.3.2's table.
        let w1 = EntityTag(opaque: "1", weak: true)!, w2 = EntityTag(opaque: "2", weak: true)!
        let s1 = EntityTag(opaque: "1")!
        #expect(!w1.strongMatch(w1) && w1.weakMatch(w1))
        #expect(!w1.strongMatch(w2) && !w1.weakMatch(w2))
        #expect(!w1.strongMatch(s1) && w1.weakMatch(s1))
        #expect(s1.strongMatch(s1) && s1.weakMatch(s1))
    }

    @Test func listsStarsAndMalformedValues() throws {
        let a = EntityTag(opaque: "a")!, b = EntityTag(opaque: "b")!, wb = EntityTag(opaque: "b", weak: true)!
        #expect(EntityTagCondition(#""a", W/"b""#) == .tags([a, wb]))
        #expect(EntityTagCondition(#" , "a" ,, "b",  "#) == .tags([a, b]))
        #expect(EntityTagCondition("\t\"a\"\t,\"b\"") == .tags([a, b]))
        #expect(EntityTagCondition(" * ") == .any)
        #expect(EntityTagCondition("") == .tags([]))
        for bad in ["*, \"a\"", "\"a\", *", "a", "\"a\" \"b\"", "\"a\"x", "W/a", "\"a", "\"a\", b", "**"] {
            #expect(EntityTagCondition(bad) == .malformed, "\(bad)")
        }
    }

    @Test func ifMatchIsStrongAndIfNoneMatchIsWeak() {
        let current = EntityTag(opaque: "v2")!
        #expect(EntityTagCondition(#""v1", "v2""#).strongMatch(current))
        #expect(!EntityTagCondition(#"W/"v2""#).strongMatch(current))
        #expect(EntityTagCondition(#"W/"v2""#).weakMatch(current))
        #expect(!EntityTagCondition(#""v1""#).weakMatch(current))
        #expect(EntityTagCondition("*").strongMatch(current) && EntityTagCondition("*").weakMatch(current))
        // `*` with no current representation is false.
        #expect(!EntityTagCondition("*").strongMatch(nil) && !EntityTagCondition("*").weakMatch(nil))
        // Malformed and empty match nothing.
        #expect(!EntityTagCondition("v2").strongMatch(current) && !EntityTagCondition("v2").weakMatch(current))
        #expect(!EntityTagCondition("").strongMatch(current))
    }

    @Test func severalHeaderFieldsAreOneList() {
        let headers = Headers([("If-None-Match", #""a""#), ("If-None-Match", #""b""#)])
        #expect(EntityTagCondition(header: "If-None-Match", in: headers) == .tags([EntityTag(opaque: "a")!, EntityTag(opaque: "b")!]))
        #expect(EntityTagCondition(header: "If-Match", in: headers) == nil)
    }

    @Test func preconditionsFollowRFC9110Order() {
        let current = EntityTag(opaque: "v2")!
        func outcome(_ method: HTTPMethod, ifMatch: String? = nil, ifNoneMatch: String? = nil) -> Preconditions.Outcome {
            Preconditions(ifMatch: ifMatch.map(EntityTagCondition.init), ifNoneMatch: ifNoneMatch.map(EntityTagCondition.init))
                .evaluate(method: method, current: current)
        }
        #expect(outcome(.get, ifNoneMatch: #""v2""#) == .notModified)
        #expect(outcome(.head, ifNoneMatch: "*") == .notModified)
        #expect(outcome(.get, ifNoneMatch: #""v1""#) == .proceed)
        #expect(outcome(.put, ifMatch: #""v2""#) == .proceed)
        #expect(outcome(.patch, ifMatch: #""v1""#) == .failed)
        #expect(outcome(.delete, ifMatch: #"W/"v2""#) == .failed)
        #expect(outcome(.delete, ifMatch: "*") == .proceed)
        #expect(outcome(.put, ifMatch: "garbage") == .failed)
        // If-None-Match on a write: a match is 412, not 304.
        #expect(outcome(.put, ifNoneMatch: "*") == .failed)
        // If-Match is evaluated first.
        #expect(outcome(.get, ifMatch: #""v1""#, ifNoneMatch: #""v2""#) == .failed)
        #expect(Preconditions(Headers()).isEmpty)
    }

    @Test func representationTagsAreStrongStableAndChangeWithTheBytes() {
        let tag = EntityTag.ofRepresentation(Array(#"{"id":1}"#.utf8))
        #expect(!tag.isWeak)
        #expect(tag.opaque.count == 32 && tag.opaque.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) })
        #expect(tag == EntityTag.ofRepresentation(Array(#"{"id":1}"#.utf8)))
        #expect(tag != EntityTag.ofRepresentation(Array(#"{"id":2}"#.utf8)))
        // SHA-256("abc"), its first 16 bytes: the hash is the one the docs name.
        #expect(EntityTag.ofRepresentation(Array("abc".utf8)).opaque == "ba7816bf8f01cfea414140de5dae2223")
        #expect(tag.headerValue == "\"" + tag.opaque + "\"")
    }

    @Test func rowVersionsAlwaysMakeValidTags() throws {
        #expect(EntityTag(version: "42").headerValue == #""42""#)
        let odd = EntityTag(version: "2026-12-07 05:00:00.1+00 \"x\" é%")
        let parsed = try #require(EntityTag(parsing: odd.headerValue))
        #expect(parsed == odd)
        #expect(odd.opaque == "2026-12-07%2005:00:00.1+00%20%22x%22%20%c3%a9%25")
    }
}
