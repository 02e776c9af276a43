import ReferenceAPI
import RESTFramework
import RESTModels
import Testing
import TestSupport

/// `public-accounts`: open to anyone; limit/offset pages, search and ordering.
@Suite(.needsTestsRun) struct PublicAccountTests {
    static let rows: [(name: String, description: String, owner: Int64, created: String)] = [
        ("alpha", "first", 2, "2026-02-01T00:00:00Z"),
        ("100% beta", "x_y", 2, "2026-02-02T00:00:00.000001Z"),
        ("Gamma", "third 100%", 3, "2026-02-03T12:30:00Z"),
        ("delta", "xay", 3, "2026-01-01T00:00:00Z"),
        ("bob co", "quoted phrase, «ü»", 1, "2026-03-01T00:00:00Z"),
    ]

    static func json(_ id: Int) -> String {
        let row = rows[id - 1]
        return
            "{\"id\":\(id),\"name\":\"\(row.name)\",\"description\":\"\(row.description)\",\"owner\":\(row.owner),\"created\":\"\(row.created)\"}"
    }

    func seeded() throws -> ReferenceClient {
        let client = try ReferenceClient()
        for row in Self.rows {
            _ = try Account.objects(on: client.connection).insert([
                "name": .string(row.name), "description": .string(row.description), "owner_id": .int(row.owner),
                "created": .string(row.created),
            ])
        }
        return client
    }

    func ids(_ client: ReferenceClient, _ query: String) -> [Int] {
        client.send(.get, "/api/public-accounts/?" + query).text.matches(of: /"id":(\d+)/).map { Int($0.1)! }
    }

    func envelope(_ text: String) -> String { text.replacing(/,"results":\[.*\]\}$/, with: "}") }

    @Test func anyoneListsEveryAccountById() throws {
        let client = try seeded()
        let reply = client.send(.get, "/api/public-accounts/")
        #expect(reply.status == 200)
        #expect(reply.text == #"{"count":5,"next":null,"previous":null,"results":["# + (1...5).map(Self.json).joined(separator: ",") + "]}")
        #expect(client.send(.get, "/api/public-accounts/3/").text == Self.json(3))
        #expect(client.send(.get, "/api/public-accounts/9/").text == #"{"detail":"No Account matches the given query."}"#)
        #expect(client.send(.get, "/api/public-accounts/x/").text == #"{"detail":"Not found."}"#)
        let post = client.send(.post, "/api/public-accounts/", json: "{}")
        #expect(post.status == 405 && post.text == #"{"detail":"Method \"POST\" not allowed."}"#)
        #expect(client.send(.get, "/api/public-accounts/", token: Seed.adaToken).status == 200)
    }

    @Test(arguments: [
        (
            "limit=2&offset=1",
            #"{"count":5,"next":"http://testserver/api/public-accounts/?limit=2&offset=3","previous":"http://testserver/api/public-accounts/?limit=2"}"#,
            [2, 3]
        ),
        ("limit=2&offset=3", #"{"count":5,"next":null,"previous":"http://testserver/api/public-accounts/?limit=2&offset=1"}"#, [4, 5]),
        (
            "limit=2&offset=2",
            #"{"count":5,"next":"http://testserver/api/public-accounts/?limit=2&offset=4","previous":"http://testserver/api/public-accounts/?limit=2"}"#,
            [3, 4]
        ),
        ("offset=3", #"{"count":5,"next":null,"previous":"http://testserver/api/public-accounts/?limit=10"}"#, [4, 5]),
        ("limit=abc&offset=1", #"{"count":5,"next":null,"previous":"http://testserver/api/public-accounts/?limit=10"}"#, [2, 3, 4, 5]),
        ("limit=0&offset=-5", #"{"count":5,"next":null,"previous":null}"#, [1, 2, 3, 4, 5]),
        ("limit=1000&offset=x", #"{"count":5,"next":null,"previous":null}"#, [1, 2, 3, 4, 5]),
        ("limit=1", #"{"count":5,"next":"http://testserver/api/public-accounts/?limit=1&offset=1","previous":null}"#, [1]),
        (
            "offset=99999999999999999999",
            #"{"count":5,"next":null,"previous":"http://testserver/api/public-accounts/?limit=10&offset=99999999999999999989"}"#, []
        ),
        // At the edge of PostgreSQL's bigint: the limit is clamped to 100, the offset reaches
        // OFFSET as it is (and past `Int` the page is empty without a query).
        ("limit=9223372036854775807", #"{"count":5,"next":null,"previous":null}"#, [1, 2, 3, 4, 5]),
        (
            "limit=9223372036854775807&offset=2", #"{"count":5,"next":null,"previous":"http://testserver/api/public-accounts/?limit=100"}"#,
            [3, 4, 5]
        ),
        (
            "offset=9223372036854775807",
            #"{"count":5,"next":null,"previous":"http://testserver/api/public-accounts/?limit=10&offset=9223372036854775797"}"#, []
        ),
        (
            "offset=9223372036854775807&limit=9223372036854775807",
            #"{"count":5,"next":null,"previous":"http://testserver/api/public-accounts/?limit=100&offset=9223372036854775707"}"#, []
        ),
        (
            "offset=9223372036854775806&limit=3",
            #"{"count":5,"next":null,"previous":"http://testserver/api/public-accounts/?limit=3&offset=9223372036854775803"}"#, []
        ),
        (
            "search=a&limit=1&offset=1&ordering=-id",
            #"{"count":5,"next":"http://testserver/api/public-accounts/?limit=1&offset=2&ordering=-id&search=a","previous":"http://testserver/api/public-accounts/?limit=1&ordering=-id&search=a"}"#,
            [4]
        ),
    ])
    func limitOffsetPages(_ query: String, _ expected: String, _ expectedIDs: [Int]) throws {
        let client = try seeded()
        let reply = client.send(.get, "/api/public-accounts/?" + query)
        #expect(envelope(reply.text) == expected)
        #expect(ids(client, query) == expectedIDs)
    }

    @Test(arguments: [
        ("search=100%25", [2, 3]), ("search=x_y", [2]), ("search=%25", [2, 3]), ("search=_", [2]),
        ("search=A+h", [1, 3, 5]), ("search=GAMMA", [3]), ("search=alpha,first", [1]), ("search=alpha,gamma", []),
        ("search=%22bob+co%22", [5]), ("search=%22co+bob%22", []), ("search=co+bob", [5]), ("search='bob co'", [5]),
        ("search=%C2%AB%C3%BC", [5]), ("search=", [1, 2, 3, 4, 5]), ("search=+,+", [1, 2, 3, 4, 5]),
    ])
    func searchMatchesEveryTermLiterally(_ query: String, _ expected: [Int]) throws {
        let client = try seeded()
        #expect(ids(client, query) == expected)
    }

    @Test func aNulInTheSearchIs400() throws {
        let client = try seeded()
        let reply = client.send(.get, "/api/public-accounts/?search=a%00b")
        #expect(reply.status == 400)
        #expect(reply.text == #"["Null characters are not allowed."]"#)
    }

    @Test(arguments: [
        ("ordering=-name", [4, 5, 1, 3, 2]), ("ordering=name", [2, 3, 1, 5, 4]), ("ordering=created", [4, 1, 2, 3, 5]),
        ("ordering=-created", [5, 3, 2, 1, 4]), ("ordering=-id", [5, 4, 3, 2, 1]), ("ordering=+name", [2, 3, 1, 5, 4]),
        ("ordering=%2Bname", [1, 2, 3, 4, 5]),
        ("ordering=nope", [1, 2, 3, 4, 5]), ("ordering=owner", [1, 2, 3, 4, 5]), ("ordering=nope,-id", [5, 4, 3, 2, 1]),
        ("ordering=+%20-created%20,%20name", [5, 3, 2, 1, 4]), ("ordering=", [1, 2, 3, 4, 5]),
    ])
    func orderingByAllowedFieldsOnly(_ query: String, _ expected: [Int]) throws {
        let client = try seeded()
        #expect(ids(client, query) == expected)
    }
}
