import Foundation
import TestSupport
import Testing

/// api-server serving the framework's Application through a real nginx, on a real database.
@Suite(.needsTestsRun) struct ServedApplicationTests {
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
        let stack = try APIStack(
            databaseURL: "postgres://postgres@/none?host=\(nowhere)&port=5999", migrate: false,
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

    // MARK: ALLOWED_HOSTS (SRF_ALLOWED_HOSTS)

    @Test func onlyTheAllowedHostsAreServedAndLinkedTo() throws {
        let stack = try APIStack(environment: ["SRF_ALLOWED_HOSTS": "api.example.com,.example.org"])
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = stack.database!.url
        environment["SRF_PASSWORD_ITERATIONS"] = "10"
        let created = try Subprocess.run(TestEnvironment.executable("api-admin"), ["create-user", "boss"], environment: environment)
        #expect(created.status == 0, "\(created.stderr)")
        let auth = ("Authorization", "Token " + created.stdout.trimmingCharacters(in: .whitespacesAndNewlines))

        // Refused before any view (no 401 for the missing credentials, no 404 for the path).
        for (host, path) in [("evil.com", "/api/users/"), ("evil.com:8000", "/nowhere/"), ("example.org.evil.com", "/api/users/")] {
            let refused = try stack.send("GET", path, headers: [("Host", host)])
            #expect(refused.status == 400, "\(host): \(stack.logs)")
            #expect(refused.header("Content-Type") == "application/json")
            let domain = host.split(separator: ":")[0]
            #expect(
                refused.text == #"{"detail":"Invalid HTTP_HOST header: '\#(host)'. You may need to add '\#(domain)' to ALLOWED_HOSTS."}"#)
        }
        // The address nginx listens on is not one of the names either.
        #expect(try stack.send("GET", "/api/users/").status == 400)

        let list = try stack.send("GET", "/api/users/", headers: [("Host", "API.example.com:8000"), auth])
        #expect(list.status == 200, "\(stack.logs)")
        #expect(list.text.contains(#""url":"http://API.example.com:8000/api/users/1/""#))
        #expect(try stack.send("GET", "/api/users/1/", headers: [("Host", "www.example.org"), auth]).status == 200)
        #expect(try stack.send("GET", "/api/users/1/", headers: [("Host", "example.org"), auth]).status == 200)
        #expect(stack.server.log.contains("allowed hosts: api.example.com, .example.org"))
    }

    @Test func byDefaultLocalNamesAreServedAndTheLogSaysHowToNameTheRest() throws {
        let stack = try APIStack()
        #expect(try stack.send("GET", "/api/public-accounts/").status == 200)  // Host: 127.0.0.1:port
        #expect(try stack.send("GET", "/api/public-accounts/", headers: [("Host", "localhost")]).status == 200)
        let refused = try stack.send("GET", "/api/public-accounts/", headers: [("Host", "api.example.com")])
        #expect(refused.status == 400)
        #expect(refused.text.contains("You may need to add 'api.example.com' to ALLOWED_HOSTS."))
        #expect(stack.server.log.contains("set SRF_ALLOWED_HOSTS to the names clients use"), "\(stack.server.log)")
    }

    @Test func anAllowedHostsTypoStopsTheStart() throws {
        let directory = try TestEnvironment.makeTemporaryDirectory("hosts")
        var environment = ProcessInfo.processInfo.environment
        environment["SRF_ALLOWED_HOSTS"] = "https://api.example.com"
        let server = try ChildProcess(
            TestEnvironment.executable("api-server"), ["--listen", "unix:" + directory + "/api.sock"],
            environment: environment, logPath: directory + "/server.log")
        defer { server.stop() }
        #expect(server.wait(timeout: 10) == 1)
        #expect(server.log.contains(#"SRF_ALLOWED_HOSTS: "https://api.example.com" can never match a Host"#), "\(server.log)")
    }
}
