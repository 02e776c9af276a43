import Testing
@testable import RESTFramework

@Suite struct TokenAuthenticationTests {
    let auth = TokenAuthentication(store: tokenStore)

    @Test func validTokenAuthenticatesWithTheKeyAsAuth() throws {
        let result = try #require(try auth.authenticate(request(authorization: "Token \(aliceToken)")))
        #expect(result.user.username == "alice")
        #expect(result.auth as? String == aliceToken)
    }

    @Test func schemeIsCaseInsensitiveAndWhitespaceIsAnyRun() throws {
        for header in ["token \(aliceToken)", "TOKEN \(aliceToken)", "  Token\t\t\(aliceToken)  ", "Token\u{0B}\(aliceToken)\r\n"] {
            #expect(try auth.authenticate(request(authorization: header))?.user.username == "alice", "\(header)")
        }
    }

    @Test func otherSchemesAndEmptyHeadersAreNoCredentials() throws {
        for header in [
            "", "   ", "Bearer \(aliceToken)", "Basic YWxpY2U6czNjcmV0", "Tokens \(aliceToken)", "Tok \(aliceToken)",
            // Only ASCII whitespace separates (Python's bytes.split()): NBSP does not.
            "Token\u{A0}\(aliceToken)", "Token\u{1C}\(aliceToken)",
        ] {
            #expect(try auth.authenticate(request(authorization: header)) == nil, "\(header)")
        }
        #expect(try auth.authenticate(request()) == nil)
    }

    @Test(arguments: [
        "", " ", "Token abc", "  Token\t\tabc  ", "a\u{0B}b\u{0C}c\r\nd", "Token\u{A0}abc x", "caf\u{E9} x", "\u{20AC} \u{20AC}\t",
    ])
    func headerWordsAreBytesSplitOnASCIIWhitespace(_ value: String) {
        // Python's bytes.split(), spelled out: the reference the byte loop must agree with.
        let bytes = AuthorizationHeader.bytes(of: value)
        let expected = bytes.split(whereSeparator: AuthorizationHeader.isWhitespace).map(Array.init)
        #expect(AuthorizationHeader(value: value).words == expected)
    }

    @Test(arguments: [
        "Token abc", "token abc", "  TOKEN\t\tabc \r\n", "Token", "Token ", "Token a b", "Bearer abc", "Tokens abc",
        "Tok abc", "", "   ", "Token caf\u{E9}", "Token\u{A0}abc", "Token\u{1C}abc", "Token \u{0}abc",
    ])
    func asciiShortcutAgreesWithTheWordSplit(_ value: String) {
        // The shortcut accepts exactly the headers the general path would read a key from (or
        // leaves the header to it), with the same key.
        let words = AuthorizationHeader(value: value).words
        let general: String? =
            words.count == 2 && AuthorizationHeader(value: value).hasScheme("Token")
            ? String(validating: words[1], as: UTF8.self) : nil
        let shortcut = TokenAuthentication.key(ofASCIIHeader: value, keyword: "Token")
        if let shortcut { #expect(shortcut == general, "\(value)") }
        let isASCII = value.utf8.allSatisfy { $0 < 0x80 }
        #expect((shortcut != nil) == (isASCII && general != nil), "\(value)")
    }

    @Test func malformedHeaders() {
        #expect(
            failure { try auth.authenticate(request(authorization: "Token")) }
                == "Invalid token header. No credentials provided.")
        #expect(
            failure { try auth.authenticate(request(authorization: "Token   ")) }
                == "Invalid token header. No credentials provided.")
        #expect(
            failure { try auth.authenticate(request(authorization: "Token abc def")) }
                == "Invalid token header. Token string should not contain spaces.")
        // A byte that is not UTF-8 (é as Latin-1, the way a WSGI-style responder hands it over).
        #expect(
            failure { try auth.authenticate(request(authorization: "Token caf\u{E9}")) }
                == "Invalid token header. Token string should not contain invalid characters.")
    }

    @Test func validUTF8ThatIsNoKeyIsAnInvalidToken() {
        // "é" as the two Latin-1 characters of its UTF-8 bytes decodes fine, then is unknown.
        #expect(failure { try auth.authenticate(request(authorization: "Token caf\u{C3}\u{A9}")) } == "Invalid token.")
        #expect(failure { try auth.authenticate(request(authorization: "Token café☕")) } == "Invalid token.")
    }

    @Test func unknownTokensAndNULs() {
        #expect(failure { try auth.authenticate(request(authorization: "Token 0000")) } == "Invalid token.")
        #expect(failure { try auth.authenticate(request(authorization: "Token \(aliceToken.uppercased())")) } == "Invalid token.")
        #expect(failure { try auth.authenticate(request(authorization: "Token \(aliceToken)\u{0}")) } == "Invalid token.")
        #expect(failure { try auth.authenticate(request(authorization: "Token abc\u{1C}def")) } == "Invalid token.")
        // Byte 0x85 (NEL) is not a separator either, and alone it is not UTF-8.
        #expect(
            failure { try auth.authenticate(request(authorization: "Token abc\u{85}def")) }
                == "Invalid token header. Token string should not contain invalid characters.")
    }

    @Test func inactiveUser() {
        #expect(failure { try auth.authenticate(request(authorization: "Token \(carolToken)")) } == "User inactive or deleted.")
    }

    @Test func customKeyword() throws {
        let bearer = TokenAuthentication(store: tokenStore, keyword: "Bearer")
        #expect(try bearer.authenticate(request(authorization: "bearer \(aliceToken)"))?.user.username == "alice")
        #expect(try bearer.authenticate(request(authorization: "Token \(aliceToken)")) == nil)
        #expect(failure { try bearer.authenticate(request(authorization: "Bearer")) } == "Invalid token header. No credentials provided.")
        #expect(bearer.authenticateHeader(request()) == "Bearer")
        #expect(auth.authenticateHeader(request()) == "Token")
    }

    @Test func storeErrorsPropagate() {
        struct Down: Error {}
        struct FailingStore: TokenStore {
            func user(forToken key: String, request: Request) throws -> (any RequestUser)? { throw Down() }
        }
        #expect(throws: Down.self) { try TokenAuthentication(store: FailingStore()).authenticate(request(authorization: "Token x")) }
    }

    @Test func generatedKeysAre40LowercaseHexAndDistinct() {
        let keys = (0..<50).map { _ in TokenAuthentication.generateKey() }
        for key in keys {
            #expect(key.count == 40)
            #expect(key.allSatisfy { "0123456789abcdef".contains($0) })
        }
        #expect(Set(keys).count == keys.count)
    }
}
