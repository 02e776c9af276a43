import Testing
@testable import RESTFramework

/// Header names compare ASCII case-insensitively, byte by byte (as Django's `HttpHeaders`).
@Suite struct HeadersTests {
    @Test func lookupIgnoresASCIICaseOnly() {
        let headers: Headers = ["authorization": "Token a", "Content-Type": "application/json", "X-Caf\u{E9}": "1"]
        #expect(headers["Authorization"] == "Token a")
        #expect(headers["AUTHORIZATION"] == "Token a")
        #expect(headers["content-type"] == "application/json")
        #expect(headers["x-caf\u{E9}"] == "1")
        // Same length, one byte apart; non-ASCII letters are not folded.
        #expect(headers["authorizatioN"] == "Token a")
        #expect(headers["authorizatiom"] == nil)
        #expect(headers["X-CAF\u{C9}"] == nil)
        #expect(headers["Content-Typ"] == nil)
        // `@` (64) and `[` (91) border `A`–`Z`: they must not fold onto `` ` `` (96) or `{` (123).
        #expect(!Headers.equal("@", "`") && !Headers.equal("[", "{") && Headers.equal("Z", "z"))
    }
}
