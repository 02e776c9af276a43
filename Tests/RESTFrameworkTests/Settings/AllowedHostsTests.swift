import Testing
@testable import RESTFramework
import RESTTesting

/// Django's `ALLOWED_HOSTS`, with the cases of Django's own `HostValidationTests`
/// (tests/requests_tests/tests.py), and the 400 `Application` answers before any view runs.
@Suite struct AllowedHostsTests {
    /// Django's test setting.
    static let django: AllowedHosts = [
        "forward.com", "example.com", "internal.com", "12.34.56.78", "[2001:19f0:feee::dead:beef:cafe]",
        "xn--4ca9at.com", ".multitenant.com", "INSENSITIVE.com", "[::ffff:169.254.169.254]",
    ]
    static let poisoned = [
        "example.com@evil.tld", "example.com:dr.frankenstein@evil.tld", "example.com:dr.frankenstein@evil.tld:80",
        "example.com:80/badpath", "example.com: recovermypassword.com",
    ]

    @Test func djangosLegitimateHostsAreAllowed() {
        for host in [
            "example.com", "example.com:80", "12.34.56.78", "12.34.56.78:443", "[2001:19f0:feee::dead:beef:cafe]",
            "[2001:19f0:feee::dead:beef:cafe]:8080", "xn--4ca9at.com", "anything.multitenant.com", "multitenant.com",
            "insensitive.com", "example.com.", "example.com.:80", "[::ffff:169.254.169.254]",
            // Uppercase in the request, too: the host is lowercased before matching.
            "EXAMPLE.com", "Deep.Sub.MultiTenant.COM:8000", "[2001:19F0:FEEE::DEAD:BEEF:CAFE]:8080",
        ] {
            #expect(Self.django.allows(host), "\(host)")
        }
    }

    @Test func djangosPoisonedAndOtherHostsAreRefused() {
        for host in Self.poisoned + [
            "other.com", "example.com..", "", ".", ":80", "example.com:", "example.com:8o", "example.com:80:80",
            "notmultitenant.com", "multitenant.com.evil.tld", "example.com\n", " example.com", "exa_mple.com",
            "exämple.com", "[::1", "[]", "[:]", "[1.2::3]", "[::1]x", "[::1]:", "[g::1]",
        ] {
            #expect(!Self.django.allows(host), "\(host.debugDescription)")
        }
    }

    @Test func aStarMatchesAnyWellFormedHostOnly() {
        let any: AllowedHosts = ["*"]
        for host in ["example.com", "forward.com:8080", "[::1]:8000", "a-b.c"] { #expect(any.allows(host), "\(host)") }
        // Django still refuses what is not a host at all.
        for host in Self.poisoned + ["", "a b"] { #expect(!any.allows(host), "\(host)") }
    }

    @Test func aLeadingDotMatchesTheDomainAndItsSubdomains() {
        let hosts: AllowedHosts = ["api.example.com", ".example.org"]
        for host in ["api.example.com", "api.example.com:8000", "example.org", "www.example.org", "a.b.example.org:443", "example.org."] {
            #expect(hosts.allows(host), "\(host)")
        }
        for host in ["example.com", "www.api.example.com", "badexample.org", "example.org.evil.com", "evil.com"] {
            #expect(!hosts.allows(host), "\(host)")
        }
    }

    @Test func ipv6AndTheDefaultLocalNames() {
        let local = AllowedHosts.localDefault
        for host in ["[::1]", "[::1]:8000", "127.0.0.1", "127.0.0.1:8000", "localhost", "LOCALHOST:8000", "api.localhost", "testserver"] {
            #expect(local.allows(host), "\(host)")
        }
        for host in ["[::2]:8000", "127.0.0.2", "evil.com", "localhost.evil.com", "testserver.evil.com"] {
            #expect(!local.allows(host), "\(host)")
        }
        #expect(APISettings().allowedHosts == .localDefault)
    }

    @Test func splitDomainPortAsDjango() {
        #expect(HostSyntax.split("example.com.:8080") == ("example.com", "8080"))
        #expect(HostSyntax.split("Example.COM") == ("example.com", ""))
        #expect(HostSyntax.split("[::1]:8000") == ("[::1]", "8000"))
        #expect(HostSyntax.split("[::1]") == ("[::1]", ""))
        #expect(HostSyntax.split("example.com:80/badpath") == ("", ""))
        #expect(HostSyntax.split("invalid_hostname.com") == ("", ""))
    }

    @Test func theMessageIsDjangos() {
        #expect(
            DisallowedHost(host: "evil.com").message
                == "Invalid HTTP_HOST header: 'evil.com'. You may need to add 'evil.com' to ALLOWED_HOSTS.")
        #expect(
            DisallowedHost(host: "Evil.com.:8080").message
                == "Invalid HTTP_HOST header: 'Evil.com.:8080'. You may need to add 'evil.com' to ALLOWED_HOSTS.")
        #expect(
            DisallowedHost(host: "[2001:19f0:feee::dead:beef:cafe]:8080").message
                == "Invalid HTTP_HOST header: '[2001:19f0:feee::dead:beef:cafe]:8080'. You may need to add '[2001:19f0:feee::dead:beef:cafe]' to ALLOWED_HOSTS."
        )
        #expect(
            DisallowedHost(host: "invalid_hostname.com").message
                == "Invalid HTTP_HOST header: 'invalid_hostname.com'. The domain name provided is not valid according to RFC 1034/1035.")
        // Python's repr: the other quotes when the host holds a single quote, escapes for the rest.
        #expect(DisallowedHost(host: "it's\n\u{7}").message.hasPrefix(#"Invalid HTTP_HOST header: "it's\n\x07"."#))
        #expect(DisallowedHost(host: "a\\b'\"").message.hasPrefix(#"Invalid HTTP_HOST header: 'a\\b\'"'."#))
    }

    @Test func theEnvironmentListIsParsedAndTyposStopTheStart() throws {
        #expect(try AllowedHosts(parsing: "api.example.com,.example.org").patterns == ["api.example.com", ".example.org"])
        #expect(try AllowedHosts(parsing: " api.example.com , [::1],, * ").patterns == ["api.example.com", "[::1]", "*"])
        for bad in [
            "https://api.example.com", "api.example.com:8000", "api.example.com/", "api.example.com.", "exa mple.com",
            "bücher.de", ".", "", " , ",
        ] {
            #expect(throws: ImproperlyConfigured.self, "\(bad)") { try AllowedHosts(parsing: bad) }
        }
    }
}

/// The front door: `Application.handle` refuses a host before routing, so no view runs and no
/// link is built from it.
@Suite struct AllowedHostsApplicationTests {
    func send(_ app: Application, host: String, path: String = "/api/users/", method: HTTPMethod = .get) -> TestResponse {
        APIClient(app).generic(method, path, headers: ["Host": host])
    }

    @Test func anotherHostIsA400WithAJSONDetailBeforeAnyView() throws {
        let app = Application(urls: try referenceURLConf())
        for path in ["/api/users/", "/nowhere/", "/api/users"] {
            let refused = send(app, host: "evil.com", path: path)
            #expect(refused.status == 400, "\(path)")
            #expect(refused.headers["Content-Type"] == "application/json")
            #expect(
                bodyText(refused) == #"{"detail":"Invalid HTTP_HOST header: 'evil.com'. You may need to add 'evil.com' to ALLOWED_HOSTS."}"#
            )
        }
        #expect(send(app, host: "evil.com", method: .head).body.isEmpty)
        // The test client's host and local names are served.
        #expect(send(app, host: "testserver").status == 200)
        #expect(send(app, host: "127.0.0.1:8000").status == 200)
        // No Host at all: `SERVER_NAME`, and in-process `localhost` (a request built without the
        // test client, whose host is `testserver`).
        #expect(app.handle(Request(method: .get, path: "/api/users/")).status == 200)
    }

    @Test func theSettingDecidesAndLinksUseTheAllowedHost() throws {
        var settings = APISettings()
        settings.allowedHosts = ["api.example.com", ".example.org"]
        let app = Application(urls: try referenceURLConf(), settings: settings)
        #expect(send(app, host: "testserver").status == 400)
        let root = send(app, host: "API.example.com:8443", path: "/api/")
        #expect(root.status == 200)
        #expect(bodyText(root).contains(#""users":"http://API.example.com:8443/api/users/""#))
        #expect(send(app, host: "www.example.org", path: "/api/").status == 200)
    }
}
