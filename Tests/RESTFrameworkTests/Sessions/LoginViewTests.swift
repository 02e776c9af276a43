import Foundation
import RESTTesting
import Testing

@testable import RESTFramework

/// `LoginView` and `LogoutView` through an `Application`, sessions in memory: the form, the
/// refusals (CSRF, wrong password, methods), the redirect with its cookies, escaping.
@Suite struct LoginViewTests {
    let store = InMemorySessionStore()

    var application: Application {
        var sessions = Sessions(secretKey: "test-secret", store: store, users: SessionTestUsers(), hasher: testHasher)
        sessions.loginRedirectURL = "/api/"
        var settings = APISettings()
        settings.authenticationClasses = [TokenAuthentication(store: tokenStore), SessionAuthentication(sessions)]
        let urls = try! URLConf([
            .path("api/auth/login/", LoginView.asView(), name: "login"),
            .path("api/auth/logout/", LogoutView.asView(), name: "logout"),
        ])
        return Application(urls: urls, settings: settings)
    }

    func send(_ method: HTTPMethod, _ path: String, cookie: String? = nil, form: String? = nil) -> RenderedResponse {
        var headers: Headers = [:]
        if let cookie { headers["Cookie"] = cookie }
        let request = APIRequestFactory().generic(
            method, path, body: form ?? "", contentType: form == nil ? nil : "application/x-www-form-urlencoded", headers: headers)
        return application.handle(request)
    }

    func text(_ response: RenderedResponse) -> String { String(decoding: response.body, as: UTF8.self) }

    @Test func formSignInAndSignOut() throws {
        let page = send(.get, "/api/auth/login/?next=/api/x/%3Cb%3E")
        #expect(page.status == 200 && page.headers["Content-Type"] == "text/html; charset=utf-8")
        #expect(page.headers["Allow"] == nil && page.headers["Cache-Control"]?.contains("no-store") == true)
        let csrf = try #require(page.headers.values("Set-Cookie").first)
        let secret = String(csrf.dropFirst("csrftoken=".count).prefix(32))
        let token = try #require(text(page).firstMatch(of: /name="csrfmiddlewaretoken" value="([A-Za-z0-9]{64})"/)).output.1
        #expect(CSRFToken.unmask(String(token)) == secret)
        #expect(text(page).contains(#"name="next" value="/api/x/&lt;b&gt;""#))

        // No token: Django's CSRF failure page.
        let refused = send(.post, "/api/auth/login/", cookie: "csrftoken=" + secret, form: "username=alice&password=s3cret")
        #expect(refused.status == 403 && text(refused).contains("CSRF token missing."))
        // A wrong password, with a username that would be markup: shown as text.
        let wrong = send(
            .post, "/api/auth/login/", cookie: "csrftoken=" + secret,
            form: "csrfmiddlewaretoken=\(token)&username=%3Cscript%3Ealert(1)%3C/script%3E&password=x")
        #expect(wrong.status == 200 && text(wrong).contains(LoginView.invalidLogin))
        #expect(text(wrong).contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !text(wrong).contains("<script>"))
        let empty = send(.post, "/api/auth/login/", cookie: "csrftoken=" + secret, form: "csrfmiddlewaretoken=\(token)")
        #expect(text(empty).components(separatedBy: "This field is required.").count == 3)
        // Inactive users cannot sign in.
        let inactive = send(
            .post, "/api/auth/login/", cookie: "csrftoken=" + secret, form: "csrfmiddlewaretoken=\(token)&username=carol&password=s3cret")
        #expect(inactive.status == 200 && text(inactive).contains(LoginView.invalidLogin) && store.keys.isEmpty)

        // Signed in: to a safe `next`, never elsewhere.
        let signedIn = send(
            .post, "/api/auth/login/", cookie: "csrftoken=" + secret,
            form: "csrfmiddlewaretoken=\(token)&username=alice&password=s3cret&next=https://evil.example/")
        #expect(signedIn.status == 302 && signedIn.headers["Location"] == "/api/")
        let cookies = signedIn.headers.values("Set-Cookie")
        #expect(cookies.count == 2 && cookies[0].hasPrefix("sessionid=") && cookies[1].hasPrefix("csrftoken="))
        #expect(store.keys.count == 1)
        let session = String(cookies[0].dropFirst("sessionid=".count).prefix { $0 != ";" })
        let newSecret = String(cookies[1].dropFirst("csrftoken=".count).prefix(32))
        #expect(newSecret != secret)

        // Signing in again rotates the key.
        let again = send(
            .post, "/api/auth/login/?next=/api/y/", cookie: "sessionid=\(session); csrftoken=\(newSecret)",
            form: "csrfmiddlewaretoken=\(newSecret)&username=alice&password=s3cret")
        #expect(again.status == 302 && again.headers["Location"] == "/api/y/")
        let rotated = String(again.headers.values("Set-Cookie")[0].dropFirst("sessionid=".count).prefix { $0 != ";" })
        #expect(rotated != session && store.keys.count == 1 && store.keys[0] == String(rotated.prefix(32)))

        // Sign-out: 405 for GET and PATCH (after the CSRF check), OPTIONS, then POST.
        let get = send(.get, "/api/auth/logout/", cookie: "sessionid=\(rotated)")
        #expect(get.status == 405 && get.headers["Allow"] == "POST, OPTIONS" && get.body.isEmpty)
        #expect(send(.patch, "/api/auth/logout/", cookie: "sessionid=\(rotated)").status == 403)
        let options = send(.options, "/api/auth/logout/")
        #expect(options.status == 200 && options.headers["Allow"] == "POST, OPTIONS")
        let out = send(
            .post, "/api/auth/logout/", cookie: "sessionid=\(rotated); csrftoken=\(newSecret)", form: "csrfmiddlewaretoken=\(newSecret)")
        #expect(out.status == 200 && text(out).contains("signed out") && store.keys.isEmpty)
        #expect(
            out.headers.values("Set-Cookie") == [#"sessionid=""; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/; SameSite=Lax"#])
    }

    @Test func viewsWithoutSessionAuthenticationSayTheFix() {
        let application = Application(urls: try! URLConf([.path("login/", LoginView.asView())]))
        let response = application.handle(APIRequestFactory().get("/login/"))
        #expect(response.status == 500)
    }
}
