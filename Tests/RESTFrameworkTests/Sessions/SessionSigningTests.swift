import Testing

@testable import RESTFramework

/// The pure parts of sessions, checked against values Django 5.2 computes (`django.core.signing`,
/// `django.middleware.csrf`, `salted_hmac`, `url_has_allowed_host_and_scheme`, `iri_to_uri`).
@Suite struct SessionSigningTests {
    @Test func signerMatchesDjangosSigner() {
        let signer = Signer(secretKey: "s3cret")
        #expect(signer.sign("k3y") == "k3y:KSjwc7GBXCJ5LL3WSz0wFyz6a1WX46OCatHNeNfG-4A")
        let cookie = Signer(secretKey: "s3cret", salt: "rest_framework.sessions.SessionCookie")
        #expect(
            cookie.sign("abcdefghijklmnopqrstuvwxyz012345")
                == "abcdefghijklmnopqrstuvwxyz012345:FAS9UOUj0SMqIN9C-6Ssb-QoD-74GNPS9aego5wZxNU")
        #expect(signer.unsign("k3y:KSjwc7GBXCJ5LL3WSz0wFyz6a1WX46OCatHNeNfG-4A") == "k3y")
    }

    @Test func signerRefusesWhatItDidNotSign() {
        let signer = Signer(secretKey: "s3cret")
        let signed = signer.sign("k3y")
        #expect(signer.unsign("k3z" + signed.dropFirst(3)) == nil)
        #expect(signer.unsign(String(signed.dropLast())) == nil)
        #expect(signer.unsign("k3y") == nil)
        #expect(signer.unsign("") == nil)
        #expect(Signer(secretKey: "other").unsign(signed) == nil)
        #expect(Signer(secretKey: "s3cret", salt: "other").unsign(signed) == nil)
    }

    @Test func sessionAuthHashIsDjangos() {
        let sessions = Sessions(secretKey: "s3cret", store: InMemorySessionStore(), users: SessionTestUsers())
        #expect(
            sessions.sessionAuthHash("pbkdf2_sha256$10$salt$hash")
                == "65edac7c46f3d87afdbcda743f11242daa464b3491c916a44c8ccd7bb4b13240")
    }

    @Test func csrfTokensUnmaskAsDjangosDo() {
        #expect(
            CSRFToken.unmask("abcdefghijklmnopqrstuvwxyzABCDEF" + "ZYXWVUTSRQPONMLKJIHGFEDCBA987654")
                == "ZXVTRPNLJHFDBzxvtrpnljhfdbJHFDBz")
        for _ in 0..<50 {
            let secret = CSRFToken.newSecret()
            #expect(secret.count == 32 && CSRFToken.formatProblem(secret) == nil)
            let token = CSRFToken.mask(secret)
            #expect(token.count == 64 && CSRFToken.formatProblem(token) == nil)
            #expect(CSRFToken.unmask(token) == secret)
            #expect(CSRFToken.matches(token, secret: secret) && CSRFToken.matches(secret, secret: secret))
            #expect(!CSRFToken.matches(CSRFToken.mask(CSRFToken.newSecret()), secret: secret))
        }
        // A fresh mask each time: the page's token never repeats.
        let secret = CSRFToken.newSecret()
        #expect(CSRFToken.mask(secret) != CSRFToken.mask(secret))
    }

    @Test func csrfTokenFormatProblemsAreDjangosWords() {
        #expect(CSRFToken.formatProblem("abc") == "has incorrect length")
        #expect(CSRFToken.formatProblem(String(repeating: "a", count: 33)) == "has incorrect length")
        #expect(CSRFToken.formatProblem(String(repeating: "a", count: 31) + "-") == "has invalid characters")
        // Lengths in code points, as Python's `len`.
        #expect(CSRFToken.formatProblem(String(repeating: "é", count: 32)) == "has invalid characters")
        #expect(CSRFToken.formatProblem(String(repeating: "é", count: 40)) == "has incorrect length")
        #expect(CSRFToken.formatProblem(String(repeating: "a", count: 63) + "!") == "has invalid characters")
    }

    @Test func redirectsStayOnThisHostAsDjangoAllows() {
        let cases: [(String, Bool, Bool)] = [
            ("/api/", true, true), ("//evil.example/", false, false), ("http://testserver/x", true, false),
            ("https://testserver/x", true, true), ("http:///x", false, false), ("///x", false, false),
            (#"\\evil"#, false, false), (" /api/", true, true), ("javascript:alert(1)", false, false),
            ("\u{01}/x", false, false), ("http://evil/", false, false),
        ]
        for (url, http, https) in cases {
            #expect(SafeRedirect.isAllowed(url, host: "testserver", requireHTTPS: false) == http, "\(url)")
            #expect(SafeRedirect.isAllowed(url, host: "testserver", requireHTTPS: true) == https, "\(url)")
        }
        #expect(!SafeRedirect.isAllowed(nil, host: "testserver", requireHTTPS: false))
        #expect(!SafeRedirect.isAllowed("", host: "testserver", requireHTTPS: false))
        #expect(SafeRedirect.iriToURI("/api/ü x?a=1&b=ä#f") == "/api/%C3%BC%20x?a=1&b=%C3%A4#f")
    }

    @Test func cookiesParseAndWriteAsDjangoDoes() {
        #expect(Cookies.value(named: "sessionid", in: "a=1; sessionid= k:s ;b=2") == "k:s")
        #expect(Cookies.value(named: "sessionid", in: "sessionid=1; sessionid=2") == "2")
        #expect(Cookies.value(named: "sessionid", in: "xsessionid=1") == nil)
        #expect(Cookies.value(named: "sessionid", in: nil) == nil)
        let cookie = SetCookie(name: "sessionid", value: "k:s", maxAge: 1_209_600, secure: true, httpOnly: true, sameSite: "Lax")
        #expect(
            cookie.headerValue(now: 1_765_000_000)
                == "sessionid=k:s; expires=Sat, 20 Dec 2025 05:46:40 GMT; HttpOnly; Max-Age=1209600; Path=/; SameSite=Lax; Secure")
        #expect(
            SetCookie.deletion(name: "sessionid").headerValue()
                == #"sessionid=""; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/; SameSite=Lax"#)
    }

    @Test func templateValuesAreEscapedAndNeverReadAsPlaceholders() {
        let html = LoginTemplate.render("<p>{{a}}</p>{{{b}}}", ["a": "<script>alert('{{b}}')</script>", "b": "<i>x</i>"])
        #expect(html == "<p>&lt;script&gt;alert(&#x27;{{b}}&#x27;)&lt;/script&gt;</p><i>x</i>")
    }
}

/// Users for the session tests: alice (active), carol (inactive), by username and by id.
struct SessionTestUsers: SessionUserStore {
    func user(forUsername username: String, request: Request) throws -> (user: any RequestUser, passwordHash: String)? {
        try userStore.user(forUsername: username, request: request)
    }

    func user(forSessionUserID id: String, request: Request) throws -> (user: any RequestUser, passwordHash: String)? {
        userStore.users.values.first { $0.user.pk.description == id }
    }
}
