import Foundation

extension WireRequests {
    /// Sessions (the spec's "Browsable API": `/api/auth/login/`, `/api/auth/logout/`,
    /// SessionAuthentication after token and Basic): a browser signs in as admin, reads, posts
    /// without and with the CSRF token, signs out. Each side keeps its own cookies and CSRF
    /// secret (`inBrowser`); the pages' HTML is not compared (DRF's login template is Bootstrap;
    /// status, `Location`, `Allow` and `Content-Type` are).
    static var sessions: [WireRequest] {
        let form = "application/x-www-form-urlencoded"
        let notes = "/api/notes/"
        return [
            request("GET", "/api/auth/login/?next=/api/users/").inBrowser.ignoring(.body),
            request("POST", "/api/auth/login/", form: "username=admin&password=wire-admin-pw", note: "no CSRF cookie")
                .ignoring(.body),
            request("POST", "/api/auth/login/", form: "csrfmiddlewaretoken={csrftoken}&username=admin&password=wrong")
                .inBrowser.ignoring(.body),
            request("POST", "/api/auth/login/", form: "csrfmiddlewaretoken=&username=admin&password=wire-admin-pw", note: "empty token")
                .inBrowser.ignoring(.body),
            request(
                "POST", "/api/auth/login/",
                form: "csrfmiddlewaretoken={csrftoken}&username=admin&password=wire-admin-pw&next=//evil.example/"
            )
            .inBrowser,
            request(
                "POST", "/api/auth/login/?next=/api/users/", form: "csrfmiddlewaretoken={csrftoken}&username=admin&password=wire-admin-pw"
            ).inBrowser,
            request("GET", "/api/users/?page_size=2").inBrowser,
            request("GET", "/api/users/1/").inBrowser,
            request("OPTIONS", notes).inBrowser,
            request("POST", notes, json: #"{"title":"no token"}"#).inBrowser,
            request("POST", notes, headers: [("X-CSRFToken", String(repeating: "a", count: 64))], json: #"{"title":"wrong"}"#).inBrowser,
            request("POST", notes, headers: [("X-CSRFToken", "abc")], json: #"{"title":"short"}"#).inBrowser,
            request("POST", notes, headers: [("X-CSRFToken", "{csrftoken}"), ("Origin", "http://evil.example")], json: #"{"title":"o"}"#)
                .inBrowser,
            request("PATCH", "/api/notes/1/", json: #"{"title":"patched"}"#).inBrowser,
            request("POST", notes, form: "csrfmiddlewaretoken=x&title=form", note: "bad form token").inBrowser,
            request(
                "POST", notes, headers: [("X-CSRFToken", "{csrftoken}"), ("Origin", "http://testserver")], json: #"{"title":"session"}"#
            )
            .inBrowser,
            request("POST", notes, form: "csrfmiddlewaretoken={csrftoken}&title=form%20session").inBrowser,
            request("DELETE", "/api/notes/2/", headers: [("X-CSRFToken", "{csrftoken}")]).inBrowser,
            // Token requests are never CSRF-checked, cookies or not; nor are Basic ones.
            request("POST", notes, .ada, json: #"{"title":"token"}"#).inBrowser,
            request("POST", notes, .bob, json: #"{"title":"basic"}"#).inBrowser,
            request("POST", notes, .badToken, json: #"{"title":"bad token"}"#).inBrowser,
            // Sign-out: POST only (Django 5), with the token.
            request("GET", "/api/auth/logout/").inBrowser,
            request("OPTIONS", "/api/auth/logout/").inBrowser,
            request("POST", "/api/auth/logout/", form: "x=1").inBrowser.ignoring(.body),
            request("POST", "/api/auth/logout/?next=/api/notes/", form: "csrfmiddlewaretoken={csrftoken}").inBrowser,
            request("GET", "/api/users/1/").inBrowser,
            request("POST", notes, json: #"{"title":"signed out"}"#).inBrowser,
            request("GET", "/api/auth/login/").ignoring(.body),
            request("PATCH", "/api/auth/login/", contentType: form, raw: []).ignoring(.body),
        ]
    }
}
