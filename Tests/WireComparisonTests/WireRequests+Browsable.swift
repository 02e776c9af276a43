/// Part 2's "Browsable API" on part 2's rows: what browsers ask (`Accept: text/html`,
/// `?format=api`, the `.api` suffix) on every kind of route and answer, compared by status,
/// Content-Type and the other compared headers (`WireComparison` does not compare the pages'
/// bytes), and JSON answers of the same routes unchanged beside them.
extension WireRequests {
    static var browsable: [WireRequest] {
        let html = [("Accept", "text/html")]
        let apollo = apolloPath
        var requests: [WireRequest] = []
        for who in [Who.anonymous, .ada, .alan, .admin, .badToken] {
            requests += [
                request("GET", "/api/", who, headers: html), request("GET", "/api/projects/", who, headers: html),
                request("GET", apollo, who, headers: html), request("GET", "/api/tasks/1/", who, headers: html),
                request("GET", "/api/tags/", who, headers: html), request("OPTIONS", "/api/projects/", who, headers: html),
            ]
        }
        requests += [
            "/api/projects/?format=api", "/api/projects.api", "/api/projects/\(WireSeed.apollo).api", "/api/.api",
            "/api/projects/?page=2&format=api", "/api/projects/?search=a&ordering=-name&status=active&format=api",
            "/api/projects/?status=nothing&format=api", "/api/projects/summary/?format=api", apollo + "tasks/?limit=2&format=api",
            "/api/projects/abc/?format=api", "/api/tasks/?format=api", "/api/tags/urgent/?format=api", "/api/users/?format=api",
            "/api/users/2/?format=api", "/api/users/recent_users/?format=api", "/api/simple-users/?format=api",
            "/api/accounts/1/members/?format=api", "/api/notes/?format=api",
        ].map { request("GET", $0, .ada) }
        requests += [
            request("GET", "/api/projects/", .ada, headers: [("Accept", "text/html, */*")]),
            request("GET", "/api/projects/", .ada, headers: [("Accept", "text/*")]),
            request("GET", "/api/projects/", .ada, headers: [("Accept", "application/json, text/html")]),
            request("GET", "/api/projects/?format=api", .ada, headers: [("Accept", "application/json")]),
            request("HEAD", "/api/projects/", .ada, headers: html),
            request("POST", "/api/auth-token/?format=api", form: "username=ada&password=x"),
            request("OPTIONS", "/api/auth-token/", headers: html),
            // Writes answered as pages: refused, invalid, made, changed, deleted (204 shown as 200).
            request("POST", "/api/projects/", .alan, headers: html, json: #"{"account":1,"name":"No"}"#),
            request("POST", "/api/projects/", .ada, headers: html, json: #"{"account":1}"#),
            request("POST", "/api/projects/?format=api", .ada, json: #"{"account":1,"name":"Paged"}"#),
            request("PATCH", apollo, .ada, headers: html, json: #"{"budget":"5"}"#),
            request("PATCH", apollo, .alan, headers: html, json: #"{"budget":"6"}"#),
            request("POST", "/api/tags/", .admin, headers: html, form: "slug=paged&name=Paged"),
            request("PUT", "/api/tags/paged/", .admin, headers: html, json: #"{"slug":"paged","name":"Paged ✓"}"#),
            request("DELETE", "/api/tags/paged/", .admin, headers: html),
            request("DELETE", "/api/tags/paged/", .admin, headers: html),
        ]
        return requests
    }
}
