import Foundation
import TestSupport
import Testing

/// The wiring: the real api-server behind a real web server, on a migrated database. The same
/// smoke set runs through each front end the project deploys (`deploy/nginx`, and
/// `deploy/apache` with mod_proxy_fcgi), so both are held to it.
@Suite(.needsTestsRun) struct EndToEndTests {
    @Test(arguments: WebServer.allCases)
    func authenticationCreatesAndErrorsPassThrough(_ webServer: WebServer) throws {
        let stack = try APIStack(arguments: ["--workers", "2"], webServer: webServer)
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = stack.database!.url
        environment["SRF_PASSWORD_ITERATIONS"] = "10"
        let created = try Subprocess.run(
            TestEnvironment.executable("api-admin"), ["create-user", "boss", "--staff", "--password-stdin"],
            environment: environment, stdin: "pw-secret-1\n")
        #expect(created.status == 0, "\(created.stderr)")
        let token = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let host = "127.0.0.1:\(stack.port)"

        let anonymous = try stack.send("GET", "/api/users/")
        #expect(anonymous.status == 401)
        #expect(anonymous.header("WWW-Authenticate") == "Token")
        #expect(anonymous.text == #"{"detail":"Authentication credentials were not provided."}"#)

        let list = try stack.send("GET", "/api/users/", headers: [("Authorization", "Token " + token)])
        #expect(list.status == 200, "\(stack.logs)")
        #expect(
            list.text.hasPrefix(
                "{\"count\":1,\"next\":null,\"previous\":null,\"results\":[{\"url\":\"http://\(host)/api/users/1/\",\"id\":1,\"username\":\"boss\""
            ))
        #expect(list.header("Allow") == "GET, POST, HEAD, OPTIONS")
        let basic = "Basic " + Data("boss:pw-secret-1".utf8).base64EncodedString()
        #expect(try stack.send("GET", "/api/users/1/", headers: [("Authorization", basic)]).status == 200)
        // The header's bytes reach DRF's rules whole: valid UTF-8 is a key, and no such key.
        let accented = try stack.send("GET", "/api/users/", headers: [("Authorization", "Token café")])
        #expect(accented.status == 401 && accented.text == #"{"detail":"Invalid token."}"#)
        #expect(accented.header("WWW-Authenticate") == "Token")

        let create = try stack.send(
            "POST", "/api/users/", headers: [("Authorization", "Token " + token), ("Content-Type", "application/json")],
            body: #"{"username":"zoë","first_name":"Zoë ✓"}"#)
        #expect(create.status == 201)
        #expect(create.header("Location") == "http://\(host)/api/users/2/")
        #expect(create.text.contains(#""username":"zoë","email":"","first_name":"Zoë ✓""#))

        let obtained = try stack.send(
            "POST", "/api/auth-token/", headers: [("Content-Type", "application/x-www-form-urlencoded")],
            body: "username=boss&password=pw-secret-1")
        #expect(obtained.text == "{\"token\":\"\(token)\"}")

        let missing = try stack.send("GET", "/api/users/99/", headers: [("Authorization", "Token " + token)])
        #expect(missing.status == 404 && missing.text == #"{"detail":"No User matches the given query."}"#)
        let deleted = try stack.send("DELETE", "/api/users/2/", headers: [("Authorization", "Token " + token)])
        #expect(deleted.status == 204 && deleted.body.isEmpty && deleted.header("Content-Type") == nil)
        let redirect = try stack.send("GET", "/api/notes?cursor=x")
        #expect(redirect.status == 301 && redirect.header("Location") == "/api/notes/?cursor=x")
        #expect(redirect.header("Allow") == nil)
    }

    @Test(arguments: WebServer.allCases)
    func aDatabaseThatIsGoneIsA503(_ webServer: WebServer) throws {
        let nowhere = try TestEnvironment.makeTemporaryDirectory("nodb")
        let stack = try APIStack(
            databaseURL: "postgres://postgres@/none?host=\(nowhere)&port=5999", migrate: false,
            arguments: ["--workers", "1", "--max-body-size", "1k"], webServer: webServer)
        let unavailable = #"{"detail":"Service temporarily unavailable, try again later."}"#
        for (path, headers) in [
            ("/api/public-accounts/", []), ("/api/users/", [("Authorization", "Token " + String(repeating: "a", count: 40))]),
        ] {
            let reply = try stack.send("GET", path, headers: headers)
            #expect(reply.status == 503, "\(stack.logs)")
            #expect(reply.text == unavailable)
        }
        // Anonymous requests that need no database still answer.
        #expect(try stack.send("GET", "/api/users/").status == 401)
        #expect(try stack.send("GET", "/nowhere/").status == 404)
        let oversized = try stack.send(
            "POST", "/api/notes/", headers: [("Content-Type", "application/json")],
            body: "{\"title\":\"" + String(repeating: "x", count: 2000) + "\"}")
        #expect(oversized.status == 413, "\(stack.logs)")
        #expect(oversized.header("Content-Type") == "application/json")
        #expect(oversized.text == #"{"detail":"Request body is too large."}"#)
    }
}
