import Foundation
import TestSupport
import Testing

/// api-server serving the framework's Application through a real nginx, on a real database.
@Suite struct ServedApplicationTests {
    @Test func answersThroughNginxWithTheWorkersDatabase() throws {
        let stack = try APIStack()
        let response = try stack.send("GET", "/api/public-accounts/")
        #expect(response.status == 200, "\(stack.server.log)")
        #expect(response.text == #"{"count":0,"next":null,"previous":null,"results":[]}"#)
        #expect(response.header("Content-Type") == "application/json")
        #expect(response.header("Allow") == "GET, HEAD, OPTIONS")
    }

    @Test func unknownPathsAreJSON404sAndMissingSlashesRedirect() throws {
        let stack = try APIStack()
        let missing = try stack.send("GET", "/nowhere/")
        #expect(missing.status == 404)
        #expect(missing.text == #"{"detail":"Not found."}"#)
        let redirect = try stack.send("GET", "/api/public-accounts?x=1")
        #expect(redirect.status == 301)
        #expect(redirect.header("Location") == "/api/public-accounts/?x=1")
    }

    @Test func aDatabaseThatIsDownIsA503AndTheWorkerKeepsServing() throws {
        // A socket directory where no server listens: connecting fails at once.
        let nowhere = try TestEnvironment.makeTemporaryDirectory("nodb")
        let stack = try APIStack(databaseURL: "postgres://postgres@/none?host=\(nowhere)&port=5999", migrate: false,
                                 arguments: ["--workers", "1"])
        for _ in 0..<3 {
            let response = try stack.send("GET", "/api/public-accounts/")
            #expect(response.status == 503, "\(stack.server.log)")
            #expect(response.text == #"{"detail":"Service temporarily unavailable, try again later."}"#)
        }
        // Views that need no database still answer.
        #expect(try stack.send("GET", "/nowhere/").status == 404)
        #expect(stack.server.isRunning)
    }
}
