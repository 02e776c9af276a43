import RESTFramework
import Testing
import TestSupport

/// `simple-users`: the hand-written ViewSet. Not paginated; links carry `?format=` but no suffix.
@Suite(.needsTestsRun) struct SimpleUserTests {
    @Test func listIsEveryUserByIdAsAnArray() throws {
        let client = try ReferenceClient()
        let reply = client.send(.get, "/api/simple-users/", token: Seed.adaToken)
        #expect(reply.status == 200)
        #expect(reply.text == Seed.allUsers)
        #expect(client.send(.get, "/api/simple-users/").status == 401)
        #expect(client.send(.get, "/api/simple-users/?page=2&page_size=1", token: Seed.adaToken).text == Seed.allUsers)
    }

    @Test func theSuffixIsNotInTheLinksButTheParameterIs() throws {
        let client = try ReferenceClient()
        #expect(client.send(.get, "/api/simple-users.json", token: Seed.adaToken).text == Seed.allUsers)
        #expect(client.send(.get, "/api/simple-users/2.json", token: Seed.adaToken).text == Seed.ada)
        let parameter = client.send(.get, "/api/simple-users/2/?format=json", token: Seed.adaToken)
        #expect(parameter.text == Seed.ada.replacing("/api/users/2/", with: "/api/users/2/?format=json"))
    }

    @Test func retrieveIsOneUserOr404() throws {
        let client = try ReferenceClient()
        #expect(client.send(.get, "/api/simple-users/2/", token: Seed.adaToken).text == Seed.ada)
        for (path, detail) in [
            ("/api/simple-users/99/", "No User matches the given query."),
            ("/api/simple-users/99999999999999999999/", "No User matches the given query."),
            ("/api/simple-users/abc/", "Not found."),
        ] {
            let reply = client.send(.get, path, token: Seed.adaToken)
            #expect(reply.status == 404)
            #expect(reply.text == "{\"detail\":\"\(detail)\"}")
        }
        let post = client.send(.post, "/api/simple-users/", token: Seed.adaToken, json: "{}")
        #expect(post.status == 405 && post.text == #"{"detail":"Method \"POST\" not allowed."}"#)
        #expect(client.send(.delete, "/api/simple-users/2/").status == 401)
    }
}
