import Testing
@testable import RESTFramework

// Expected encodings computed with Python's base64.b64encode.
@Suite struct BasicAuthenticationTests {
    let auth = BasicAuthentication(store: userStore, hasher: testHasher)

    @Test func validCredentials() throws {
        let result = try #require(try auth.authenticate(request(authorization: "Basic YWxpY2U6czNjcmV0")))
        #expect(result.user.username == "alice")
        #expect(result.auth == nil)
        #expect(try auth.authenticate(request(authorization: "bAsIc \t YWxpY2U6czNjcmV0 "))?.user.username == "alice")
    }

    @Test func passwordMayContainColons() throws {
        // "bob:pa:ss:word"
        let header = "Basic " + PythonBase64.encode(Array("bob:pa:ss:word".utf8))
        #expect(try auth.authenticate(request(authorization: header))?.user.username == "bob")
    }

    @Test func junkOutsideTheAlphabetIsSkipped() throws {
        // "YWxpY2U6czNjcmV0" with junk interleaved, as Python's b64decode skips it.
        #expect(try auth.authenticate(request(authorization: "Basic YWx!pY2U6c*zNj_cmV0"))?.user.username == "alice")
        #expect(try auth.authenticate(request(authorization: "Basic YWxpY2U6czNjcmV0===="))?.user.username == "alice")
    }

    @Test func utf8AndLatin1Credentials() throws {
        // "josé:café" in UTF-8 and in Latin-1 ("am9z6TpjYWbp" = b"jos\xe9:caf\xe9"): both read as the same text.
        let utf8 = "Basic " + PythonBase64.encode(Array("josé:café".utf8))
        #expect(try auth.authenticate(request(authorization: utf8))?.user.username == "josé")
        #expect(try auth.authenticate(request(authorization: "Basic am9z6TpjYWbp"))?.user.username == "josé")
    }

    @Test func otherSchemesAreNoCredentials() throws {
        for header in ["", "Token \(aliceToken)", "Bearer YWxpY2U6czNjcmV0", "Basically YWxpY2U6czNjcmV0"] {
            #expect(try auth.authenticate(request(authorization: header)) == nil, "\(header)")
        }
    }

    @Test func malformedHeaders() {
        let cases: [(String, String)] = [
            ("Basic", "Invalid basic header. No credentials provided."),
            ("basic  ", "Invalid basic header. No credentials provided."),
            ("Basic YWxp Y2U6czNjcmV0", "Invalid basic header. Credentials string should not contain spaces."),
            ("Basic YWxpY2U6czNjcmV", "Invalid basic header. Credentials not correctly base64 encoded."),  // bad padding
            ("Basic YWxpY2U6czNjcm", "Invalid basic header. Credentials not correctly base64 encoded."),  // 1 extra char
            ("Basic YWxpY2VwYXNzd29yZA==", "Invalid basic header. Credentials not correctly base64 encoded."),  // no colon
            ("Basic !!!!", "Invalid basic header. Credentials not correctly base64 encoded."),  // empty: no colon
        ]
        for (header, message) in cases {
            #expect(failure { try auth.authenticate(request(authorization: header)) } == message, "\(header)")
        }
    }

    @Test func badCredentialsAllLookAlike() {
        let cases = [
            "alice:wrong", "alice:", "alice:S3CRET", "Alice:s3cret", "nobody:s3cret", ":s3cret",
            "carol:s3cret",  // inactive, right password: Django's ModelBackend refuses, DRF says this
            "dave:",  // unusable password
            "al\u{0}ice:s3cret",
        ]
        for credentials in cases {
            let header = "Basic " + PythonBase64.encode(Array(credentials.utf8))
            #expect(failure { try auth.authenticate(request(authorization: header)) } == "Invalid username/password.", "\(credentials)")
        }
    }

    @Test func authenticateHeaderNamesTheRealm() {
        #expect(auth.authenticateHeader(request()) == "Basic realm=\"api\"")
        #expect(BasicAuthentication(store: userStore, realm: "staff").authenticateHeader(request()) == "Basic realm=\"staff\"")
    }
}
