import RESTFramework
import Testing
import TestSupport

/// `set_password`, `password` (PUT; DELETE is `delete_password`) and `unset_password`.
@Suite(.needsTestsRun) struct UserPasswordTests {
    @Test(arguments: ["/api/users/2/set_password/", "/api/users/2/set_password.json", "/api/users/2/set_password.json/"])
    func theUserSetsTheirOwnPassword(_ path: String) throws {
        let client = try ReferenceClient()
        let reply = client.send(.post, path, token: Seed.adaToken, json: #"{"password":"  brand new secret  "}"#)
        #expect(reply.status == 200)
        #expect(reply.text == #"{"status":"password set"}"#)
        // Written with the configured iteration count, trimmed as every CharField.
        #expect(try client.password(of: "ada").hasPrefix("pbkdf2_sha256$3$"))
        #expect(client.send(.get, "/api/users/2/", basic: ("ada", "brand new secret")).status == 200)
        #expect(client.send(.get, "/api/users/2/", basic: ("ada", Seed.adaPassword)).status == 401)
    }

    @Test func staffChangesAnyPasswordWithPut() throws {
        let client = try ReferenceClient()
        let reply = client.send(.put, "/api/users/3/password/", token: Seed.adminToken, form: "password=alan%27s+password")
        #expect(reply.status == 200 && reply.text == #"{"status":"password set"}"#)
        #expect(
            client.send(.post, "/api/auth-token/", json: #"{"username":"alan","password":"alan's password"}"#).text
                == "{\"token\":\"\(Seed.alanToken)\"}")
    }

    @Test(arguments: [
        ("{}", #"{"password":["This field is required."]}"#),
        (#"{"password":"short"}"#, #"{"password":["Ensure this field has at least 8 characters."]}"#),
        (#"{"password":"   seven   "}"#, #"{"password":["Ensure this field has at least 8 characters."]}"#),
        (
            "{\"password\":\"\(String(repeating: "p", count: 129))\"}",
            #"{"password":["Ensure this field has no more than 128 characters."]}"#
        ),
        (#"{"password":""}"#, #"{"password":["This field may not be blank."]}"#),
        (#"{"password":null}"#, #"{"password":["This field may not be null."]}"#),
        ("[1]", #"{"non_field_errors":["Invalid data. Expected a dictionary, but got list."]}"#),
    ])
    func badPasswordsAre400WithTheSerializersErrors(_ body: String, _ expected: String) throws {
        let client = try ReferenceClient()
        let before = try client.password(of: "ada")
        for (method, path) in [(HTTPMethod.post, "/api/users/2/set_password/"), (.put, "/api/users/2/password/")] {
            let reply = client.send(method, path, token: Seed.adaToken, json: body)
            #expect(reply.status == 400)
            #expect(reply.text == expected)
        }
        #expect(try client.password(of: "ada") == before)
    }

    @Test func theObjectAndItsPermissionComeBeforeTheBody() throws {
        let client = try ReferenceClient()
        let unsupported = [("Content-Type", "text/plain")]
        // Missing object: 404 whatever the body; someone else's: 403; own: the body's 415.
        #expect(
            client.send(.post, "/api/users/99/set_password/", token: Seed.adaToken, headers: unsupported, body: Array("x".utf8)).status
                == 404)
        #expect(
            client.send(.post, "/api/users/3/set_password/", token: Seed.adaToken, headers: unsupported, body: Array("x".utf8)).status
                == 403)
        let own = client.send(.post, "/api/users/2/set_password/", token: Seed.adaToken, headers: unsupported, body: Array("x".utf8))
        #expect(own.status == 415)
        let parse = client.send(.post, "/api/users/2/set_password/", token: Seed.adaToken, json: "{")
        #expect(parse.status == 400 && parse.text.hasPrefix(#"{"detail":"JSON parse error - "#))
        // Handlers that use no body never read it.
        let unset = client.send(.post, "/api/users/2/unset_password/", token: Seed.adaToken, headers: unsupported, body: Array("x".utf8))
        #expect(unset.status == 200)
    }

    @Test func unsetAndDeleteMakeThePasswordUnusable() throws {
        let client = try ReferenceClient()
        let unset = client.send(.delete, "/api/users/2/unset_password/", token: Seed.adaToken)
        #expect(unset.status == 200 && unset.text == #"{"status":"password unset"}"#)
        #expect(try client.password(of: "ada").hasPrefix("!"))
        #expect(client.send(.get, "/api/users/", basic: ("ada", Seed.adaPassword)).status == 401)

        let deleted = client.send(.delete, "/api/users/1/password/", token: Seed.adminToken)
        #expect(deleted.status == 204 && deleted.body.isEmpty && deleted.header("Content-Type") == nil)
        #expect(deleted.header("Allow") == "PUT, DELETE, OPTIONS")
        #expect(try client.password(of: "admin").hasPrefix("!"))
        #expect(client.send(.post, "/api/auth-token/", json: #"{"username":"admin","password":"admin-password"}"#).status == 400)
    }
}
