import RESTFramework
import Testing
import TestSupport

/// The users routes' permissions by action: 401 for anonymous clients, 403 for users without
/// the right, 405 only once permissions passed (staff, for methods a route does not map).
@Suite(.needsTestsRun) struct UserPermissionTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let method: HTTPMethod
        let path: String
        let token: String?
        let status: Int
        let body: String?
        var testDescription: String { "\(method) \(path) as \(token?.prefix(2) ?? "anonymous") → \(status)" }
    }

    static let notProvided = #"{"detail":"Authentication credentials were not provided."}"#
    static let forbidden = #"{"detail":"You do not have permission to perform this action."}"#
    static let admin = Seed.adminToken, ada = Seed.adaToken, alan = Seed.alanToken

    static let cases: [Case] = [
        Case(method: .get, path: "/api/users/", token: nil, status: 401, body: notProvided),
        Case(method: .get, path: "/api/users/", token: ada, status: 200, body: nil),
        Case(method: .get, path: "/api/users/3/", token: ada, status: 200, body: Seed.alan),
        Case(method: .get, path: "/api/users/3/", token: nil, status: 401, body: notProvided),
        Case(method: .get, path: "/api/users/recent_users/", token: alan, status: 200, body: nil),
        Case(method: .post, path: "/api/users/", token: nil, status: 401, body: notProvided),
        Case(method: .post, path: "/api/users/", token: ada, status: 403, body: forbidden),
        Case(method: .put, path: "/api/users/2/", token: ada, status: 403, body: forbidden),
        Case(method: .patch, path: "/api/users/2/", token: ada, status: 403, body: forbidden),
        Case(method: .delete, path: "/api/users/2/", token: ada, status: 403, body: forbidden),
        Case(method: .delete, path: "/api/users/2/", token: nil, status: 401, body: notProvided),
        Case(method: .options, path: "/api/users/", token: ada, status: 403, body: forbidden),
        Case(method: .options, path: "/api/users/", token: nil, status: 401, body: notProvided),
        // Password actions: staff or the user themself, after the object lookup.
        Case(method: .post, path: "/api/users/2/set_password/", token: nil, status: 401, body: notProvided),
        Case(method: .post, path: "/api/users/2/set_password/", token: alan, status: 403, body: forbidden),
        Case(
            method: .post, path: "/api/users/99/set_password/", token: alan, status: 404,
            body: #"{"detail":"No User matches the given query."}"#),
        Case(method: .post, path: "/api/users/2/unset_password/", token: alan, status: 403, body: forbidden),
        Case(method: .delete, path: "/api/users/2/unset_password/", token: alan, status: 403, body: forbidden),
        Case(method: .put, path: "/api/users/2/password/", token: alan, status: 403, body: forbidden),
        Case(method: .delete, path: "/api/users/2/password/", token: alan, status: 403, body: forbidden),
        Case(method: .post, path: "/api/users/2/unset_password/", token: ada, status: 200, body: #"{"status":"password unset"}"#),
        Case(method: .delete, path: "/api/users/2/unset_password/", token: admin, status: 200, body: #"{"status":"password unset"}"#),
        // A method the route does not map has no action: IsAdminUser decides before the 405.
        Case(method: .patch, path: "/api/users/", token: nil, status: 401, body: notProvided),
        Case(method: .patch, path: "/api/users/", token: ada, status: 403, body: forbidden),
        Case(method: .patch, path: "/api/users/", token: admin, status: 405, body: #"{"detail":"Method \"PATCH\" not allowed."}"#),
        Case(method: .get, path: "/api/users/2/set_password/", token: ada, status: 403, body: forbidden),
        Case(
            method: .get, path: "/api/users/2/set_password/", token: admin, status: 405, body: #"{"detail":"Method \"GET\" not allowed."}"#),
        Case(method: .head, path: "/api/users/2/set_password/", token: admin, status: 405, body: ""),
        Case(
            method: .post, path: "/api/users/recent_users/", token: admin, status: 405, body: #"{"detail":"Method \"POST\" not allowed."}"#),
        Case(
            method: .put, path: "/api/users/2/unset_password/", token: admin, status: 405,
            body: #"{"detail":"Method \"PUT\" not allowed."}"#),
        // Lookups: a non-integer pk is a bare 404 after the checks; any integer is the model's 404.
        Case(method: .get, path: "/api/users/abc/", token: nil, status: 401, body: notProvided),
        Case(method: .get, path: "/api/users/abc/", token: ada, status: 404, body: #"{"detail":"Not found."}"#),
        Case(method: .get, path: "/api/users/recent-users/", token: ada, status: 404, body: #"{"detail":"Not found."}"#),
        Case(method: .put, path: "/api/users/abc/", token: ada, status: 403, body: forbidden),
        Case(
            method: .get, path: "/api/users/99999999999999999999/", token: ada, status: 404,
            body: #"{"detail":"No User matches the given query."}"#),
        Case(
            method: .get, path: "/api/users/-99999999999999999999/", token: ada, status: 404,
            body: #"{"detail":"No User matches the given query."}"#),
        Case(method: .get, path: "/api/users/-1/", token: ada, status: 404, body: #"{"detail":"No User matches the given query."}"#),
        Case(method: .get, path: "/api/users/0/", token: ada, status: 404, body: #"{"detail":"No User matches the given query."}"#),
        Case(
            method: .delete, path: "/api/users/99999999999999999999/", token: admin, status: 404,
            body: #"{"detail":"No User matches the given query."}"#),
    ]

    @Test(arguments: cases)
    func eachActionAnswersEachKindOfUser(_ c: Case) throws {
        let client = try ReferenceClient()
        let body = [HTTPMethod.post, .put, .patch].contains(c.method) ? #"{"password":"long enough"}"# : nil
        let reply = client.send(c.method, c.path, token: c.token, json: body)
        #expect(reply.status == c.status, "\(reply.text)")
        if let expected = c.body { #expect(reply.text == expected) }
        if c.status == 401 { #expect(reply.header("WWW-Authenticate") == "Token") }
    }

    @Test func allowListsTheRoutesMethodsOnEveryStatus() throws {
        let client = try ReferenceClient()
        let expected: [(String, String)] = [
            ("/api/users/", "GET, POST, HEAD, OPTIONS"),
            ("/api/users/2/", "GET, PUT, PATCH, DELETE, HEAD, OPTIONS"),
            ("/api/users/2/set_password/", "POST, OPTIONS"),
            ("/api/users/2/unset_password/", "POST, DELETE, OPTIONS"),
            ("/api/users/2/password/", "PUT, DELETE, OPTIONS"),
            ("/api/users/recent_users/", "GET, HEAD, OPTIONS"),
            ("/api/simple-users/", "GET, HEAD, OPTIONS"),
            ("/api/simple-users/2/", "GET, HEAD, OPTIONS"),
            ("/api/accounts/", "GET, POST, HEAD, OPTIONS"),
            ("/api/accounts/1/members/", "GET, HEAD, OPTIONS"),
            ("/api/accounts/1/add-member/", "POST, OPTIONS"),
            ("/api/public-accounts/", "GET, HEAD, OPTIONS"),
            ("/api/public-accounts/1/", "GET, HEAD, OPTIONS"),
            ("/api/notes/", "GET, POST, HEAD, OPTIONS"),
            ("/api/notes/1/", "GET, HEAD, OPTIONS"),
            ("/api/users.json", "GET, POST, HEAD, OPTIONS"),
        ]
        for (path, allow) in expected {
            for token in [nil, Seed.adaToken, Seed.adminToken] {
                #expect(client.send(.get, path, token: token).header("Allow") == allow, "\(path)")
            }
        }
    }
}
