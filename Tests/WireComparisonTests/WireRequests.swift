import Foundation

/// The requests both sides get, in this order. Reads and refused writes come first (the seed
/// unchanged), then the writes that succeed, each followed by reads of what it changed: both
/// sides start from copies of one seeded database and see the same sequence of changes.
///
/// Not compared, as the spec allows (each where DRF answers something the spec replaces):
/// - unknown paths (`/api/nowhere/`, `/api/auth-token.json`, `/api/users/1/set_password/x/`):
///   Django's HTML 404 page; the spec's error table ("unknown path ... JSON, where Django would
///   send HTML") and "Wire details" (Lookups and 404s) give `{"detail":"Not found."}`.
/// - `GET /api/simple-users/abc/` and other non-integer pks of the hand-written simple-users
///   retrieve: a 500 in DRF ("Beyond DRF": a non-numeric pk is a 404).
/// - a cursor whose `p` is not an integer (`?cursor=cD14`, "p=x"): DRF's CursorPagination
///   passes it to the queryset, a 500; "Wire details" (Cursor pages) makes it `Invalid cursor`
///   ("Beyond DRF": where DRF answers 500, this API answers cleanly).
/// - oversized bodies, malformed requests, a database outage: "Beyond DRF" (413, 400, 503);
///   EndToEndTests hold them through nginx and Apache.
enum WireRequests {
    static var all: [WireRequest] {
        routeMatrix + authentication + pageNumber + limitOffset + searchAndOrdering + cursor + formats + negotiation
            + lookups + bodies + validation + queryStrings + writes + redirects
    }

    /// Query strings as clients write them: `+`, raw non-ASCII, repeated and odd parameters.
    static var queryStrings: [WireRequest] {
        // Not compared: the body of a page whose query has raw (not percent-encoded) non-ASCII,
        // `?page=2&q=ü`. Django builds the links from WSGI's Latin-1 text of the query and
        // encodes that again (`q=%C3%83%C2%BC`, which reads back as "Ã¼"); api-server keeps the
        // parameter (`q=%C3%BC`) as "Wire details" (Page-number pages: every query parameter is
        // kept, re-encoded as form data) asks. Status and headers are still compared; the
        // parameter's value itself reads the same on both sides (`?search=` with raw text below).
        [
            request("GET", "/api/users/?page=2&q=ü", .admin).ignoring(.body),
            request("GET", "/api/public-accounts/?search=café&limit=1"), request("GET", "/api/public-accounts/?search=☃"),
        ]
            + [
                "/api/users/?page=2&q=a+b", "/api/users/?page=2&q=%2B1", "/api/users/?page=2&q=a%26b&r=%3F",
                "/api/users/?page=2&&&", "/api/users/?page=2&=x", "/api/users/?page=2&q", "/api/users/?format=JSON",
                "/api/users/?page=%32", "/api/users/?page=+2", "/api/users/?page=2%20", "/api/users/?page_size=%2B3&page=2",
                "/api/users/?page=1&page_size=3&b=2&a=1&B=0", "/api/users/recent_users/?page=last&page_size=4&ordering=x",
                "/api/accounts/1/members/?page=2&format=json", "/api/simple-users/?page=2&format=json",
            ]
            .map { request("GET", $0, .admin) }
            + [
                "search=%22acme", "search=a%20%20%20team", "search=%E2%80%83team", "search=%09team%0A", "ordering=name,%20-id",
                "ordering=-name&search=team&limit=2&offset=2", "limit=2&offset=2&limit=3", "limit=%2B2&offset=%2B2", "limit=2.0",
                "offset=1e2", "search=team&search=acme", "search=+", "search=%22%22", "search=%27acme%27", "search=ACME%20%E2%98%83",
                "search=%C3%89", "search=%CE%A3", "ordering=NAME", "ordering=-name,name", "limit=3&q=%C3%BC&a=%20",
            ]
            .map { request("GET", "/api/public-accounts/?" + $0) }
            + [
                request("GET", "/api/users/?page_size=2", .header("Basic café")),
                request("GET", "/api/users/?page_size=2", .header("Token café ")),
                request("GET", "/api/users/?page_size=2", .header("Token\t" + WireSeed.adminKey)),
                request("GET", "/api/users/?page_size=2", .header("Basic\t" + Data("admin:wire-admin-pw".utf8).base64EncodedString())),
                request("GET", "/api/users/2/", .admin, raw: Array(#"{"ignored":true}"#.utf8), note: "GET with a body"),
                request("DELETE", "/api/users/2/unset_password/", .alan, contentType: "application/json", raw: Array("{".utf8)),
                request(
                    "POST", "/api/users/2/unset_password/", .admin, contentType: "text/plain", raw: Array("x".utf8),
                    note: "no body read: unset_password runs"),
            ]
    }

    /// A route of the spec and the methods it maps.
    struct Route {
        let path: String
        let methods: Set<String>
    }

    static let routes: [Route] = [
        Route(path: "/api/", methods: ["GET"]),
        Route(path: "/api/users/", methods: ["GET", "POST"]),
        Route(path: "/api/users/2/", methods: ["GET", "PUT", "PATCH", "DELETE"]),
        Route(path: "/api/users/recent_users/", methods: ["GET"]),
        Route(path: "/api/users/2/set_password/", methods: ["POST"]),
        Route(path: "/api/users/2/unset_password/", methods: ["POST", "DELETE"]),
        Route(path: "/api/users/2/password/", methods: ["PUT", "DELETE"]),
        Route(path: "/api/simple-users/", methods: ["GET"]),
        Route(path: "/api/simple-users/2/", methods: ["GET"]),
        Route(path: "/api/accounts/", methods: ["GET", "POST"]),
        Route(path: "/api/accounts/1/", methods: ["GET", "PUT", "PATCH", "DELETE"]),
        Route(path: "/api/accounts/1/members/", methods: ["GET"]),
        Route(path: "/api/accounts/1/add-member/", methods: ["POST"]),
        Route(path: "/api/public-accounts/", methods: ["GET"]),
        Route(path: "/api/public-accounts/1/", methods: ["GET"]),
        Route(path: "/api/notes/", methods: ["GET", "POST"]),
        Route(path: "/api/notes/1/", methods: ["GET"]),
        Route(path: "/api/auth-token/", methods: ["POST"]),
    ]

    static let methods = ["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"]

    /// Every route with every method, as everyone: anonymous, a bad token, an inactive user, a
    /// plain user (alan: member of account 1, not its admin), ada (the user of `users/2/`, admin
    /// of account 1), bob over Basic, and staff. A mapped write that someone may do would change
    /// the data: those run in `writes`; here mapped writes go only to those refused before any
    /// body is read (401), with an empty body.
    static var routeMatrix: [WireRequest] {
        var requests = matrix(routes)
        // Refused writes as users who are not allowed (403 before the body is read), and writes
        // by ada that the spec answers 403 / 405 for.
        requests += [
            request("POST", "/api/users/", .alan, json: #"{"username":"x"}"#),
            request("PUT", "/api/users/2/", .alan, json: #"{"username":"x"}"#),
            request("PATCH", "/api/users/2/", .ada, json: #"{"username":"x"}"#, note: "self, not staff"),
            request("DELETE", "/api/users/2/", .ada),
            request("POST", "/api/users/2/set_password/", .alan, json: #"{"password":"long enough"}"#),
            request("POST", "/api/users/2/unset_password/", .alan),
            request("DELETE", "/api/users/2/unset_password/", .bob),
            request("PUT", "/api/users/2/password/", .alan, json: #"{"password":"long enough"}"#),
            request("DELETE", "/api/users/2/password/", .alan),
            request("PUT", "/api/accounts/1/", .alan, json: #"{"name":"x"}"#),
            request("PATCH", "/api/accounts/1/", .bob, json: #"{"name":"x"}"#),
            request("DELETE", "/api/accounts/1/", .alan),
            request("POST", "/api/accounts/1/add-member/", .alan, json: #"{"user":4}"#),
            request("POST", "/api/accounts/2/add-member/", .ada, json: #"{"user":4}"#, note: "member, not admin"),
            request("PUT", "/api/accounts/3/", .ada, json: #"{"name":"x"}"#, note: "not a member: 404"),
            request("DELETE", "/api/accounts/3/", .ada),
            request("GET", "/api/accounts/3/", .admin),
            request("GET", "/api/accounts/", .admin, note: "staff see only their memberships"),
            request("GET", "/api/accounts/2/members/", .ada),
            request("GET", "/api/accounts/3/members/", .ada),
            request("OPTIONS", "/api/users/3/set_password/", .alan, note: "self"),
            request("OPTIONS", "/api/users/3/password/", .alan),
            request("OPTIONS", "/api/users/999/", .admin, note: "never a 404"),
            request("OPTIONS", "/api/accounts/2/", .alan, note: "admin of account 2"),
            request("OPTIONS", "/api/accounts/2/", .ada),
            request("OPTIONS", "/api/accounts/999/", .ada),
            request("OPTIONS", "/api/users/recent_users/", .admin),
            request("OPTIONS", "/api/users/2/", .bob),
        ]
        return requests
    }

    /// Every kind of Authorization header, on a protected view and on an AllowAny one.
    static var authentication: [WireRequest] {
        func basic(_ bytes: [UInt8]) -> String { "Basic " + Data(bytes).base64EncodedString() }
        let headers: [Who] = [
            .header("Token"), .header("Token "), .header("Token a b"), .header("Token café"), .header("Token \u{1}x"),
            .header("token " + WireSeed.adminKey), .header("TOKEN    " + WireSeed.adminKey), .header("Token " + WireSeed.adminKey + " "),
            .header("Token " + WireSeed.adminKey + " extra"), .header("Token x"), .header("Token " + WireSeed.adminKey.uppercased()),
            .header("Bearer " + WireSeed.adminKey), .header(""), .header(" "), .header("Basic"), .header("basic a b"),
            .header("Basic !!!"), .header("Basic " + Data("nocolon".utf8).base64EncodedString()),
            .header("Basic YWRtaW46d2lyZS1hZG1pbi1wdw"), .header("Basic YWRtaW46d2lyZS1hZG1pbi1wdw=="),
            .header("Basic YW RtaW46"), .header("Basic Y*W!R%taW46d2lyZS1hZG1pbi1wdw=="),
            .basic("admin", "wrong"), .basic("admin", WireSeed.adminPassword), .basic("Admin", WireSeed.adminPassword),
            .basic("ada", WireSeed.adaPassword), .basic("ada", "café secret "), .basic("ghost", WireSeed.ghostPassword),
            .basic("nobody", "x"), .basic("alan", "anything"), .basic("", ""), .bob,
            Who(name: "basic ada (Latin-1)", authorization: basic(Array("ada:caf".utf8) + [0xE9] + Array(" secret".utf8))),
            Who(name: "basic password with colon", authorization: basic(Array("admin:wire-admin-pw:x".utf8))),
            .ghost, .badToken,
        ]
        var requests: [WireRequest] = []
        for who in headers {
            requests.append(request("GET", "/api/users/?page_size=2", who))
            requests.append(request("GET", "/api/public-accounts/?limit=1", who))
        }
        requests.append(
            request(
                "GET", "/api/users/?page_size=2", .anonymous,
                headers: [("Authorization", "Token " + WireSeed.badToken), ("Authorization", "Token " + WireSeed.adminKey)],
                note: "two headers"))
        return requests
    }

    static var pageNumber: [WireRequest] {
        let queries = [
            "", "?page=1", "?page=2", "?page=3", "?page=last", "?page=4", "?page=0", "?page=-1", "?page=abc", "?page=",
            "?page=2.0", "?page=99999999999999999999", "?page_size=5&page=2", "?page_size=5&page=last", "?page_size=1000",
            "?page_size=100&page=1", "?page_size=0&page=2", "?page_size=-1", "?page_size=abc&page=2", "?page_size=7",
            "?page=2&zeta=1&alpha=a%20b,c", "?page=2&x=%3D&x=1&a=%E2%9C%93", "?page=2&search=a+b&empty=",
            "?page=3&page_size=10&flag", "?page=2&page=3",
            // (page - 1) × size at and past the edge of bigint (Int).
            "?page=922337203685477581", "?page=9223372036854775807", "?page=9223372036854775808",
            "?page_size=9223372036854775807", "?page_size=9223372036854775807&page=922337203685477581",
        ]
        var requests = queries.map { request("GET", "/api/users/" + $0, .admin) }
        requests += ["", "?page=2", "?page=3", "?page_size=3&page=2"].map { request("GET", "/api/users/recent_users/" + $0, .alan) }
        requests += ["", "?page=2", "?page_size=4&page=last", "?page=3"].map { request("GET", "/api/accounts/1/members/" + $0, .ada) }
        requests += [
            request("GET", "/api/users.json?page=2", .admin), request("GET", "/api/users/?format=json&page=2", .admin),
            request("GET", "/api/users.json/?page=last", .admin),
            request("GET", "/api/accounts/", .bob), request("GET", "/api/accounts/", .alan),
            request("GET", "/api/simple-users/", .alan), request("GET", "/api/simple-users/?page=2", .alan),
        ]
        return requests
    }

    static var limitOffset: [WireRequest] {
        [
            "", "?limit=5", "?limit=5&offset=5", "?offset=10", "?offset=12&limit=5", "?limit=1000", "?limit=abc", "?limit=0", "?limit=-1",
            "?offset=-3", "?offset=abc", "?offset=99999999999999999999", "?limit=5&offset=3", "?offset=20", "?offset=14",
            "?limit=5&offset=9&z=%20&b=1", "?limit=99999999999999999999", "?offset=", "?limit=", "?limit=3&offset=3&ordering=-name",
            "?limit=9223372036854775807&offset=5", "?offset=9223372036854775807", "?offset=9223372036854775807&limit=9223372036854775807",
            "?offset=9223372036854775806&limit=3",
        ]
        .map { request("GET", "/api/public-accounts/" + $0) }
            + [
                request("GET", "/api/public-accounts.json?limit=2&offset=2"),
                request("GET", "/api/public-accounts/?format=json&limit=2&offset=4"),
            ]
    }

    static var searchAndOrdering: [WireRequest] {
        let queries = [
            "search=acme", "search=ACME", "search=100%25", "search=_under", "search=%25", "search=_", "search=caf%C3%A9",
            "search=team%20shared", "search=team+shared+04", "search=%22team%2004%22",
            "search='team 04'".replacingOccurrences(of: " ", with: "%20"),
            "search=", "search=%20", "search=co,team", "search=%00", "search=a%00b", "search=%E2%98%83", "search=rockets,%22quoted%22",
            "search=nothing-matches", "search=Team&limit=3&offset=3", "search=t&ordering=-name",
            "ordering=name", "ordering=-name", "ordering=-created", "ordering=name,-created", "ordering=bogus",
            "ordering=bogus,-id", "ordering=", "ordering=%20name%20", "ordering=owner", "ordering=-id&limit=3",
            "ordering=description", "ordering=created,name", "ordering=--name", "ordering=-name,,id",
        ]
        return queries.map { request("GET", "/api/public-accounts/?" + $0) }
    }

    /// Cursor pages of notes, each side following its own links.
    static var cursor: [WireRequest] {
        func cursor(_ text: String) -> String {
            Data(text.utf8).base64EncodedString().replacingOccurrences(of: "=", with: "%3D").replacingOccurrences(of: "+", with: "%2B")
        }
        var requests: [WireRequest] = [request("GET", "/api/notes/")]
        requests += [follow("next"), follow("next"), follow("previous"), follow("previous"), follow("next"), follow("next")]
        requests += [request("GET", "/api/notes.json", .ada), follow("next", .ada), follow("next", .ada), follow("previous", .ada)]
        requests += [request("GET", "/api/notes/?format=json&x=1"), follow("next"), follow("previous")]
        requests += [
            "abc", "!!!", "%C3%A9", cursor("o=-1&p=3"), cursor("r=x"), cursor("o=5000&p=20"), cursor("o=2&p=20"),
            cursor("r=1&p=5"), cursor("r=1&p=30"), cursor("p=26"), cursor("p=1"), cursor("o=1"), cursor("o=x"), cursor("r=0&p=10"),
            cursor("o=3&r=1&p=10"), "", "%20", "bz0xMCZwPTE", cursor("p=12&o=0"), cursor("x=1&p=7"),
            cursor("o=9223372036854775807"), cursor("o=99999999999999999999&p=20"), cursor("o=9223372036854775807&r=1"),
        ]
        .map { request("GET", "/api/notes/?cursor=" + $0) }
        return requests
    }

    static var formats: [WireRequest] {
        let admin: [String] = [
            "/api/users.json", "/api/users/2.json", "/api/users/2.json/", "/api/users/recent_users.json",
            "/api/users/recent_users.json/?page=2", "/api/users.json/", "/api/.json", "/api/?format=json",
            "/api/users/?format=json", "/api/users/2/?format=json", "/api/users.xml", "/api/users/?format=api",
            "/api/users/?format=xml", "/api/users/2.api", "/api/users/1.5/", "/api/.xml",
            "/api/simple-users.json", "/api/simple-users/2.json", "/api/simple-users/?format=json",
            "/api/simple-users/2/?format=json", "/api/public-accounts.json", "/api/public-accounts/3.json",
            "/api/notes.json", "/api/notes/3.json", "/api/notes/3/?format=json",
            "/api/users/2/set_password.json", "/api/users.json?format=json", "/api/users/?format=",
        ]
        return admin.map { request("GET", $0, .admin) }
            + [
                request("GET", "/api/accounts/1/members.json", .ada), request("GET", "/api/accounts/1.json/", .ada),
                request("OPTIONS", "/api/users.json", .admin), request("OPTIONS", "/api/users/2/password.json", .ada),
                request("GET", "/api/users.xml"), request("GET", "/api/.json"),
                request("POST", "/api/users/2/set_password.json", .alan, json: "{}"),
            ]
    }

    static var negotiation: [WireRequest] {
        let accepts = [
            "application/json; indent=4", "application/json;indent=2", "application/json; indent=0", "application/json; indent=12",
            "application/json; indent=x", "text/html", "application/xml", "*/*", "application/*", "text/html, application/json;q=0.5",
            "application/json; charset=utf-8", "text/*", "", "application/json; indent=4, text/html",
        ]
        var requests: [WireRequest] = []
        for accept in accepts {
            requests.append(request("GET", "/api/users/2/", .admin, headers: [("Accept", accept)], note: "Accept: \(accept)"))
            requests.append(request("GET", "/api/users/", .anonymous, headers: [("Accept", accept)], note: "Accept: \(accept)"))
        }
        requests += [
            request("GET", "/api/", .admin, headers: [("Accept", "application/json; indent=4")]),
            request("GET", "/api/public-accounts/?limit=2", headers: [("Accept", "application/json; indent=4")]),
            request("GET", "/api/notes/", headers: [("Accept", "application/json; indent=3")]),
            request("OPTIONS", "/api/users/", .admin, headers: [("Accept", "application/json; indent=4")]),
            request("GET", "/api/users/999/", .admin, headers: [("Accept", "application/json; indent=4")]),
            request("POST", "/api/users/", .admin, headers: [("Accept", "application/json; indent=1")], json: #"{"email":"x"}"#),
            request("GET", "/api/users/?format=json", .admin, headers: [("Accept", "text/html")]),
            request("GET", "/api/users.json", .admin, headers: [("Accept", "text/html")]),
            request("GET", "/api/users.xml", .admin, headers: [("Accept", "text/html")]),
            request("POST", "/api/auth-token/", headers: [("Accept", "text/html")], json: "{}"),
        ]
        return requests
    }

    static var lookups: [WireRequest] {
        [
            "/api/users/abc/", "/api/users/-1/", "/api/users/0/", "/api/users/999/", "/api/users/99999999999999999999/",
            "/api/users/recent-users/",
            "/api/users/%C3%A9/", "/api/users/2%20/", "/api/users/+2/", "/api/users/02/", "/api/users/999/set_password/",
            "/api/accounts/abc/", "/api/accounts/999/", "/api/accounts/-5/members/", "/api/public-accounts/abc/",
            "/api/public-accounts/999/",
            "/api/public-accounts/-1/", "/api/notes/abc/", "/api/notes/999/", "/api/notes/99999999999999999999/", "/api/simple-users/999/",
            "/api/simple-users/-3/",
        ]
        .flatMap { [request("GET", $0, .admin), request("GET", $0, .ada)] }
            + [
                request("POST", "/api/users/999/set_password/", .alan, json: #"{"password":"long enough"}"#),
                request("POST", "/api/users/abc/set_password/", .admin, json: "{}"),
                request("DELETE", "/api/users/999/", .admin), request("PUT", "/api/users/abc/", .admin, json: "{}"),
                request("POST", "/api/accounts/999/add-member/", .ada, json: #"{"user":2}"#),
                request("GET", "/api/notes/abc/"), request("GET", "/api/public-accounts/999/"),
                request("PATCH", "/api/users/999/", .alan, json: "{}"), request("DELETE", "/api/accounts/999/", .alan),
            ]
    }

    /// Bodies: content types, parse errors, non-objects, form encoding.
    static var bodies: [WireRequest] {
        var requests: [WireRequest] = [
            request("POST", "/api/users/", .admin, contentType: "text/plain", raw: Array("hello".utf8)),
            request("POST", "/api/users/", .admin, contentType: "text/plaïn", raw: Array("hello".utf8)),
            request("POST", "/api/users/", .admin, contentType: "application/json; charset=ütf-8", raw: Array("{}".utf8)),
            request(
                "POST", "/api/users/", .admin, contentType: "application/json; charset=latin-1",
                raw: [0x7B, 0x22, 0x65, 0x6D, 0x61, 0x69, 0x6C, 0x22, 0x3A, 0x22, 0xE9, 0x22, 0x7D]),
            request("POST", "/api/users/", .admin, raw: Array(#"{"username":"x"}"#.utf8), note: "no Content-Type"),
            request("POST", "/api/users/", .admin, contentType: "application/json; charset=utf-8", raw: Array(#"{"email":"bad"}"#.utf8)),
            request("POST", "/api/users/", .admin, contentType: "Application/JSON", raw: Array(#"{"email":"bad"}"#.utf8)),
            request("POST", "/api/users/", .admin, contentType: "application/jsonx", raw: Array("{}".utf8)),
            request("POST", "/api/users/", .admin, contentType: "text/plain", raw: [], note: "empty body, unsupported type"),
            request("POST", "/api/users/", .admin, contentType: "application/json", raw: [], note: "empty JSON body"),
            request("PATCH", "/api/users/2/", .admin, contentType: "text/plain", raw: [], note: "empty body, unsupported type"),
            request("POST", "/api/users/", .admin, contentType: "multipart/form-data", raw: Array("x".utf8), note: "no boundary"),
            request("POST", "/api/users/2/set_password/", .admin, contentType: "text/plain", raw: Array("x".utf8)),
            request(
                "POST", "/api/users/999/set_password/", .admin, contentType: "text/plain", raw: Array("x".utf8), note: "404 before 415"),
            request("POST", "/api/users/2/set_password/", .alan, contentType: "text/plain", raw: Array("x".utf8), note: "403 before 415"),
            request("POST", "/api/notes/", .anonymous, contentType: "text/plain", raw: Array("x".utf8), note: "401 before 415"),
            request("POST", "/api/auth-token/", .anonymous, contentType: "text/plain", raw: Array("x".utf8)),
            request("POST", "/api/auth-token/", .anonymous, contentType: "application/json", raw: Array("{x".utf8)),
            request("DELETE", "/api/users/2/password/", .alan, contentType: "text/plain", raw: Array("x".utf8), note: "403, body unread"),
        ]
        let invalidJSON = [
            #"{"username":"#, "{x", #"{"a":1,}"#, "[1,]", #"{"a":NaN}"#, #"{"a":Infinity}"#, #"{"a":-Infinity}"#,
            "nul", "'x'", #"{"a":"\x"}"#, #"{"a":1}x"#, #"{"a":1} {"b":2}"#, " ", "\n", "{\"a\":\"tab\tin\"}",
            #"{"a":01}"#, #"{"a":1.}"#, #"{"a":.5}"#, #"{"a":+1}"#, #"{"a":"\ud800"}"#, #"{"a":"\u00e9"}"#, #"{"a":1e999}"#,
        ]
        requests += invalidJSON.map {
            request("POST", "/api/notes/", .ada, contentType: "application/json", raw: Array($0.utf8), note: "raw")
        }
        requests += [
            request(
                "POST", "/api/notes/", .ada, contentType: "application/json", raw: [0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xFF, 0x22, 0x7D],
                note: "invalid UTF-8"),
            request("POST", "/api/notes/", .ada, contentType: "application/json", raw: [0xEF, 0xBB, 0xBF] + Array("{}".utf8), note: "BOM"),
        ]
        for body in ["[]", "[1]", #""str""#, "1", "1.5", "true", "false", "null", "{}", #"{"title":null}"#] {
            requests.append(request("POST", "/api/notes/", .ada, json: body))
            requests.append(request("POST", "/api/users/2/set_password/", .ada, json: body))
        }
        requests += [
            request("POST", "/api/users/", .admin, form: "username=bad%20name&is_staff=maybe"),
            request("POST", "/api/users/", .admin, form: "email=x&email=y"),
            request("POST", "/api/users/", .admin, form: "username=&email=%E2%9C%93"),
            request("POST", "/api/users/", .admin, form: "garbage"),
            request("POST", "/api/users/", .admin, form: "username=ada"),
            request("POST", "/api/users/", .admin, form: "username=ok&email=bad+email"),
            request("POST", "/api/notes/", .ada, form: "title="),
            request("POST", "/api/notes/", .ada, form: "body=only"),
            request("POST", "/api/accounts/1/add-member/", .ada, form: "user=abc"),
            request("POST", "/api/accounts/1/add-member/", .ada, form: "user=999&is_admin=on"),
            request("POST", "/api/users/3/set_password/", .alan, form: "password=short"),
        ]
        return requests
    }

    /// Every field's validation messages; each request fails as a whole (nothing is written).
    static var validation: [WireRequest] {
        let long151 = String(repeating: "é", count: 151), long255 = String(repeating: "a", count: 243) + "@example.com"
        let users = [
            "{}", #"{"username":""}"#, #"{"username":"   "}"#, #"{"username":null}"#, #"{"username":"bad name!"}"#,
            #"{"username":"\#(long151)"}"#, #"{"username":"ada"}"#, #"{"username":" ada "}"#, #"{"username":"ADA","email":"x"}"#,
            #"{"username":123,"email":"x"}"#, #"{"username":true}"#, #"{"username":["a"]}"#, #"{"username":{"a":1}}"#,
            #"{"username":4.5,"email":"x"}"#, #"{"username":"bad/name"}"#, #"{"username":"über_ok","email":"x"}"#,
            #"{"username":"ok","email":"not-an-email"}"#, #"{"username":"ok","email":"\#(long255)"}"#, #"{"username":"ok","email":"a@b"}"#,
            #"{"username":"ok","email":null}"#, #"{"username":"ok","email":true}"#,
            #"{"username":"ok","email":"ünï@exämple.com","is_staff":"x"}"#,
            #"{"username":"ok","email":"a@localhost","is_staff":"x"}"#, #"{"username":"ok","email":"a@[127.0.0.1]","is_staff":"x"}"#,
            #"{"username":"ok","email":"a..b@example.com"}"#, #"{"username":"ok","email":" a@example.com ","is_staff":"x"}"#,
            #"{"username":"ok","first_name":"\#(long151)"}"#, #"{"username":"ok","first_name":true}"#,
            #"{"username":"ok","first_name":[]}"#,
            #"{"username":"ok","first_name":{},"last_name":null}"#, #"{"username":"ok","first_name":4.5,"last_name":1e5,"is_staff":"x"}"#,
            #"{"username":"ok","first_name":"\u00a0 spaced \u3000","is_staff":"x"}"#, #"{"username":"ok","last_name":"\#(long151)"}"#,
            #"{"username":"ok","is_staff":"maybe"}"#, #"{"username":"ok","is_staff":2}"#, #"{"username":"ok","is_staff":null}"#,
            #"{"username":"ok","is_staff":"T","email":"x"}"#, #"{"username":"ok","is_staff":"yes","email":"x"}"#,
            #"{"username":"ok","is_staff":[],"email":"x"}"#, #"{"username":"ok","id":5,"url":"x","date_joined":"bad","email":"x"}"#,
            #"{"username":"\u2028","email":"x"}"#, #"{"username":"a\u0000b"}"#,
            #"{"username":"x","email":"\#(long151)@e.com","first_name":"\#(long151)","last_name":"\#(long151)","is_staff":"x"}"#,
        ]
        var requests = users.map { request("POST", "/api/users/", .admin, json: $0) }
        requests += [#"{"email":"x"}"#, "{}", #"{"username":"alan"}"#, #"{"username":"ada","email":"bad"}"#, #"{"username":null}"#]
            .map { request("PUT", "/api/users/2/", .admin, json: $0) }
        requests += [#"{"username":"alan"}"#, #"{"email":"x"}"#, #"{"username":""}"#, #"{"is_staff":"maybe"}"#, #"{"last_name":null}"#]
            .map { request("PATCH", "/api/users/2/", .admin, json: $0) }
        let passwords = [
            "{}", #"{"password":"short"}"#, #"{"password":"  "}"#, #"{"password":null}"#,
            #"{"password":"\#(String(repeating: "p", count: 129))"}"#, #"{"password":"  seven  "}"#, #"{"password":12345678.5e0}"#,
            #"{"password":true}"#, #"{"password":["a"]}"#,
        ]
        requests += passwords.map { request("POST", "/api/users/3/set_password/", .alan, json: $0) }
        requests += passwords.map { request("PUT", "/api/users/2/password/", .admin, json: $0) }
        requests += [
            "{}", #"{"name":""}"#, #"{"name":null}"#, #"{"name":"\#(String(repeating: "n", count: 101))"}"#,
            #"{"name":"   ","description":null}"#, #"{"name":true,"description":[]}"#,
        ]
        .map { request("POST", "/api/accounts/", .ada, json: $0) }
        requests += [#"{"name":""}"#, "{}"].map { request("PUT", "/api/accounts/1/", .ada, json: $0) }
        requests += [#"{"name":null}"#].map { request("PATCH", "/api/accounts/1/", .ada, json: $0) }
        requests += [
            "{}", #"{"user":999}"#, #"{"user":"abc"}"#, #"{"user":true}"#, #"{"user":[1]}"#, #"{"user":{}}"#,
            #"{"user":"99999999999999999999"}"#, #"{"user":99999999999999999999}"#, #"{"user":2,"is_admin":"maybe"}"#,
            #"{"user":null}"#, #"{"user":-1}"#, #"{"user":1.5}"#, #"{"user":""}"#, #"{"user":" 2x"}"#, #"{"user":2,"is_admin":null}"#,
            // Past CPython's 4300-digit limit, int() raises ValueError: a wrong type, not an unknown pk. (Such
            // numbers in a URL never reach DRF: gunicorn refuses a request line over 4094 bytes.)
            #"{"user":"\#(String(repeating: "7", count: 4301))"}"#,
        ]
        .map { request("POST", "/api/accounts/1/add-member/", .ada, json: $0) }
        requests += [
            "{}", #"{"title":""}"#, #"{"title":"\#(String(repeating: "t", count: 201))"}"#, #"{"title":"x","body":null}"#,
            #"{"title":["x"],"body":{}}"#, #"{"title":" \t "}"#,
        ]
        .map { request("POST", "/api/notes/", .ada, json: $0) }
        requests += [
            "{}", #"{"username":"ada"}"#, #"{"password":"x"}"#, #"{"username":"","password":""}"#,
            #"{"username":"ada","password":"wrong"}"#, #"{"username":"ghost","password":"ghost-password"}"#,
            #"{"username":"alan","password":"anything"}"#, #"{"username":null,"password":1}"#,
            #"{"username":" ada ","password":"café secret"}"#, #"{"username":"ada","password":" café secret"}"#,
        ]
        .map { request("POST", "/api/auth-token/", json: $0) }
        requests += ["username=ada&password=caf%C3%A9+secret", "username=admin", "username=admin&password=wire-admin-pw"]
            .map { request("POST", "/api/auth-token/", form: $0) }
        requests += [
            request("POST", "/api/auth-token/", .badToken, json: #"{"username":"ada","password":"café secret"}"#),
            request("POST", "/api/auth-token/", .header("Token"), form: "username=ada"),
        ]
        return requests
    }

    /// The writes that succeed, in order, each followed by reads of its effect. Fresh
    /// datetimes (created, date_joined) are masked by the comparison.
    static var writes: [WireRequest] {
        [
            request("POST", "/api/users/", .admin, json: #"{"username":"zoë","first_name":"Zoë ✓","email":"zoe@example.com"}"#),
            request("GET", "/api/users/26/", .admin),
            request("POST", "/api/users/", .admin, form: "username=form.user&is_staff=true&first_name=J%C3%BCrgen&last_name=+trim+"),
            request("POST", "/api/users/?format=json", .admin, json: #"{"username":"fmt","is_staff":"off","first_name":123}"#),
            request("POST", "/api/users.json", .admin, json: #"{"username":"suffix@x","email":"","unknown":1,"id":99}"#),
            request("POST", "/api/users/", .admin, json: #"{"username":"zoë"}"#, note: "taken now"),
            request("POST", "/api/users/", .admin, json: #"{"username":"next.one"}"#, note: "the id after a refused create"),
            request("PUT", "/api/users/26/", .admin, json: #"{"username":"zoe2","email":""}"#),
            request("PATCH", "/api/users/26/", .admin, json: #"{"last_name":"Ünïcode","is_staff":"yes"}"#),
            request("PATCH", "/api/users/26/", .admin, json: "{}"),
            request("PUT", "/api/users/26.json", .admin, json: #"{"username":"zoe2"}"#),
            request("PATCH", "/api/users/26/?format=json", .admin, form: "first_name=F"),
            request("GET", "/api/users/?page=3", .admin),
            request("DELETE", "/api/users/26/", .admin),
            request("GET", "/api/users/26/", .admin),
            request("DELETE", "/api/users/26/", .admin),
            request("DELETE", "/api/users/27.json", .admin),
            request("POST", "/api/users/3/set_password/", .alan, json: #"{"password":"  new-password-1  "}"#),
            request("POST", "/api/auth-token/", json: #"{"username":"alan","password":"new-password-1"}"#),
            request("GET", "/api/users/3/", .basic("alan", "new-password-1")),
            request("GET", "/api/users/3/", .basic("alan", "  new-password-1  ")),
            request("DELETE", "/api/users/3/unset_password/", .admin),
            request("GET", "/api/users/3/", .basic("alan", "new-password-1")),
            request("POST", "/api/users/3/unset_password.json", .alan),
            request("PUT", "/api/users/2/password/", .ada, json: #"{"password":"another pass ✓"}"#),
            request("GET", "/api/users/2/", .basic("ada", "another pass ✓")),
            request("POST", "/api/auth-token/", form: "username=ada&password=another+pass+%E2%9C%93"),
            request("DELETE", "/api/users/2/password/", .ada),
            request("GET", "/api/users/2/", .basic("ada", "another pass ✓")),
            request("GET", "/api/users/2/", .ada),
            request("POST", "/api/accounts/", .ada, json: #"{"name":"Nouveau ☃","description":"d"}"#),
            request("POST", "/api/accounts/?format=json", .bob, form: "name=Form+account"),
            request("GET", "/api/accounts/", .ada),
            request("PUT", "/api/accounts/15/", .ada, json: #"{"name":"Renamed","owner":3,"created":"x"}"#),
            request("PATCH", "/api/accounts/15/", .ada, json: #"{"description":"x"}"#),
            request("POST", "/api/accounts/15/add-member/", .ada, json: #"{"user":5}"#),
            request("POST", "/api/accounts/15/add-member/", .ada, json: #"{"user":"5","is_admin":true}"#),
            request("POST", "/api/accounts/15/add-member.json", .ada, form: "user=6&is_admin=on"),
            request("GET", "/api/accounts/15/members/", .ada),
            request("GET", "/api/accounts/", .bob),
            request("PATCH", "/api/accounts/15/", .bob, json: #"{"name":"bob renames"}"#),
            request("PUT", "/api/accounts/15.json", .bob, json: #"{"name":"bob renames"}"#),
            request("DELETE", "/api/accounts/15/", .ada),
            request("GET", "/api/accounts/15/", .ada),
            request("GET", "/api/public-accounts/?ordering=-id&limit=3"),
            request("POST", "/api/notes/", .bob, json: #"{"title":"Hello ✓ \"q\"","body":"multi\nline"}"#),
            request("POST", "/api/notes.json", .ada, form: "title=%E6%97%A5%E6%9C%AC&body="),
            request("POST", "/api/notes/", .ada, json: #"{"title":"  trimmed  ","body":"  kept?  ","author":"x","id":1}"#),
            request(
                "POST", "/api/notes/", .admin, contentType: "multipart/form-data; boundary=XyZ",
                raw: Array("--XyZ\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nmultipart ✓\r\n--XyZ--\r\n".utf8)),
            request("GET", "/api/notes/"),
            follow("next"),
            follow("previous"),
            request("GET", "/api/notes/27/"),
            request("POST", "/api/auth-token/", form: "username=bob&password=plain-pass-1").masking(.randomToken),
            request("POST", "/api/auth-token/", json: #"{"username":"bob","password":"plain-pass-1"}"#).masking(.randomToken),
            request("DELETE", "/api/users/5/", .admin),
            request("GET", "/api/notes/"),
            request("GET", "/api/accounts/1/members/", .ada),
            request("GET", "/api/users/", .admin),
            request("GET", "/api/public-accounts/?search=Form"),
        ]
    }

    /// The trailing-slash redirect: status, Location and Allow are compared; the body and its
    /// Content-Type are not. The spec ("Details settled against DRF 3.18", first item, and
    /// "Wire details", Allow) fixes the 301, the Location with the query kept and the absent
    /// Allow, and says nothing of the body: Django sends an empty `text/html; charset=utf-8` one
    /// (Tests/DRFReference/README.md).
    static var redirects: [WireRequest] {
        [
            "/api", "/api/users", "/api/users?page=2&x=%20", "/api/users/2", "/api/notes?cursor=x", "/api/users/2/set_password",
            "/api/public-accounts?search=a", "/api/auth-token",
        ]
        .flatMap { path in ["GET", "POST", "DELETE", "OPTIONS", "HEAD"].map { request($0, path, .admin).ignoring(.contentType, .body) } }
            + [
                request("GET", "/api/users", .badToken).ignoring(.contentType, .body),
                request("GET", "/api/users", headers: [("Accept", "text/html")]).ignoring(.contentType, .body),
            ]
    }
}

extension WireSeed {
    static let badToken = String(repeating: "0f", count: 20)
}
