import Foundation
import TestSupport
import Testing

/// Sessions through the real stack (api-server behind nginx, PostgreSQL): sign-in at
/// `/api/auth/login/` (302, the cookies' attributes, the row in `sessions`, rotation), requests
/// with the session, Django's CSRF check on unsafe ones (DRF's 403 messages; token requests
/// never checked), the https Origin/Referer checks (nginx sending `HTTPS on`), sign-out and
/// expiry.
@Suite(.needsTestsRun) struct SessionTests {
    /// A browser's cookie jar for one host, enough for these tests.
    struct Browser {
        let port: Int
        var cookies: [String: String] = [:]
        var lastSetCookies: [String] = []

        mutating func send(_ method: String, _ path: String, headers: [(String, String)] = [], body: String? = nil) throws
            -> RawHTTPClient.Response
        {
            var all = headers
            if !cookies.isEmpty { all.append(("Cookie", cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))) }
            let response = try RawHTTPClient.send(
                port: port, method: method, path: path, headers: all, body: body.map { Array($0.utf8) } ?? [])
            lastSetCookies = response.headers.filter { $0.name.lowercased() == "set-cookie" }.map(\.value)
            for header in lastSetCookies {
                let pair = header.prefix { $0 != ";" }
                guard let equals = pair.firstIndex(of: "=") else { continue }
                let (name, value) = (String(pair[..<equals]), String(pair[pair.index(after: equals)...]))
                if header.contains("Max-Age=0") { cookies[name] = nil } else { cookies[name] = value }
            }
            return response
        }

        func setCookie(_ name: String) -> String? { lastSetCookies.first { $0.hasPrefix(name + "=") } }

        /// The login form's hidden CSRF token.
        static func formToken(_ html: String) -> String? {
            guard let match = html.firstMatch(of: /name="csrfmiddlewaretoken" value="([A-Za-z0-9]+)"/) else { return nil }
            return String(match.output.1)
        }

        /// GET the form, POST the credentials with its token; the POST's answer.
        mutating func signIn(_ username: String, _ password: String, next: String = "") throws -> RawHTTPClient.Response {
            let form = try send("GET", "/api/auth/login/")
            let token = Self.formToken(form.text) ?? ""
            return try send(
                "POST", "/api/auth/login/", headers: [("Content-Type", "application/x-www-form-urlencoded")],
                body: "csrfmiddlewaretoken=\(token)&username=\(username)&password=\(password)&next=\(next)")
        }
    }

    static let json = [("Content-Type", "application/json")]

    func makeUser(_ stack: APIStack, _ name: String, _ password: String) throws -> String {
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = stack.database!.url
        environment["SRF_PASSWORD_ITERATIONS"] = "10"
        let created = try Subprocess.run(
            TestEnvironment.executable("api-admin"), ["create-user", name, "--password-stdin"], environment: environment,
            stdin: password + "\n")
        guard created.status == 0 else { throw TestSupportError("create-user: \(created.stderr)") }
        return created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func signInSessionRequestsCSRFRotationSignOutAndExpiry() throws {
        let stack = try APIStack(arguments: ["--workers", "2"])
        let database = stack.database!
        let token = try makeUser(stack, "ada", "pw-1")
        var browser = Browser(port: stack.port)
        let origin = "http://127.0.0.1:\(stack.port)"

        // The form: HTML, a masked token of the csrftoken cookie's secret, `next` kept.
        let form = try browser.send("GET", "/api/auth/login/?next=/api/notes/")
        #expect(form.status == 200 && form.header("Content-Type") == "text/html; charset=utf-8")
        #expect(form.header("Allow") == nil)
        let csrfCookie = try #require(browser.setCookie("csrftoken"))
        #expect(csrfCookie.firstMatch(of: /^csrftoken=[A-Za-z0-9]{32}; expires=[^;]+ GMT; Max-Age=31449600; Path=\/; SameSite=Lax$/) != nil)
        let formToken = try #require(Browser.formToken(form.text))
        #expect(formToken.count == 64)
        #expect(form.text.contains(#"name="next" value="/api/notes/""#))

        // A sign-in without the CSRF cookie is refused, as Django's csrf_protect does.
        let forged = try RawHTTPClient.send(
            port: stack.port, method: "POST", path: "/api/auth/login/",
            headers: [("Content-Type", "application/x-www-form-urlencoded")], body: Array("username=ada&password=pw-1".utf8))
        #expect(forged.status == 403 && forged.text.contains("CSRF cookie not set."))

        // A wrong password: the form again with Django's message, no session.
        let wrong = try browser.send(
            "POST", "/api/auth/login/", headers: [("Content-Type", "application/x-www-form-urlencoded")],
            body: "csrfmiddlewaretoken=\(formToken)&username=ada&password=nope")
        #expect(wrong.status == 200 && wrong.text.contains("Please enter a correct username and password."))
        #expect(browser.cookies["sessionid"] == nil)

        // Signed in: 302 to `next`, the session cookie's attributes, a new CSRF secret.
        let oldSecret = browser.cookies["csrftoken"]
        let signedIn = try browser.signIn("ada", "pw-1", next: "/api/notes/")
        #expect(signedIn.status == 302 && signedIn.header("Location") == "/api/notes/", "\(signedIn.text) \(stack.logs)")
        let sessionCookie = try #require(browser.setCookie("sessionid"))
        #expect(
            sessionCookie.firstMatch(
                of: /^sessionid=[a-z0-9]{32}:[A-Za-z0-9_-]{43}; expires=[^;]+ GMT; HttpOnly; Max-Age=1209600; Path=\/; SameSite=Lax$/)
                != nil, "\(sessionCookie)")
        #expect(browser.cookies["csrftoken"] != oldSecret)
        let firstKey = String(try #require(browser.cookies["sessionid"]).prefix(32))
        #expect(try database.psql("SELECT count(*) FROM sessions WHERE session_key = '\(firstKey)'") == "1")
        #expect(try database.psql("SELECT session_data::jsonb ->> '_auth_user_id' FROM sessions") == "1")
        #expect(try database.psql("SELECT last_login IS NOT NULL FROM users WHERE username = 'ada'") == "t")

        // Requests with the session.
        #expect(try browser.send("GET", "/api/users/1/").status == 200)
        let missing = try browser.send("POST", "/api/notes/", headers: Self.json, body: #"{"title":"x"}"#)
        #expect(missing.status == 403 && missing.text == #"{"detail":"CSRF Failed: CSRF token missing."}"#)
        let incorrect = try browser.send(
            "POST", "/api/notes/", headers: Self.json + [("X-CSRFToken", String(repeating: "a", count: 64))], body: #"{"title":"x"}"#)
        #expect(incorrect.text == #"{"detail":"CSRF Failed: CSRF token from the 'X-Csrftoken' HTTP header incorrect."}"#)
        let short = try browser.send("POST", "/api/notes/", headers: Self.json + [("X-CSRFToken", "abc")], body: #"{"title":"x"}"#)
        #expect(short.text == #"{"detail":"CSRF Failed: CSRF token from the 'X-Csrftoken' HTTP header has incorrect length."}"#)
        let badOrigin = try browser.send(
            "POST", "/api/notes/", headers: Self.json + [("Origin", "http://evil.example")], body: #"{"title":"x"}"#)
        #expect(
            badOrigin.text == #"{"detail":"CSRF Failed: Origin checking failed - http://evil.example does not match any trusted origins."}"#
        )
        let secret = try #require(browser.cookies["csrftoken"])
        let created = try browser.send(
            "POST", "/api/notes/", headers: Self.json + [("X-CSRFToken", secret), ("Origin", origin)], body: #"{"title":"x"}"#)
        #expect(created.status == 201, "\(created.text)")
        // Token requests are never CSRF-checked, cookie or not.
        let withToken = try browser.send(
            "POST", "/api/notes/", headers: Self.json + [("Authorization", "Token " + token)], body: #"{"title":"y"}"#)
        #expect(withToken.status == 201, "\(withToken.text)")
        // Part 1's 401 stays: a session cookie nobody signed is no session.
        let unsigned = try RawHTTPClient.send(
            port: stack.port, method: "GET", path: "/api/users/", headers: [("Cookie", "sessionid=\(firstKey):forged")])
        #expect(unsigned.status == 401 && unsigned.header("WWW-Authenticate") == "Token")

        // Rotation: signing in again replaces the session; the old key is gone.
        let oldCookie = try #require(browser.cookies["sessionid"])
        #expect(try browser.signIn("ada", "pw-1").header("Location") == "/api/")
        #expect(browser.cookies["sessionid"] != oldCookie)
        #expect(try database.psql("SELECT count(*) FROM sessions WHERE session_key = '\(firstKey)'") == "0")
        let stale = try RawHTTPClient.send(
            port: stack.port, method: "GET", path: "/api/users/", headers: [("Cookie", "sessionid=" + oldCookie)])
        #expect(stale.status == 401)

        // Sign-out: POST only (GET is Django 5's 405), with the token; the row and cookie go.
        let get = try browser.send("GET", "/api/auth/logout/")
        #expect(get.status == 405 && get.header("Allow") == "POST, OPTIONS")
        #expect(try browser.send("POST", "/api/auth/logout/").status == 403)
        let current = try #require(browser.cookies["sessionid"])
        let signedOut = try browser.send(
            "POST", "/api/auth/logout/?next=/api/tags/", headers: [("Content-Type", "application/x-www-form-urlencoded")],
            body: "csrfmiddlewaretoken=\(browser.cookies["csrftoken"] ?? "")")
        #expect(signedOut.status == 302 && signedOut.header("Location") == "/api/tags/")
        #expect(browser.setCookie("sessionid") == #"sessionid=""; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/; SameSite=Lax"#)
        #expect(try database.psql("SELECT count(*) FROM sessions") == "0")
        let afterSignOut = try RawHTTPClient.send(
            port: stack.port, method: "GET", path: "/api/users/", headers: [("Cookie", "sessionid=" + current)])
        #expect(afterSignOut.status == 401)

        // Expiry: an expired row authenticates nobody, and the next sign-in clears it.
        #expect(try browser.signIn("ada", "pw-1").status == 302)
        try database.psql("UPDATE sessions SET expire_date = now() - interval '1 second'")
        #expect(try browser.send("GET", "/api/users/1/").status == 401)
        var other = Browser(port: stack.port)
        #expect(try other.signIn("ada", "pw-1").status == 302)
        #expect(try database.psql("SELECT count(*) FROM sessions") == "1")

        // A changed password ends the session (Django's session auth hash).
        #expect(try other.send("GET", "/api/users/1/").status == 200)
        try database.psql("UPDATE users SET password = 'pbkdf2_sha256$10$x$y' WHERE username = 'ada'")
        #expect(try other.send("GET", "/api/users/1/").status == 401)
        #expect(try database.psql("SELECT count(*) FROM sessions") == "0")
    }

    @Test func httpsSetsSecureAndChecksRefererAndOrigin() throws {
        let stack = try APIStack(arguments: ["--workers", "2"])
        _ = try makeUser(stack, "ada", "pw-1")
        // nginx as deployed, but telling the responder the request came over https.
        let template = try String(contentsOfFile: NginxProcess.projectRoot + "/deploy/nginx/api-server.conf", encoding: .utf8)
        let params = NginxProcess.projectRoot + "/deploy/nginx/fastcgi_params"
        let socket = stack.socketPath
        let https = try NginxProcess(site: { port in
            template.replacingOccurrences(of: "@LISTEN@", with: "127.0.0.1:\(port)")
                .replacingOccurrences(of: "@SOCKET@", with: socket)
                .replacingOccurrences(of: "include @PARAMS@;", with: "include \(params);\n        fastcgi_param HTTPS on;")
                .replacingOccurrences(of: "@MAX_BODY@", with: "1m")
        })
        defer { https.stop() }
        let host = "127.0.0.1:\(https.port)"
        var browser = Browser(port: https.port)
        let form = try browser.send("GET", "/api/auth/login/")
        #expect(browser.setCookie("csrftoken")?.hasSuffix("; SameSite=Lax; Secure") == true)
        let token = try #require(Browser.formToken(form.text))
        let body = "csrfmiddlewaretoken=\(token)&username=ada&password=pw-1&next=http://\(host)/api/notes/"
        let formType = ("Content-Type", "application/x-www-form-urlencoded")
        // On https a POST without Origin needs a Referer of this host over https.
        let noReferer = try browser.send("POST", "/api/auth/login/", headers: [formType], body: body)
        #expect(noReferer.status == 403 && noReferer.text.contains("Referer checking failed - no Referer."))
        let insecure = try browser.send("POST", "/api/auth/login/", headers: [formType, ("Referer", "http://\(host)/")], body: body)
        #expect(insecure.text.contains("Referer checking failed - Referer is insecure while host is secure."))
        let signedIn = try browser.send("POST", "/api/auth/login/", headers: [formType, ("Referer", "https://\(host)/api/")], body: body)
        // `next` over http is not followed from an https page: the default instead.
        #expect(signedIn.status == 302 && signedIn.header("Location") == "/api/", "\(signedIn.text)")
        #expect(browser.setCookie("sessionid")?.hasSuffix("; HttpOnly; Max-Age=1209600; Path=/; SameSite=Lax; Secure") == true)

        let secret = try #require(browser.cookies["csrftoken"])
        let headers = Self.json + [("X-CSRFToken", secret)]
        let missing = try browser.send("POST", "/api/notes/", headers: headers, body: #"{"title":"x"}"#)
        #expect(missing.text == #"{"detail":"CSRF Failed: Referer checking failed - no Referer."}"#)
        let elsewhere = try browser.send(
            "POST", "/api/notes/", headers: headers + [("Referer", "https://evil.example/page?")], body: #"{"title":"x"}"#)
        #expect(
            elsewhere.text
                == #"{"detail":"CSRF Failed: Referer checking failed - https://evil.example/page does not match any trusted origins."}"#)
        let badOrigin = try browser.send("POST", "/api/notes/", headers: headers + [("Origin", "http://\(host)")], body: #"{"title":"x"}"#)
        #expect(
            badOrigin.text == "{\"detail\":\"CSRF Failed: Origin checking failed - http://\(host) does not match any trusted origins.\"}")
        let good = try browser.send(
            "POST", "/api/notes/", headers: headers + [("Referer", "https://\(host)/api/notes/")], body: #"{"title":"x"}"#)
        #expect(good.status == 201, "\(good.text)")
        let goodOrigin = try browser.send(
            "POST", "/api/notes/", headers: headers + [("Origin", "https://\(host)")], body: #"{"title":"x"}"#)
        #expect(goodOrigin.status == 201, "\(goodOrigin.text)")
    }
}
