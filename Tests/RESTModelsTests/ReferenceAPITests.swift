import PostgreSQL
import RESTFramework
import RESTModels
import RESTTesting
import TestSupport
import Testing

/// The reference API's model-backed viewsets on the real schema: scoping by membership,
/// create with owner and membership, search/ordering/limit-offset without a count, cursor pages.
@Suite(.needsTestsRun) struct ReferenceAPITests {
    /// RESTTesting's client on `connection`, with the tests' `token:` and `json:` shorthands.
    struct Client {
        let client: APIClient
        func send(
            _ method: HTTPMethod, _ path: String, query: String = "", token: String? = nil,
            json: String? = nil
        ) -> TestResponse {
            client.generic(
                method, query.isEmpty ? path : path + "?" + query, body: json ?? "",
                contentType: json == nil ? nil : "application/json",
                headers: token.map { ["Authorization": "Token " + $0] } ?? [:])
        }
    }

    func seeded(_ connection: Connection) throws -> Client {
        try seedUsers(connection)
        let tokens = Token.objects(on: connection)
        _ = try tokens.insert(["key": "ada-token", "user_id": 1])
        _ = try tokens.insert(["key": "alan-token", "user_id": 2])
        return Client(client: APIClient(try referenceApplication(), database: connection))
    }

    @Test func accountsAreScopedToMemberships() throws {
        try withModelsDatabase { connection, _ in
            let client = try seeded(connection)
            let created = client.send(.post, "/api/accounts/", token: "ada-token", json: #"{"name":"Ada's 100%"}"#)
            #expect(created.status == 201)
            #expect(
                created.text.hasPrefix(
                    #"{"url":"http://testserver/api/accounts/1/","id":1,"name":"Ada's 100%","description":"","owner":1,"created":""#))
            #expect(try AccountMember.objects(on: connection).get().isAdmin)
            #expect(client.send(.post, "/api/accounts/", token: "alan-token", json: #"{"name":"Alan's"}"#).status == 201)

            #expect(client.send(.get, "/api/accounts/", token: "ada-token").text.contains(#""count":1,"#))
            #expect(client.send(.get, "/api/accounts/1/", token: "ada-token").status == 200)
            let foreign = client.send(.get, "/api/accounts/2/", token: "ada-token")
            #expect(foreign.status == 404 && foreign.text == #"{"detail":"No Account matches the given query."}"#)
            #expect(client.send(.get, "/api/accounts/").status == 401)
            #expect(client.send(.get, "/api/accounts/", token: "bad").text == #"{"detail":"Invalid token."}"#)
        }
    }

    @Test func publicAccountsSearchOrderAndPageWithoutACount() throws {
        try withModelsDatabase { connection, _ in
            let client = try seeded(connection)
            let accounts = Account.objects(on: connection)
            for (name, description) in [("alpha", "first"), ("100% beta", "x_y"), ("Gamma", "third 100%"), ("delta", "xay")] {
                _ = try accounts.insert(["name": .string(name), "description": .string(description), "owner_id": 1])
            }
            let ids = { (text: String) in text.matches(of: /"id":(\d+)/).map { Int($0.1)! } }
            #expect(ids(client.send(.get, "/api/public-accounts/", query: "search=100%25").text) == [2, 3])
            #expect(ids(client.send(.get, "/api/public-accounts/", query: "search=x_y").text) == [2])
            #expect(ids(client.send(.get, "/api/public-accounts/", query: "search=A+h").text) == [1, 3])
            #expect(ids(client.send(.get, "/api/public-accounts/", query: "ordering=-name").text) == [4, 1, 3, 2])
            let page = client.send(.get, "/api/public-accounts/", query: "limit=2&offset=1")
            #expect(page.text.hasPrefix(#"{"count":null,"next":"http://testserver/api/public-accounts/?limit=2&offset=3","#))
            #expect(ids(page.text) == [2, 3])
            #expect(ids(client.send(.get, "/api/public-accounts/", query: "offset=99999999999999999999").text) == [])
        }
    }

    @Test func notesPageByCursorWithTheirAuthors() throws {
        try withModelsDatabase { connection, _ in
            let client = try seeded(connection)
            for title in ["one", "two", "three"] {
                #expect(client.send(.post, "/api/notes/", token: "alan-token", json: "{\"title\":\"\(title)\"}").status == 201)
            }
            let first = client.send(.get, "/api/notes/")
            #expect(first.status == 200)
            #expect(first.text.contains(#""results":[{"id":3,"title":"three","body":"","author":"alan""#))
            guard let next = first.text.firstMatch(of: /"next":"http:\/\/testserver\/api\/notes\/\?cursor=([^"]+)"/) else {
                Issue.record("no next link in \(first.text)")
                return
            }
            let second = client.send(.get, "/api/notes/", query: "cursor=" + next.1)
            #expect(second.text.contains(#""results":[{"id":1,"title":"one""#))
            #expect(client.send(.get, "/api/notes/", query: "cursor=cD1hYmM%3D").text == #"{"detail":"Invalid cursor"}"#)
            #expect(client.send(.get, "/api/notes/2/").text.hasPrefix(#"{"id":2,"title":"two","body":"","author":"alan""#))
        }
    }
}
