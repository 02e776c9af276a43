import ReferenceAPI
import RESTFramework
import Testing
import TestSupport

/// The API root, format suffixes and `?format=`, unknown paths, the trailing-slash redirect.
@Suite(.needsTestsRun) struct RootAndRoutingTests {
    static let root =
        #"{"users":"http://testserver/api/users/","simple-users":"http://testserver/api/simple-users/","accounts":"http://testserver/api/accounts/","public-accounts":"http://testserver/api/public-accounts/","notes":"http://testserver/api/notes/","tags":"http://testserver/api/tags/","projects":"http://testserver/api/projects/","tasks":"http://testserver/api/tasks/"}"#

    @Test func theRootListsEveryRegistrationInOrderForAuthenticatedUsersOnly() throws {
        let client = try ReferenceClient()
        let root = client.send(.get, "/api/", token: Seed.adaToken)
        #expect(root.status == 200)
        #expect(root.text == Self.root)
        #expect(root.header("Content-Type") == "application/json")
        #expect(root.header("Allow") == "GET, HEAD, OPTIONS")

        let anonymous = client.send(.get, "/api/")
        #expect(anonymous.status == 401)
        #expect(anonymous.text == #"{"detail":"Authentication credentials were not provided."}"#)
        #expect(anonymous.header("WWW-Authenticate") == "Token")
        #expect(anonymous.header("Allow") == "GET, HEAD, OPTIONS")
    }

    @Test func theRootKeepsTheFormat() throws {
        let client = try ReferenceClient()
        let suffixed = client.send(.get, "/api/.json", token: Seed.adaToken)
        #expect(
            suffixed.text
                == #"{"users":"http://testserver/api/users.json","simple-users":"http://testserver/api/simple-users.json","accounts":"http://testserver/api/accounts.json","public-accounts":"http://testserver/api/public-accounts.json","notes":"http://testserver/api/notes.json","tags":"http://testserver/api/tags.json","projects":"http://testserver/api/projects.json","tasks":"http://testserver/api/tasks.json"}"#
        )
        let parameter = client.send(.get, "/api/?format=json", token: Seed.adaToken)
        #expect(
            parameter.text
                == #"{"users":"http://testserver/api/users/?format=json","simple-users":"http://testserver/api/simple-users/?format=json","accounts":"http://testserver/api/accounts/?format=json","public-accounts":"http://testserver/api/public-accounts/?format=json","notes":"http://testserver/api/notes/?format=json","tags":"http://testserver/api/tags/?format=json","projects":"http://testserver/api/projects/?format=json","tasks":"http://testserver/api/tasks/?format=json"}"#
        )
    }

    @Test func theRootOptionsAndHead() throws {
        let client = try ReferenceClient()
        let options = client.send(.options, "/api/", token: Seed.adaToken)
        #expect(
            options.text
                == #"{"name":"Api Root","description":"The default basic root view for DefaultRouter","renders":["application/json","text/html"],"parses":["application/json","application/x-www-form-urlencoded","multipart/form-data"]}"#
        )
        let head = client.send(.head, "/api/", token: Seed.adaToken)
        #expect(head.status == 200 && head.body.isEmpty)
        #expect(head.header("Content-Type") == "application/json")
        #expect(head.header("Allow") == "GET, HEAD, OPTIONS")
    }

    // (`?format=api` was here until part 2: it is the browsable API now, BrowsableAPITests.)
    @Test(arguments: ["/api/users.xml", "/api/users/?format=xml", "/api/users/1.xml", "/api/users/1.5/", "/api/.xml"])
    func anUnknownFormatIsA404BeforeAuthentication(_ target: String) throws {
        let client = try ReferenceClient()
        let reply = client.send(.get, target)
        #expect(reply.status == 404)
        #expect(reply.text == #"{"detail":"Not found."}"#)
    }

    @Test(arguments: [
        "/api/users.json", "/api/users.json/", "/api/users/2.json", "/api/users/2/set_password.json",
        "/api/users/recent_users.json", "/api/users/?format=json",
    ])
    func jsonWorksOnEveryRoute(_ target: String) throws {
        let client = try ReferenceClient()
        let method: HTTPMethod = target.contains("set_password") ? .post : .get
        let reply = client.send(method, target, token: Seed.adminToken, json: method == .post ? #"{"password":"long enough"}"# : nil)
        #expect(reply.status == 200, "\(reply.text)")
    }

    @Test func unknownPathsAreJSON404sWithoutAllow() throws {
        let client = try ReferenceClient()
        for path in ["/nowhere/", "/api/nowhere/", "/api/users/2/nothing/", "/api/auth-token.json"] {
            let reply = client.send(.get, path, token: Seed.adaToken)
            #expect(reply.status == 404, "\(path)")
            #expect(reply.text == #"{"detail":"Not found."}"#)
            #expect(reply.header("Allow") == nil)
        }
    }

    @Test func aMissingSlashRedirectsForEveryMethodBeforeAnythingRuns() throws {
        let client = try ReferenceClient()
        for method in [HTTPMethod.get, .post, .delete] {
            let reply = client.send(method, "/api/users?page=2&x=a+b", token: "bad", json: "{}")
            #expect(reply.status == 301)
            #expect(reply.header("Location") == "/api/users/?page=2&x=a+b")
            #expect(reply.header("Allow") == nil)
            #expect(reply.body.isEmpty)
        }
        #expect(client.send(.get, "/api/users/2").header("Location") == "/api/users/2/")
        #expect(try client.count("users") == 4)
    }

    @Test func theURLConfIsTheSpecs() throws {
        // The route table DRF's DefaultRouter builds for these viewsets (suffix routes omitted).
        let table = try ReferenceAPIRoutes.table()
        #expect(
            table == [
                "^api/users/$ user-list get=list post=create User List",
                "^api/users/recent_users/$ user-recent-users get=recent_users Recent users",
                "^api/users/(?P<pk>[^/.]+)/$ user-detail get=retrieve put=update patch=partial_update delete=destroy User Instance",
                "^api/users/(?P<pk>[^/.]+)/password/$ user-password put=password delete=delete_password Change Password",
                "^api/users/(?P<pk>[^/.]+)/set_password/$ user-set-password post=set_password Set password",
                "^api/users/(?P<pk>[^/.]+)/unset_password/$ user-unset-password post=unset_password delete=unset_password Unset password",
                "^api/simple-users/$ simple-user-list get=list Simple User List",
                "^api/simple-users/(?P<pk>[^/.]+)/$ simple-user-detail get=retrieve Simple User Instance",
                "^api/accounts/$ account-list get=list post=create Account List",
                "^api/accounts/(?P<pk>[^/.]+)/$ account-detail get=retrieve put=update patch=partial_update delete=destroy Account Instance",
                "^api/accounts/(?P<pk>[^/.]+)/add-member/$ account-add-member post=add_member Add member",
                "^api/accounts/(?P<pk>[^/.]+)/members/$ account-members get=members Members",
                "^api/public-accounts/$ public-account-list get=list Public Account List",
                "^api/public-accounts/(?P<pk>[^/.]+)/$ public-account-detail get=retrieve Public Account Instance",
                "^api/notes/$ note-list get=list post=create Note List",
                "^api/notes/(?P<pk>[^/.]+)/$ note-detail get=retrieve Note Instance",
                "^api/tags/$ tag-list get=list post=create Tag List",
                "^api/tags/(?P<slug>[^/.]+)/$ tag-detail get=retrieve put=update patch=partial_update delete=destroy Tag Instance",
                "^api/projects/$ project-list get=list post=create Project List",
                "^api/projects/summary/$ project-summary get=summary Summary",
                "^api/projects/(?P<pk>[^/.]+)/$ project-detail get=retrieve put=update patch=partial_update delete=destroy Project Instance",
                "^api/projects/(?P<pk>[^/.]+)/archive/$ project-archive post=archive Archive",
                "^api/projects/(?P<pk>[^/.]+)/tasks/$ project-tasks get=tasks Tasks",
                "^api/tasks/$ task-list get=list post=create Task List",
                "^api/tasks/(?P<pk>[^/.]+)/$ task-detail get=retrieve put=update patch=partial_update delete=destroy Task Instance",
                "^api/$ api-root get Api Root",
                "^api/auth-token/$ api-token post Obtain Auth Token",
                "^api/schema/$ schema get Reference Schema",
                "^api/auth/login/$ login get post put Login",
                "^api/auth/logout/$ logout post Logout",
            ])
    }
}

/// The URL conf as one line per pattern, whitespace collapsed, suffix patterns left out.
enum ReferenceAPIRoutes {
    static func table() throws -> [String] {
        try ReferenceAPI.urls().routeTable.split(separator: "\n")
            .map { $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ") }
            .filter { !$0.contains("(?P<format>") }
    }
}
