import Foundation

/// Part 2's requests (shared/spec/reference-api-2.md: tags, projects, tasks) on
/// `WireSeed.projectsSQL`'s rows, in the order of part 1's list: every route and method as
/// everyone, reads, filters, search and ordering, refused writes and validation (nothing
/// written), then the writes that succeed, each followed by reads of what it changed.
/// `WireReferenceTests` runs them against DRF alone until api-server serves part 2; what DRF
/// answers at each edge is written down in Tests/DRFReference/README.md.
///
/// Not included, as DRF answers them with a 500 (README, "Where DRF 3.18 differs"): a JSON
/// setting holding `\u0000` (PostgreSQL's jsonb refuses it: DataError), and any write to a
/// project whose settings are JSON `null` (Fornax: Django reads it as None and writes SQL NULL).
extension WireRequests {
    static var projects: [WireRequest] {
        projectRouteMatrix + projectReads + projectFilters + taskFilters + projectValidation + taskValidation + tagValidation
            + tagWrites + projectWrites + taskWrites + cascades + browsable
    }

    static let apolloPath = "/api/projects/\(WireSeed.apollo)/"
    static func projectLink(_ id: String, host: String = "http://testserver") -> String { "\(host)/api/projects/\(id)/" }

    static let projectRoutes: [Route] = [
        Route(path: "/api/tags/", methods: ["GET", "POST"]),
        Route(path: "/api/tags/urgent/", methods: ["GET", "PUT", "PATCH", "DELETE"]),
        Route(path: "/api/projects/", methods: ["GET", "POST"]),
        Route(path: "/api/projects/summary/", methods: ["GET"]),
        Route(path: apolloPath, methods: ["GET", "PUT", "PATCH", "DELETE"]),
        Route(path: apolloPath + "tasks/", methods: ["GET"]),
        Route(path: apolloPath + "archive/", methods: ["POST"]),
        Route(path: "/api/tasks/", methods: ["GET", "POST"]),
        Route(path: "/api/tasks/1/", methods: ["GET", "PUT", "PATCH", "DELETE"]),
    ]

    /// Every route with every method as everyone (as part 1's `routeMatrix`), then the writes
    /// refused by permissions before the body is read.
    static var projectRouteMatrix: [WireRequest] {
        var requests = [request("GET", "/api/", .ada), request("GET", "/api/", .anonymous)] + matrix(projectRoutes)
        let cygnus = "/api/projects/\(WireSeed.cygnus)/"
        requests += [
            request("POST", "/api/tags/", .ada, json: #"{"slug":"x","name":"x"}"#, note: "not staff"),
            request("PUT", "/api/tags/urgent/", .alan, json: #"{"slug":"x","name":"x"}"#),
            request("DELETE", "/api/tags/urgent/", .bob),
            request("PATCH", cygnus, .ada, json: #"{"name":"x"}"#, note: "member, not admin"),
            request("PUT", cygnus, .ada, json: "{}"),
            request("DELETE", cygnus, .ada),
            request("POST", cygnus + "archive/", .ada),
            request("POST", apolloPath + "archive/", .alan),
            request("POST", apolloPath + "archive/", .bob),
            request("PUT", "/api/projects/\(WireSeed.eridanus)/", .ada, json: "{}", note: "not a member: 404"),
            request("DELETE", "/api/projects/\(WireSeed.eridanus)/", .ada),
            request("POST", "/api/projects/\(WireSeed.eridanus)/archive/", .ada),
            request("PATCH", "/api/tasks/6/", .ada, json: #"{"title":"x"}"#, note: "task of a project ada only reads"),
            request("DELETE", "/api/tasks/6/", .ada),
            request("PUT", "/api/tasks/1/", .alan, json: "{}"),
            request("DELETE", "/api/tasks/11/", .ada, note: "not a member: 404"),
            request("PATCH", "/api/tasks/12/", .ada, json: "{}"),
            request("OPTIONS", cygnus, .ada, note: "no PUT form for a member"),
            request("OPTIONS", cygnus, .alan),
            request("OPTIONS", "/api/projects/\(WireSeed.eridanus)/", .ada, note: "never a 404"),
            request("OPTIONS", "/api/tasks/6/", .ada),
            request("OPTIONS", "/api/tasks/6/", .alan),
            request("OPTIONS", "/api/tags/urgent/", .ada),
            request("OPTIONS", "/api/tags/urgent/", .admin),
            request("OPTIONS", "/api/projects/summary/", .admin),
            request("OPTIONS", apolloPath + "tasks/", .ada),
            request("OPTIONS", apolloPath + "archive/", .ada),
            request("OPTIONS", apolloPath + "archive/", .alan),
        ]
        return requests
    }

    /// `routes` with every method as everyone (part 1's `routeMatrix` too); a mapped write only
    /// as those refused before any body is read (401), so nothing changes.
    static func matrix(_ routes: [Route]) -> [WireRequest] {
        let everyone: [Who] = [.anonymous, .badToken, .ghost, .alan, .ada, .bob, .admin]
        var requests: [WireRequest] = []
        for route in routes {
            for method in methods {
                let mappedWrite = route.methods.contains(method) && !["GET", "HEAD", "OPTIONS"].contains(method)
                for who in everyone {
                    if mappedWrite && ![Who.anonymous.name, Who.badToken.name, Who.ghost.name].contains(who.name) { continue }
                    // HEAD where GET is not mapped: covered by the GETs' answers being compared.
                    if method == "HEAD" && !route.methods.contains("GET") && who.name != Who.admin.name { continue }
                    requests.append(request(method, route.path, who))
                }
            }
        }
        return requests
    }

    /// Lists, details, lookups (UUIDs in any case and form), the extra actions, formats.
    static var projectReads: [WireRequest] {
        let apollo = WireSeed.apollo
        var requests: [WireRequest] = []
        for who in [Who.ada, .alan, .bob, .admin] {
            requests += ["/api/projects/", "/api/tasks/", "/api/projects/summary/", "/api/tags/"].map { request("GET", $0, who) }
        }
        let adaReads = [
            "/api/projects/\(apollo.uppercased())/", "/api/projects/\(apollo.replacingOccurrences(of: "-", with: ""))/",
            "/api/projects/\(apollo.replacingOccurrences(of: "-", with: "").uppercased())/", "/api/projects/urn:uuid:\(apollo)/",
            "/api/projects/%7B\(apollo)%7D/", "/api/projects/\(apollo.prefix(35))/", "/api/projects/\(apollo)0/",
            "/api/projects/abc/", "/api/projects/00000000-0000-0000-0000-000000000000/", "/api/projects/\(WireSeed.eridanus)/",
            "/api/projects/\(WireSeed.cygnus)/", "/api/projects/\(WireSeed.draco)/", "/api/projects/\(WireSeed.borealis)/",
            "/api/projects/\(WireSeed.lowerApollo)/", "/api/projects/\(apollo).json", "/api/projects/\(apollo)/?format=json",
            "/api/projects.json", "/api/projects/summary.json", "/api/projects/summary/?page=2", "/api/projects/?page=2",
            "/api/projects/?page_size=2", "/api/projects/?page_size=2&page=3",
            apolloPath + "tasks/", apolloPath + "tasks/?limit=2", apolloPath + "tasks/?limit=2&offset=2", apolloPath + "tasks/?offset=3",
            apolloPath + "tasks/?limit=1000", apolloPath + "tasks/?limit=abc", apolloPath + "tasks/?limit=0", apolloPath + "tasks/?page=2",
            apolloPath + "tasks.json", apolloPath + "tasks/?format=json&limit=1", apolloPath + "tasks/?status=x",
            apolloPath + "tasks/?status=done", apolloPath + "tasks/?search=nothing", apolloPath + "?status=done",
            apolloPath + "?status=x", apolloPath + "?search=apollo", "/api/projects/\(WireSeed.cygnus)/tasks/",
            "/api/projects/\(WireSeed.draco)/tasks/", "/api/projects/\(WireSeed.eridanus)/tasks/", "/api/projects/abc/tasks/",
            "/api/tasks/1/", "/api/tasks/4/", "/api/tasks/5/", "/api/tasks/6/", "/api/tasks/7/", "/api/tasks/9/", "/api/tasks/11/",
            "/api/tasks/abc/", "/api/tasks/999/", "/api/tasks/99999999999999999999/", "/api/tasks/1.json",
            "/api/tasks.json?page=2&page_size=3",
            "/api/tasks/?page=2&page_size=3", "/api/tasks/?page=last&page_size=4", "/api/tasks/?page_size=1000",
            "/api/tags/urgent/", "/api/tags/URGENT/", "/api/tags/ops_2/", "/api/tags/ux-research/", "/api/tags/urgent.json",
            "/api/tags/nope/", "/api/tags.json", "/api/tags/?page=2", "/api/tags/?format=json",
        ]
        requests += adaReads.map { request("GET", $0, .ada) }
        requests += [
            request("GET", "/api/projects/\(WireSeed.eridanus)/", .admin),
            request("GET", "/api/projects/\(WireSeed.fornax)/", .bob),
            request("GET", "/api/projects/\(WireSeed.fornax)/tasks/", .bob),
            request("GET", "/api/projects/\(WireSeed.cygnus)/tasks/", .admin),
            request("GET", "/api/tasks/12/", .bob),
            request("HEAD", "/api/projects/summary/", .ada),
            request("GET", apolloPath, .ada, headers: [("Accept", "application/json; indent=4")]),
            request("GET", "/api/tasks/?page=2&page_size=3", .ada), follow("next", .ada), follow("previous", .ada),
            request("GET", apolloPath + "tasks/?limit=1", .ada), follow("next", .ada), follow("next", .ada), follow("previous", .ada),
        ]
        return requests
    }

    /// django-filter's `filterset_fields`, then SearchFilter and OrderingFilter, on projects,
    /// and `summary` over the same filters.
    static var projectFilters: [WireRequest] {
        let queries = [
            "status=active", "status=x", "status=ACTIVE", "status=", "status=active&status=done", "status__in=planned,active",
            "status__in=planned,x", "status__in=", "status__in=done", "budget__gte=1000", "budget__gte=1e3", "budget__gte=1E%2B3",
            "budget__gte=abc", "budget__lte=-0", "budget__lte=0", "budget__gte=NaN", "budget__gte=Infinity", "budget__gte=1,5",
            "budget__gte=%201000%20", "budget__lte=500.505", "budget__gte=99999999999999999999999", "starts__gte=2026-01-01",
            "starts__lte=2026-02-30", "starts__gte=2026-1-5", "starts__gte=20260105", "starts__gte=2023-02-29", "starts__lte=x",
            "account=1", "account=2", "account=3", "account=abc", "account=999", "account=1.0", "account=", "lead__username=ada",
            "lead__username=nobody", "lead__username=", "lead__username=ADA", "status=x&budget__gte=abc&starts__gte=bad&account=x",
            "name=Apollo", "lead=2",
            "search=apollo", "search=APOLLO", "search=beta", "search=100%25", "search=acme%20apollo", "search=%E2%9C%93",
            "search=%E2%98%83", "search=nothing", "search=", "search=_", "search=apollo&status=done",
            "ordering=task_count", "ordering=-task_count", "ordering=budget", "ordering=-budget", "ordering=starts",
            "ordering=-starts", "ordering=created", "ordering=-created", "ordering=name", "ordering=-name", "ordering=open_task_count",
            "ordering=bogus", "ordering=-task_count,name", "ordering=account__name", "ordering=task_count&search=apollo",
            "ordering=-budget&budget__gte=0&page_size=2", "ordering=updated", "ordering=status",
        ]
        var requests = queries.map { request("GET", "/api/projects/?" + $0, .ada) }
        requests += [
            "status=active", "status__in=active,done", "search=apollo", "status=x", "budget__gte=abc", "ordering=-task_count",
            "account=2", "lead__username=alan", "budget__gte=1000&budget__lte=2000", "search=nothing",
        ]
        .map { request("GET", "/api/projects/summary/?" + $0, .ada) }
        requests += [
            request("GET", "/api/projects/?status=active", .alan), request("GET", "/api/projects/?account=4", .bob),
            request("GET", "/api/projects/summary/?account=3", .admin),
        ]
        return requests
    }

    static var taskFilters: [WireRequest] {
        let apollo = WireSeed.apollo
        let queries = [
            "done=true", "done=false", "done=maybe", "done=True", "done=1", "done=0", "done=", "priority=1", "priority=9",
            "priority=x", "priority=01", "priority=1.0", "priority__in=1,3", "priority__in=1,x", "priority__in=1,9",
            "priority__in=", "due__lte=2026-02-01", "due__gte=2026-02-30", "due__gte=2026-2-1", "due__lte=2025-13-01",
            "due__isnull=true", "due__isnull=false", "due__isnull=maybe", "due__isnull=1", "assignee__username=ada",
            "assignee__username=ghost", "assignee__username=", "tags__slug=urgent", "tags__slug=nope", "tags__slug=URGENT",
            "tags__slug=ux-research", "project=\(apollo)", "project=\(apollo.uppercased())",
            "project=\(apollo.replacingOccurrences(of: "-", with: ""))", "project=abc", "project=00000000-0000-0000-0000-000000000000",
            "project=\(WireSeed.eridanus)", "project=", "project=urn:uuid:\(apollo)",
            "done=maybe&priority=x&due__lte=x&project=x", "tags=1", "assignee=2",
            "search=draco", "search=apollo", "search=%22the%20engine%22", "search=the%20engine", "search=%E2%9C%93",
            "search=%C2%AB", "search=nothing", "ordering=due,id", "ordering=-due,id", "ordering=due&due__isnull=false",
            "ordering=-priority,id", "ordering=title", "ordering=-title", "ordering=created", "ordering=-created", "ordering=id",
            "ordering=-id", "ordering=nope", "ordering=project__name", "ordering=priority,-due,id",
            "tags__slug=urgent&done=false&ordering=-id", "page_size=2&page=2&ordering=-created",
        ]
        return queries.map { request("GET", "/api/tasks/?" + $0, .ada) }
            + [request("GET", "/api/tasks/?assignee__username=bob", .bob), request("GET", "/api/tasks/?tags__slug=urgent", .admin)]
    }

    /// Project writes that fail validation (nothing written): every field's messages, the
    /// `account` field's queryset, unique together, the dates' check.
    static var projectValidation: [WireRequest] {
        let long = String(repeating: "n", count: 101)
        let creates = [
            "{}", #"{"account":1}"#, #"{"name":"x"}"#, #"{"account":2,"name":"x"}"#, #"{"account":3,"name":"x"}"#,
            #"{"account":999,"name":"x"}"#, #"{"account":"abc","name":"x"}"#, #"{"account":null,"name":"x"}"#,
            // DRF reads the pk 1.5 as 1: this one creates project "x".
            #"{"account":1.5,"name":"x"}"#, #"{"account":true,"name":"x"}"#, #"{"account":[1],"name":"x"}"#,
            #"{"account":"","name":"x"}"#, #"{"account":1,"name":"Apollo"}"#, #"{"account":"1","name":"apollo"}"#,
            #"{"account":1,"name":""}"#, #"{"account":1,"name":"   "}"#, #"{"account":1,"name":null}"#,
            #"{"account":1,"name":"\#(long)"}"#, #"{"account":1,"name":["x"]}"#,
            #"{"account":1,"name":"","budget":"1.005"}"#, #"{"account":1,"name":"","budget":"12345678901.00"}"#,
            #"{"account":1,"name":"","budget":"99999999999.99"}"#, #"{"account":1,"name":"","budget":"-0.01"}"#,
            #"{"account":1,"name":"","budget":-1}"#, #"{"account":1,"name":"","budget":"NaN"}"#,
            #"{"account":1,"name":"","budget":"Infinity"}"#, #"{"account":1,"name":"","budget":"-Infinity"}"#,
            #"{"account":1,"name":"","budget":"abc"}"#, #"{"account":1,"name":"","budget":""}"#,
            #"{"account":1,"name":"","budget":1e400}"#, #"{"account":1,"name":"","budget":"0E-7"}"#,
            #"{"account":1,"name":"","budget":"1e-3"}"#, #"{"account":1,"name":"","budget":"1e10"}"#,
            #"{"account":1,"name":"","budget":true}"#, #"{"account":1,"name":"","budget":[1]}"#,
            #"{"account":1,"name":"","budget":"0x10"}"#, #"{"account":1,"name":"","budget":"1,5"}"#,
            #"{"account":1,"name":"","starts":"2023-02-29"}"#, #"{"account":1,"name":"","starts":"2026-13-01"}"#,
            #"{"account":1,"name":"","starts":"2026-02-30"}"#, #"{"account":1,"name":"","starts":"0000-01-01"}"#,
            #"{"account":1,"name":"","starts":"2026-01-05T00:00:00"}"#, #"{"account":1,"name":"","starts":" 2026-01-05"}"#,
            #"{"account":1,"name":"","starts":20260105}"#, #"{"account":1,"name":"","starts":"","ends":"x"}"#,
            #"{"account":1,"name":"x","starts":"2026-05-01","ends":"2026-04-30"}"#,
            #"{"account":1,"name":"Apollo","starts":"2026-05-01","ends":"2026-04-30"}"#,
            #"{"account":1,"name":"","status":"x"}"#, #"{"account":1,"name":"","status":"ACTIVE"}"#,
            #"{"account":1,"name":"","status":null}"#, #"{"account":1,"name":"","status":""}"#, #"{"account":1,"name":"","status":1}"#,
            #"{"account":1,"name":"","settings":null}"#, #"{"account":1,"name":"","settings":{"x":1e400}}"#,
            #"{"account":1,"name":"","lead_id":999}"#, #"{"account":1,"name":"","lead_id":"abc"}"#,
            #"{"account":1,"name":"","lead_id":1.5}"#, #"{"account":1,"name":"","lead_id":[2]}"#,
            #"{"account":1,"name":"","lead":2,"id":"x","task_count":5,"created":"x"}"#,
            #"{"account":"x","name":null,"lead_id":"x","status":"x","budget":"x","starts":"x","ends":"x","settings":null}"#,
        ]
        var requests = creates.map { request("POST", "/api/projects/", .ada, json: $0) }
        requests += [
            "{}", #"{"account":1,"name":"Borealis"}"#, #"{"account":2,"name":"Apollo"}"#, #"{"name":"Apollo"}"#,
        ]
        .map { request("PUT", apolloPath, .ada, json: $0) }
        requests += [
            #"{"ends":"2025-01-01"}"#, #"{"starts":"2026-07-01"}"#, #"{"account":2}"#, #"{"account":3}"#, #"{"name":"Borealis"}"#,
            #"{"name":"apollo"}"#, #"{"settings":null}"#, #"{"budget":"1e3","name":""}"#, #"{"status":"archived"}"#,
        ]
        .map { request("PATCH", apolloPath, .ada, json: $0) }
        requests += [
            request("POST", "/api/projects/", .ada, form: "account=1&name=&budget=1e3"),
            request("POST", "/api/projects/", .ada, form: "account=1&name=&settings=%7Bx"),
            request("POST", "/api/projects/", .ada, form: "account=2&name=x&lead_id="),
            request("PATCH", apolloPath, .ada, form: "starts=2026-07-01"),
            request("POST", "/api/projects/", .alan, json: #"{"account":1,"name":"x"}"#, note: "member of account 1, not admin"),
            request("POST", "/api/projects/", .bob, json: #"{"account":1,"name":"x"}"#),
            request("POST", "/api/projects/", .admin, json: #"{"account":1,"name":"x"}"#, note: "staff, not a member"),
        ]
        return requests
    }

    /// Task writes that fail validation (nothing written): hyperlinks to the wrong view or host,
    /// slugs, choices, dates, durations.
    static var taskValidation: [WireRequest] {
        let apollo = WireSeed.apollo
        let projects = [
            "\"api/projects/\(apollo)/\"", "\"http://testserver/api/tasks/1/\"", "\"http://testserver/api/nothing/\"",
            "\"/api/nothing/\"", "1", "[\"x\"]", "true", "{}", "null", "\"\"", "\"http://testserver/api/projects/abc/\"",
            "\"\(projectLink(WireSeed.eridanus))\"", "\"\(projectLink(WireSeed.cygnus))\"",
            "\"http://testserver/api/projects/00000000-0000-0000-0000-000000000000/\"",
            "\"ftp://testserver/api/projects/\(apollo)/\"", "\"http://testserver/api/projects/\(apollo)\"",
            "\"http://testserver/api/tags/urgent/\"", "\"http://testserver/api/projects/\"", "\"http://testserver/api/\"",
            "\"\(projectLink(apollo, host: "https://elsewhere.example:8443"))\"", "\"\(projectLink(apollo.uppercased()))\"",
            "\"http://testserver/api/projects/%7B\(apollo)%7D/\"", "\"http://testserver/api/projects/\(apollo).json\"",
            "\"http://testserver/api/projects/\(apollo)/?x=1#y\"", "\"HTTP://testserver/api/projects/\(apollo)/\"",
            "\"http:/api/projects/\(apollo)/\"", "\"//testserver/api/projects/\(apollo)/\"",
        ]
        var requests = projects.map { request("POST", "/api/tasks/", .ada, json: #"{"project":\#($0),"title":""}"#) }
        let link = projectLink(apollo)
        let fields = [
            #""title":"""#, #""title":"\#(String(repeating: "t", count: 201))""#, #""title":null"#, #""title":"   ""#,
            #""assignee":"zed""#, #""assignee":"ghost""#, #""assignee":"ADA""#, #""assignee":1"#, #""assignee":["ada"]"#,
            #""assignee":true"#, #""assignee":" ada""#,
            #""tags":"urgent""#, #""tags":["x"]"#, #""tags":[null]"#, #""tags":[1]"#, #""tags":{"urgent":1}"#, #""tags":null"#,
            #""tags":[["urgent"]]"#, #""tags":[true]"#, #""tags":[""]"#, #""tags":["urgent","x","y"]"#, #""tags":["URGENT"]"#,
            #""tags":1"#,
            #""priority":4"#, #""priority":"x""#, #""priority":1.0"#, #""priority":true"#, #""priority":null"#,
            #""priority":"high""#, #""priority":"01""#, #""priority":" 2""#, #""priority":2.5"#, #""priority":0"#,
            #""done":"maybe""#, #""done":null"#, #""done":2"#, #""done":[]"#,
            #""due":"2026-02-30""#, #""due":"2023-02-29""#, #""due":"2026-13-01""#, #""due":"x""#, #""due":1"#,
            #""estimate":"P1W""#, #""estimate":"P1M""#, #""estimate":"p1d""#, #""estimate":"PT-1H""#, #""estimate":"1e3""#,
            #""estimate":"10:00:00:00""#, #""estimate":"1000000000 00:00:00""#, #""estimate":"P1000000000D""#,
            #""estimate":"P999999999DT24H""#, #""estimate":"99999999999999999999""#, #""estimate":1e20"#,
            #""estimate":true"#, #""estimate":[]"#, #""estimate":"1 day 2 hours""#, #""estimate":"01:30 ""#,
        ]
        requests += fields.map { field in
            // A title error too when the field alone would be valid: nothing may be written here.
            let title = field.hasPrefix("\"title\"") ? "" : #","title":"""#
            return request("POST", "/api/tasks/", .ada, json: #"{"project":"\#(link)",\#(field)\#(title)}"#)
        }
        requests += [
            request("POST", "/api/tasks/", .ada, json: "{}"),
            request("POST", "/api/tasks/", .ada, json: #"{"project":"\#(link)"}"#),
            request(
                "POST", "/api/tasks/", .ada,
                json: #"{"project":1,"title":null,"assignee":"zed","tags":"x","priority":9,"done":"x","due":"x","estimate":"x"}"#),
            request("POST", "/api/tasks/", .ada, form: "project=\(link)&title=&tags=urgent&tags=nope"),
            request("POST", "/api/tasks/", .ada, form: "project=&title=x"),
            request("POST", "/api/tasks/", .alan, json: #"{"project":"\#(link)","title":"x"}"#, note: "member, not admin"),
            request("PATCH", "/api/tasks/1/", .ada, json: #"{"tags":["x"]}"#),
            request("PATCH", "/api/tasks/1/", .ada, form: "tags="),
            request(
                "PATCH", "/api/tasks/1/", .ada, json: #"{"project":"\#(projectLink(WireSeed.cygnus))"}"#,
                note: "moved to a project ada reads"),
            request("PUT", "/api/tasks/1/", .ada, json: #"{"title":"x"}"#),
        ]
        return requests
    }

    static var tagValidation: [WireRequest] {
        [
            "{}", #"{"slug":"bad slug","name":""}"#, #"{"slug":"urgent","name":"x"}"#, #"{"slug":"ünï","name":"x"}"#,
            #"{"slug":"\#(String(repeating: "s", count: 51))","name":"x"}"#, #"{"slug":null,"name":null}"#,
            #"{"slug":"ok","name":"\#(String(repeating: "n", count: 101))"}"#, #"{"slug":"a.b","name":"x"}"#,
            #"{"slug":"URGENT","name":""}"#, #"{"slug":123,"name":""}"#,
        ]
        .map { request("POST", "/api/tags/", .admin, json: $0) }
            + [
                request("PUT", "/api/tags/urgent/", .admin, json: #"{"slug":"backend","name":"x"}"#),
                request("PUT", "/api/tags/urgent/", .admin, json: "{}"),
                request("PATCH", "/api/tags/urgent/", .admin, json: #"{"slug":""}"#),
                request("PATCH", "/api/tags/nope/", .admin, json: #"{"name":"x"}"#),
                request("POST", "/api/tags/", .admin, form: "slug=&name="),
            ]
    }

    // MARK: Writes that succeed

    static var tagWrites: [WireRequest] {
        [
            request("POST", "/api/tags/", .admin, json: #"{"slug":"new_tag-1","name":"New ✓"}"#),
            request("GET", "/api/tags/new_tag-1/", .ada),
            request("PUT", "/api/tags/new_tag-1/", .admin, json: #"{"slug":"renamed","name":"Renamed","url":"x"}"#),
            request("GET", "/api/tags/new_tag-1/", .admin),
            request("PATCH", "/api/tags/renamed/", .admin, json: #"{"name":"R2"}"#),
            request("PATCH", "/api/tags/renamed.json", .admin, form: "name=R3"),
            request("GET", "/api/tags/", .ada),
            request("DELETE", "/api/tags/renamed/", .admin),
            request("GET", "/api/tags/renamed/", .admin),
            request("DELETE", "/api/tags/renamed/", .admin),
        ]
    }

    static var projectWrites: [WireRequest] {
        var requests: [WireRequest] = [
            request(
                "POST", "/api/projects/", .ada,
                json:
                    #"{"account":1,"name":"Nova","budget":"1E+3","starts":"2026-2-3","ends":"20260301","settings":{"b":[1,2.50,{"c":null}],"a":true,"aa":"x","ünï":-0.0},"lead_id":3,"status":"active","task_count":9}"#
            ),
            follow("url", .ada), follow("url", .ada, method: "PATCH", json: #"{"budget":"-0"}"#), follow("url", .ada),
            follow("url", .ada, method: "PUT", json: #"{"account":"1","name":"Nova ✓","lead_id":null}"#),
            follow("url", .ada, method: "POST", json: "{}"),  // 405: the detail route has no POST
            request("GET", "/api/projects/?search=nova", .ada),
            request("GET", "/api/projects/summary/", .ada),
            request("POST", "/api/projects/", .ada, json: #"{"account":1,"name":"Nova ✓"}"#, note: "taken now"),
            request("POST", "/api/projects/", .ada, form: "account=1&name=Form+project&settings=%5B1%2C2.50%5D&budget=12.5&lead_id="),
            follow("url", .ada), follow("url", .ada, method: "DELETE"),
            request("POST", "/api/projects/", .bob, json: #"{"account":4,"name":"Bob's","settings":"s"}"#),
            follow("url", .bob, method: "PATCH", json: #"{"name":"Bob's ✓"}"#),
        ]
        // Decimals as DRF reads them: exponents, signs, separators, scripts.
        for budget in [
            #""1E+2""#, #""0.1e1""#, #"" 12 ""#, #""12.""#, #"".5""#, #""+3""#, #""1_000""#, #""١٢""#, #""-0E+3""#, #""1e-2""#,
            #""0.001e1""#, "12.5", "1250", "0", "-0", "1e2", #""9999999999.99""#, "null",
        ] {
            requests.append(request("PATCH", apolloPath, .ada, json: #"{"budget":\#(budget)}"#))
        }
        // Dates as DRF reads them (Python 3.11's date.fromisoformat first).
        for starts in [#""2026-2-3""#, #""20260105""#, #""2026-W01-1""#, #""١٩٩٩-٠١-٠١""#, #""2024-02-29""#, "null"] {
            requests.append(request("PATCH", apolloPath, .ada, json: #"{"starts":\#(starts)}"#))
        }
        // JSON of every type: the write answers it as Python holds it, the next read as jsonb stores it.
        for settings in [
            #"{"b":2,"a":1,"aa":{"z":1.50,"y":[1,2.0,-0.0,1e2,123456789012345678901234567890]}}"#, #"[1,"two",3.0,null,true]"#,
            #""str""#, "12.50", "true", "false", "-0", "1E2", #"{"a":1,"a":2}"#, #"{"é":"x","a":"\ud83d\ude00","":null}"#,
            #"{"x":1e308,"y":5e-324,"w":0.1}"#, "[]", "{}", #""""#, #"{"nested":{"deeper":{"deepest":[[[]]]}}}"#,
        ] {
            requests += [request("PATCH", apolloPath, .ada, json: #"{"settings":\#(settings)}"#), request("GET", apolloPath, .ada)]
        }
        requests += [
            request("PATCH", apolloPath, .ada, form: "settings=%7B%22form%22%3A%20%5B1%2C%202%5D%7D"),
            request("PATCH", apolloPath, .ada, json: #"{"lead_id":6,"status":"done"}"#),
            request("PATCH", apolloPath, .ada, json: #"{"lead_id":null}"#),
            request("PATCH", "/api/projects/\(WireSeed.apollo.uppercased())/", .ada, json: #"{"name":"Apollo ✓"}"#),
            request(
                "PUT", apolloPath, .ada,
                json:
                    #"{"account":1,"name":"Apollo","status":"active","budget":"1250.00","starts":"2026-01-05","ends":"2026-06-30","settings":{"restored":true}}"#
            ),
            request(
                "PUT", apolloPath, .ada, json: #"{"account":1,"name":"Apollo"}"#, note: "PUT: omitted optional fields keep their values"),
            request("GET", apolloPath, .ada),
            request("POST", apolloPath + "archive/", .ada),
            request("POST", apolloPath + "archive/", .ada, json: #"{"status":"active"}"#, note: "the body is not read"),
            request("POST", "/api/projects/\(WireSeed.borealis)/archive.json", .ada),
            request("POST", "/api/projects/\(WireSeed.borealis)/archive/?status=planned", .ada, note: "filtered out: 404"),
            request("GET", "/api/projects/summary/", .ada),
            request("PATCH", "/api/projects/\(WireSeed.cygnus)/", .alan, json: #"{"ends":"2025-12-30","lead_id":2}"#),
            request("PATCH", "/api/projects/\(WireSeed.cygnus)/", .alan, json: #"{"account":1}"#, note: "alan is no admin of 1"),
            request("GET", "/api/projects/?ordering=-task_count,name", .ada),
        ]
        return requests
    }

    static var taskWrites: [WireRequest] {
        let apollo = WireSeed.apollo
        var requests: [WireRequest] = [
            request(
                "POST", "/api/tasks/", .ada,
                json:
                    #"{"project":"\#(projectLink(apollo.uppercased(), host: "https://elsewhere.example"))","title":"New task","tags":["urgent","backend","urgent"],"assignee":"alan","estimate":"P1DT2H","due":"2026-2-3","priority":"1","id":99,"created":"x"}"#
            ),
            request("GET", "/api/tasks/13/", .ada),
            request("PATCH", "/api/tasks/13/", .ada, json: #"{"tags":["db","ux-research"]}"#),
            request("PATCH", "/api/tasks/13/", .ada, json: #"{"tags":[]}"#),
            request("PATCH", "/api/tasks/13/", .ada, json: #"{"tags":["ops_2"],"assignee":null,"done":"true"}"#),
            request("PATCH", "/api/tasks/13/", .ada, json: #"{"assignee":""}"#),
            request("GET", "/api/tasks/?tags__slug=ops_2", .ada),
        ]
        // Durations in both formats, as Django's parse_duration reads them.
        for estimate in [
            #""1 02:00:00""#, #""-1 day, 23:00:00""#, #""90""#, #""1.5""#, #""PT0.5S""#, #""-P1D""#, #""1:30""#, #""00:00:00.5""#,
            #""999999999 00:00:00""#, #""999999999 23:59:59.999999""#, #""-999999999 00:00:00""#, #""1 day""#, #""-00:00:01""#,
            "5400", "-5400.5", #""P0D""#, #""PT36H""#, #""P1DT""#, #""PT1H30M""#, #""1 days 01:00:00""#, #""P1.5D""#, #""P1DT1.5H""#,
            #""-PT1H""#, #""١٠""#, #""00:61:00""#, #""25:00:00""#, #""""#, #""PT""#, #""86400""#, "null",
        ] {
            requests.append(request("PATCH", "/api/tasks/13/", .ada, json: #"{"estimate":\#(estimate)}"#))
        }
        requests += [
            request("PUT", "/api/tasks/13/", .ada, json: #"{"project":"/api/projects/\#(WireSeed.borealis)/","title":"Moved"}"#),
            request("GET", "/api/projects/\(WireSeed.borealis)/tasks/", .ada),
            request("POST", "/api/tasks/", .ada, form: "project=\(projectLink(apollo))&title=Form+task&tags=urgent&tags=db&estimate=P1D"),
            request("PATCH", "/api/tasks/14.json", .ada, form: "title=Form+task+%E2%9C%93&due="),
            request("DELETE", "/api/tasks/14/", .ada),
            request("GET", "/api/tasks/14/", .ada),
            request("DELETE", "/api/tasks/14/", .ada),
            request("POST", "/api/tasks/", .alan, json: #"{"project":"\#(projectLink(WireSeed.cygnus))","title":"Alan's","tags":[]}"#),
            request("PATCH", "/api/tasks/12/", .bob, json: #"{"done":true,"priority":3}"#),
            request("GET", apolloPath + "tasks/", .ada),
            request("GET", apolloPath, .ada),
        ]
        return requests
    }

    /// Deletes and what the schema's ON DELETE does with them.
    static var cascades: [WireRequest] {
        [
            request("DELETE", "/api/tags/db/", .admin),
            request("GET", "/api/tasks/4/", .ada),
            request("DELETE", "/api/projects/\(WireSeed.lowerApollo)/", .ada),
            request("DELETE", "/api/projects/\(WireSeed.borealis)/", .ada),
            request("GET", "/api/tasks/5/", .ada),
            request("GET", "/api/tasks/13/", .ada),
            request("DELETE", "/api/users/5/", .admin),
            request("GET", "/api/projects/\(WireSeed.draco)/", .ada),
            request("GET", "/api/tasks/8/", .ada),
            request("DELETE", "/api/accounts/2/", .alan),
            request("GET", "/api/projects/", .ada),
            request("GET", "/api/tasks/", .ada),
            request("GET", "/api/projects/summary/", .ada),
            request("GET", "/api/tags/", .ada),
            request("DELETE", "/api/users/2/", .admin),
            request("GET", "/api/projects/", .alan),
            request("GET", "/api/tasks/?assignee__username=ada", .alan),
        ]
    }
}

extension WireRequests {
    /// The requests of `projects` to `/api/tasks…`, and the links followed from their answers:
    /// the tasks viewset's share, to compare on its own (`compare(WireRequests.tasks, seed:
    /// WireSeed.sql + WireSeed.projectsSQL)`) while the projects and tags routes, which the
    /// tasks' links name, are not merged yet (with a stand-in `project-detail`: 323 requests, one
    /// mismatch, `/api/tags/urgent/` as a project link, a route this branch lacks).
    static var tasks: [WireRequest] {
        var kept: [WireRequest] = []
        var previousKept = false
        for request in projects {
            switch request.target {
            case .path(let path): previousKept = path.hasPrefix("/api/tasks")
            case .link: break  // follows the previous answer: kept with it
            }
            if previousKept { kept.append(request) }
        }
        return kept
    }
}
