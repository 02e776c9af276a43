import ReferenceAPI
import RESTFramework
import RESTModels
import Testing
import TestSupport

/// Reading users: the page-number pages (first, middle, last, invalid, `page_size`, links),
/// `recent_users`, HEAD, `indent=`, the format in links.
@Suite(.needsTestsRun) struct UserListTests {
    /// 25 users: the four seeded ones and u05 ... u25.
    func client25() throws -> ReferenceClient {
        let client = try ReferenceClient()
        for n in 5...25 {
            _ = try User.objects(on: client.connection).insert([
                "username": .string("u\(n < 10 ? "0" : "")\(n)"),
                "date_joined": "2026-01-01T00:00:00Z",
            ])
        }
        return client
    }

    func ids(_ text: String) -> [Int] { text.matches(of: /"id":(\d+)/).map { Int($0.1)! } }

    func envelope(_ text: String) -> String { text.replacing(/,"results":\[.*\]\}$/, with: "}") }

    @Test func theFirstPageIsTheListOrderedById() throws {
        let client = try ReferenceClient()
        let reply = client.send(.get, "/api/users/", token: Seed.adaToken)
        #expect(reply.text == #"{"count":4,"next":null,"previous":null,"results":"# + Seed.allUsers + "}")
    }

    @Test func pagesNumberFromOneWithLinksToTheNeighbours() throws {
        let client = try client25()
        let first = client.send(.get, "/api/users/", token: Seed.adaToken)
        #expect(envelope(first.text) == #"{"count":25,"next":"http://testserver/api/users/?page=2","previous":null}"#)
        #expect(ids(first.text) == Array(1...10))
        let middle = client.send(.get, "/api/users/?page=2", token: Seed.adaToken)
        #expect(
            envelope(middle.text) == #"{"count":25,"next":"http://testserver/api/users/?page=3","previous":"http://testserver/api/users/"}"#
        )
        let last = client.send(.get, "/api/users/?page=3", token: Seed.adaToken)
        #expect(envelope(last.text) == #"{"count":25,"next":null,"previous":"http://testserver/api/users/?page=2"}"#)
        #expect(ids(last.text) == Array(21...25))
        #expect(client.send(.get, "/api/users/?page=last", token: Seed.adaToken).text == last.text)
        #expect(client.send(.get, "/api/users/?page=", token: Seed.adaToken).text == first.text)
    }

    @Test(arguments: [
        "4", "0", "-1", "abc", "1.5", "2.0", "99999999999999999999", "LAST",
        // (page - 1) × 10 at, and past, the edge of bigint.
        "922337203685477581", "9223372036854775807", "9223372036854775808",
    ])
    func pagesOutsideTheListAre404InvalidPage(_ page: String) throws {
        let client = try client25()
        let reply = client.send(.get, "/api/users/?page=" + page, token: Seed.adaToken)
        #expect(reply.status == 404)
        #expect(reply.text == #"{"detail":"Invalid page."}"#)
    }

    @Test func pageSizeIsChosenUpTo100AndBadValuesAreCopiedIntoTheLinks() throws {
        let client = try client25()
        let small = client.send(.get, "/api/users/?page_size=4&page=2", token: Seed.adaToken)
        #expect(
            envelope(small.text)
                == #"{"count":25,"next":"http://testserver/api/users/?page=3&page_size=4","previous":"http://testserver/api/users/?page_size=4"}"#
        )
        #expect(ids(small.text) == [5, 6, 7, 8])
        #expect(ids(client.send(.get, "/api/users/?page_size=1000", token: Seed.adaToken).text).count == 25)
        #expect(ids(client.send(.get, "/api/users/?page_size=9223372036854775807", token: Seed.adaToken).text).count == 25)
        let clamped = client.send(.get, "/api/users/?page_size=99999999999999999999&page=922337203685477581", token: Seed.adaToken)
        #expect(clamped.status == 404 && clamped.text == #"{"detail":"Invalid page."}"#)
        for bad in ["0", "-3", "abc", ""] {
            let reply = client.send(.get, "/api/users/?page_size=\(bad)", token: Seed.adaToken)
            #expect(
                envelope(reply.text) == "{\"count\":25,\"next\":\"http://testserver/api/users/?page=2&page_size=\(bad)\",\"previous\":null}"
            )
        }
    }

    @Test func linksKeepEveryParameterSortedAndFormEncodedWithThePathAsRequested() throws {
        let client = try client25()
        let reply = client.send(.get, "/api/users.json?zeta=a b&alpha=x,y=z&page=2&alpha=%C3%A9", token: Seed.adaToken)
        #expect(
            envelope(reply.text)
                == #"{"count":25,"next":"http://testserver/api/users.json?alpha=x%2Cy%3Dz&alpha=%C3%A9&page=3&zeta=a+b","previous":"http://testserver/api/users.json?alpha=x%2Cy%3Dz&alpha=%C3%A9&zeta=a+b"}"#
        )
        #expect(reply.text.contains(#"{"url":"http://testserver/api/users/11.json","id":11,"#))
        let slashed = client.send(.get, "/api/users.json/?format=json", token: Seed.adaToken)
        #expect(envelope(slashed.text) == #"{"count":25,"next":"http://testserver/api/users.json/?format=json&page=2","previous":null}"#)
        let parameter = client.send(.get, "/api/users/?format=json", token: Seed.adaToken)
        #expect(parameter.text.contains(#"{"url":"http://testserver/api/users/1/?format=json","id":1,"#))
    }

    @Test func recentUsersByLastLoginNullsLastThenId() throws {
        let client = try ReferenceClient()
        let reply = client.send(.get, "/api/users/recent_users/", token: Seed.alanToken)
        #expect(
            reply.text == #"{"count":4,"next":null,"previous":null,"results":["#
                + [Seed.ada, Seed.alan, Seed.admin, Seed.ghost].joined(separator: ",") + "]}")
        let paged = client.send(.get, "/api/users/recent_users.json?page_size=1&page=2", token: Seed.alanToken)
        #expect(
            envelope(paged.text)
                == #"{"count":4,"next":"http://testserver/api/users/recent_users.json?page=3&page_size=1","previous":"http://testserver/api/users/recent_users.json?page_size=1"}"#
        )
        #expect(paged.text.contains(#""url":"http://testserver/api/users/3.json""#))
        #expect(client.send(.get, "/api/users/recent_users/?page=9", token: Seed.alanToken).text == #"{"detail":"Invalid page."}"#)
    }

    @Test func headAnswersAsGetWithoutABody() throws {
        let client = try ReferenceClient()
        let head = client.send(.head, "/api/users/2/", token: Seed.adaToken)
        #expect(head.status == 200 && head.body.isEmpty)
        #expect(head.header("Content-Type") == "application/json")
        #expect(head.header("Allow") == "GET, PUT, PATCH, DELETE, HEAD, OPTIONS")
        #expect(client.send(.head, "/api/users/", token: nil).status == 401)
        #expect(client.send(.head, "/api/users/99/", token: Seed.adaToken).status == 404)
    }

    @Test func indentRendersPythonsIndentedJSON() throws {
        let client = try ReferenceClient()
        let reply = client.send(.get, "/api/users/3/", token: Seed.adaToken, headers: [("Accept", "application/json; indent=4")])
        #expect(
            reply.text == """
                {
                    "url": "http://testserver/api/users/3/",
                    "id": 3,
                    "username": "alan",
                    "email": "",
                    "first_name": "Alan",
                    "last_name": "",
                    "is_staff": false,
                    "last_login": "2026-01-15T08:30:00.250000Z",
                    "date_joined": "2026-01-01T00:00:00Z"
                }
                """)
        let error = client.send(.get, "/api/users/", headers: [("Accept", "application/json; indent=2")])
        #expect(error.text == "{\n  \"detail\": \"Authentication credentials were not provided.\"\n}")
        #expect(
            client.send(.get, "/api/users/3/", token: Seed.adaToken, headers: [("Accept", "application/json; indent=0")]).text == Seed.alan)
    }

    /// Part 2 replaces part 1's `text/html` 406: the browsable API renders it (BrowsableAPITests).
    @Test func anUnsatisfiableAcceptIs406BeforeAuthentication() throws {
        let client = try ReferenceClient()
        for accept in ["application/xml", "image/*", "application/xhtml+xml"] {
            let reply = client.send(.get, "/api/users/", headers: [("Accept", accept)])
            #expect(reply.status == 406)
            #expect(reply.text == #"{"detail":"Could not satisfy the request Accept header."}"#)
        }
        #expect(client.send(.get, "/api/users/", token: Seed.adaToken, headers: [("Accept", "text/html, */*;q=0.1")]).status == 200)
    }
}
