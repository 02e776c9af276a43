import ReferenceAPI
import RESTFramework
import RESTModels
import Testing
import TestSupport

/// Part 2's "Browsable API" (shared/spec/reference-api-2.md): `Accept: text/html`, `?format=api`
/// and the `.api` suffix get DRF's browsable API page; JSON clients see only DRF's own changes
/// (`Vary: Accept`, OPTIONS' `renders`); `auth-token` stays JSON only. The page itself: what a
/// browser shows (Tests/ReferenceAPITests checks the markup; BrowserTests loads it in Chromium).
@Suite(.needsTestsRun) struct BrowsableAPITests {
    static let html = "text/html; charset=utf-8"

    @Test(arguments: ["text/html", "text/html, */*", "text/*", "text/html, application/xml;q=0.9"])
    func aBrowserGetsThePage(_ accept: String) throws {
        let client = try ReferenceClient()
        let page = client.send(.get, "/api/users/", token: Seed.adaToken, headers: [("Accept", accept)])
        #expect(page.status == 200)
        #expect(page.header("Content-Type") == Self.html)
        #expect(page.header("Vary") == "Accept")
        #expect(page.text.hasPrefix("<!DOCTYPE html>"))
        #expect(page.text.contains("<h1>User List</h1>"))
        // Authentication still decides: the page of a 401, with its header.
        let anonymous = client.send(.get, "/api/users/", headers: [("Accept", accept)])
        #expect(anonymous.status == 401)
        #expect(anonymous.header("Content-Type") == Self.html)
        #expect(anonymous.header("WWW-Authenticate") == "Token")
        #expect(anonymous.text.contains("Authentication credentials were not provided."))
    }

    @Test(arguments: ["/api/users/?format=api", "/api/users.api", "/api/users/2.api", "/api/.api", "/api/users/2/?format=api"])
    func formatApiAndTheApiSuffixSelectIt(_ target: String) throws {
        let client = try ReferenceClient()
        let page = client.send(.get, target, token: Seed.adaToken)
        #expect(page.status == 200)
        #expect(page.header("Content-Type") == Self.html)
        // The format leaves only the browsable API, which a JSON-only Accept refuses (in JSON, as DRF).
        let refused = client.send(.get, target, token: Seed.adaToken, headers: [("Accept", "application/json")])
        #expect(refused.status == 406 && refused.header("Content-Type") == "application/json")
    }

    @Test func jsonClientsSeeOnlyDRFsChanges() throws {
        let client = try ReferenceClient()
        for accept in [nil, "*/*", "application/json", "text/html, application/json;q=0.5", "application/json, text/html"] {
            let reply = client.send(.get, "/api/users/3/", token: Seed.adaToken, headers: accept.map { [("Accept", $0)] } ?? [])
            #expect(reply.status == 200)
            #expect(reply.header("Content-Type") == "application/json", "\(accept ?? "none")")
            #expect(reply.text == Seed.alan)
            #expect(reply.header("Vary") == "Accept")
        }
        let options = client.send(.options, "/api/users/", token: Seed.adminToken)
        #expect(options.text.contains(#""renders":["application/json","text/html"]"#))
    }

    @Test func authTokenStaysJSONOnly() throws {
        let client = try ReferenceClient()
        let form = "username=ada&password=ada+password+"
        let html = client.send(.post, "/api/auth-token/", headers: [("Accept", "text/html")], form: form)
        #expect(html.status == 406)
        #expect(html.text == #"{"detail":"Could not satisfy the request Accept header."}"#)
        let format = client.send(.post, "/api/auth-token/?format=api", form: form)
        #expect(format.status == 404)
        #expect(format.text == #"{"detail":"Not found."}"#)
        let anything = client.send(.post, "/api/auth-token/", headers: [("Accept", "text/html, */*")], form: form)
        #expect(anything.status == 200 && anything.header("Content-Type") == "application/json")
        // One renderer: no `Vary: Accept`. Authentication ran up to the session (no credentials
        // header), which Django's SessionMiddleware answers with `Vary: Cookie`, as DRF does.
        #expect(anything.header("Vary") == "Cookie")
    }

    @Test func aDeleteAnswersItsPageWith200AsDRF() throws {
        let client = try ReferenceClient()
        let deleted = client.send(.delete, "/api/users/4/", token: Seed.adminToken, headers: [("Accept", "text/html")])
        #expect(deleted.status == 200)
        #expect(deleted.header("Content-Type") == Self.html)
        #expect(deleted.text.contains("HTTP 204 No Content"))
        #expect(client.send(.get, "/api/users/4/", token: Seed.adminToken).status == 404)
        // HEAD: the page's headers, no body.
        let head = client.send(.head, "/api/users/", token: Seed.adaToken, headers: [("Accept", "text/html")])
        #expect(head.status == 200 && head.body.isEmpty && head.header("Content-Type") == Self.html)
    }

    // MARK: The page

    @Test func aListPageShowsTheRequestTheResponseAndItsLinks() throws {
        let client = try ReferenceClient()
        let page = client.send(.get, "/api/users/?page_size=2", token: Seed.adminToken, headers: [("Accept", "text/html")]).text
        #expect(page.contains("<title>User List – Swift REST framework</title>"))
        #expect(page.contains(#"<li><a href="/api/">Api Root</a></li><li class="active"><a href="/api/users/">User List</a></li>"#))
        #expect(page.contains("<b>GET</b> /api/users/?page_size=2</pre>"))
        #expect(page.contains(#"<b class="status">HTTP 200 OK</b>"#))
        #expect(page.contains(#"<b>Allow:</b> <span class="header-value">GET, POST, HEAD, OPTIONS</span>"#))
        #expect(page.contains(#"<b>Content-Type:</b> <span class="header-value">application/json</span>"#))
        #expect(page.contains(#"<b>Vary:</b> <span class="header-value">Accept</span>"#))
        // The body indented by 4, its URLs links.
        #expect(page.contains("{\n    &quot;count&quot;: 4,\n"))
        #expect(
            page.contains(
                #""<a href="http://testserver/api/users/1/" rel="nofollow">http://testserver/api/users/1/</a>""#))
        // Pagination.
        #expect(page.contains(#"<a class="next" rel="next" href="http://testserver/api/users/?page=2&amp;page_size=2">Next »</a>"#))
        #expect(!page.contains(#"class="previous""#))
        // Staff may create users: the POST form from the serializer, and the raw data tab.
        #expect(page.contains(#"data-method="POST""#))
        #expect(page.contains(#"<input id="post-username" name="username" required="required" type="text" maxlength="150">"#))
        #expect(page.contains(#"<input id="post-is_staff" name="is_staff" type="checkbox" value="true">"#))
        #expect(page.contains(#"<select id="raw-post-content-type" name="_content_type"><option value="application/json">"#))
        #expect(page.contains(#"<textarea id="raw-post-content" name="_content" rows="10">"#))
        #expect(page.contains(">OPTIONS</button>"))
        #expect(!page.contains(">DELETE</button>"))
    }

    @Test func aDetailPageHasThePutFormFilledAndTheButtonsTheUserMayUse() throws {
        let client = try ReferenceClient()
        let admin = client.send(.get, "/api/users/3/", token: Seed.adminToken, headers: [("Accept", "text/html")]).text
        #expect(admin.contains(#"<a href="/api/users/3/">User Instance</a>"#))
        #expect(admin.contains(#"<input id="put-first_name" name="first_name" type="text" maxlength="150" value="Alan">"#))
        #expect(admin.contains(#"data-method="PUT""#))
        #expect(admin.contains(#"<button type="submit" class="btn btn-primary" data-method="PATCH""#))
        #expect(admin.contains(">DELETE</button>"))
        // The raw data tab starts from the object.
        #expect(admin.contains("&quot;first_name&quot;: &quot;Alan&quot;"))
        #expect(admin.contains(">OPTIONS</button>"))
        // Ada may read alan but not change or delete him: no forms, no DELETE, and no OPTIONS
        // (the viewset's OPTIONS is for staff: under DRF's `override_method` no action maps it).
        let ada = client.send(.get, "/api/users/3/", token: Seed.adaToken, headers: [("Accept", "text/html")]).text
        #expect(ada.contains("&quot;first_name&quot;: &quot;Alan&quot;"))
        #expect(!ada.contains(#"data-method="PUT""#))
        #expect(!ada.contains(">DELETE</button>"))
        #expect(!ada.contains(">OPTIONS</button>"))
    }

    @Test func signInLinkOrTheUserWithSignOut() throws {
        let client = try ReferenceClient()
        let anonymous = client.send(.get, "/api/users/2/", headers: [("Accept", "text/html")]).text
        #expect(anonymous.contains(#"<a class="login" href="/api/auth/login/?next=/api/users/2/">Log in</a>"#))
        let signedIn = client.send(.get, "/api/users/2/", token: Seed.adaToken, headers: [("Accept", "text/html")]).text
        #expect(signedIn.contains(#"<span class="user">ada</span><form method="POST" action="/api/auth/logout/" class="logout">"#))
        #expect(!signedIn.contains("Log in"))
    }

    @Test func aScriptUsernameIsText() throws {
        let client = try ReferenceClient()
        let name = "<script>alert(1)</script>"
        // The API refuses such a username; a row written otherwise may still hold one.
        let id = 5
        _ = try User.objects(on: client.connection).insert([
            "username": .string(name), "date_joined": "2026-01-01T00:00:00Z", "password": "!",
        ])
        let key = String(repeating: "e5", count: 20)
        _ = try Token.objects(on: client.connection).insert(["key": .string(key), "user_id": .int(Int64(id))])
        let page = client.send(.get, "/api/users/\(id)/", token: key, headers: [("Accept", "text/html")]).text
        #expect(page.contains(#"<span class="user">&lt;script&gt;alert(1)&lt;/script&gt;</span>"#))
        #expect(page.contains("&quot;username&quot;: &quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot;"))
        #expect(!page.contains(name))
    }

    @Test func aProjectListHasTheFilterSearchAndOrderingControls() throws {
        let client = try ReferenceClient()
        #expect(client.send(.post, "/api/accounts/", token: Seed.adaToken, json: #"{"name":"Engine"}"#).status == 201)
        let made = client.send(.post, "/api/projects/", token: Seed.adaToken, json: #"{"account":1,"name":"Apollo","status":"active"}"#)
        #expect(made.status == 201, "\(made.text)")
        let page = client.send(.get, "/api/projects/?search=apo", token: Seed.adaToken, headers: [("Accept", "text/html")]).text
        #expect(page.contains(#"<input type="search" name="search" value="apo" placeholder="Search" aria-label="Search">"#))
        #expect(page.contains(#"href="http://testserver/api/projects/?ordering=-name&amp;search=apo">Name - descending</a>"#))
        #expect(page.contains(#"<input type="text" id="filter-status" name="status" value="">"#))
        #expect(page.contains(#"<input type="text" id="filter-budget__gte" name="budget__gte" value="">"#))
        // The POST form: choices as a select, dates as date inputs.
        #expect(
            page.contains(
                #"<select id="post-status" name="status"><option value="">---------</option><option value="planned">Planned</option>"#))
        #expect(page.contains(#"<input id="post-starts" name="starts" type="date">"#))
        // A detail page has no filters.
        let id = try #require(made.text.firstMatch(of: /"id":"([0-9a-f-]{36})"/)).1
        let detail = client.send(.get, "/api/projects/\(id)/", token: Seed.adaToken, headers: [("Accept", "text/html")]).text
        #expect(!detail.contains("Filters"))
        #expect(detail.contains(#"<option value="active" selected="selected">Active</option>"#))
    }

    /// DRF renders related fields as a select of the field's queryset rows (Django's `str()` of
    /// each, the value as the field writes it), the current value selected, an empty choice
    /// where null is allowed, `many` as a multiple select; the rows are those the field accepts
    /// from this user (projects' `account`: the accounts the user administers).
    @Test func relatedFieldsAreSelectsOfTheRowsTheUserMayChoose() throws {
        let client = try ReferenceClient()
        #expect(client.send(.post, "/api/accounts/", token: Seed.adaToken, json: #"{"name":"Engine"}"#).status == 201)
        #expect(client.send(.post, "/api/accounts/", token: Seed.adminToken, json: #"{"name":"Other"}"#).status == 201)
        let html = [("Accept", "text/html")]
        let list = client.send(.get, "/api/projects/", token: Seed.adaToken, headers: html).text
        #expect(
            list.contains(
                #"<select id="post-account" name="account" required="required"><option value="1">Account object (1)</option></select>"#),
            "\(list)")
        #expect(
            list.contains(
                #"<select id="post-lead_id" name="lead_id"><option value="" selected="selected">---------</option>"#
                    + #"<option value="1">admin</option><option value="2">ada</option><option value="3">alan</option>"#
                    + #"<option value="4">ghost</option></select>"#))
        // Another user, other rows: admin administers only Other.
        let admins = client.send(.get, "/api/projects/", token: Seed.adminToken, headers: html).text
        #expect(admins.contains(#"name="account" required="required"><option value="2">Account object (2)</option></select>"#))

        let made = client.send(.post, "/api/projects/", token: Seed.adaToken, json: #"{"account":1,"name":"Apollo"}"#)
        let id = try #require(made.text.firstMatch(of: /"id":"([0-9a-f-]{36})"/)).1
        #expect(client.send(.post, "/api/tags/", token: Seed.adminToken, json: #"{"slug":"backend","name":"Backend"}"#).status == 201)
        #expect(client.send(.post, "/api/tags/", token: Seed.adminToken, json: #"{"slug":"urgent","name":"Urgent"}"#).status == 201)
        let detail = client.send(.get, "/api/projects/\(id)/", token: Seed.adaToken, headers: html).text
        #expect(detail.contains(#"<select id="put-account" name="account" required="required"><option value="1" selected="selected">"#))

        // Tasks: a hyperlinked project (the link is the value), a slug assignee (active users),
        // slug tags as a multiple select with the task's selected.
        let task = client.send(
            .post, "/api/tasks/", token: Seed.adaToken,
            json: #"{"project":"http://testserver/api/projects/\#(id)/","title":"T","tags":["urgent"]}"#)
        #expect(task.status == 201, "\(task.text)")
        let taskPage = client.send(.get, "/api/tasks/1/", token: Seed.adaToken, headers: html).text
        #expect(
            taskPage.contains(
                #"<select id="put-project" name="project" required="required"><option value="http://testserver/api/projects/\#(id)/" selected="selected">Project object (\#(id))</option></select>"#
            ), "\(taskPage)")
        #expect(
            taskPage.contains(
                #"<select id="put-assignee" name="assignee"><option value="" selected="selected">---------</option><option value="admin">admin</option>"#
            ))
        #expect(!taskPage.contains(#"<option value="ghost">"#))
        #expect(
            taskPage.contains(
                #"<select id="put-tags" name="tags" multiple="multiple"><option value="backend">Tag object (1)</option>"#
                    + #"<option value="urgent" selected="selected">Tag object (2)</option></select>"#))
    }
}
