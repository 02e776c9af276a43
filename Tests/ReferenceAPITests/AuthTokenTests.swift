import RESTFramework
import Testing
import TestSupport

/// `POST /api/auth-token/`: DRF's ObtainAuthToken over the users table.
@Suite(.needsTestsRun) struct AuthTokenTests {
    @Test func rightCredentialsGiveTheUsersToken() throws {
        let client = try ReferenceClient()
        let reply = client.send(.post, "/api/auth-token/", json: #"{"username":" ada ","password":"ada password "}"#)
        #expect(reply.status == 200)
        #expect(reply.text == "{\"token\":\"\(Seed.adaToken)\"}")
        #expect(reply.header("Allow") == "POST, OPTIONS")
        #expect(reply.header("Content-Type") == "application/json")
    }

    @Test func aMissingTokenIsMadeOnceAs40HexDigits() throws {
        let client = try ReferenceClient()
        try client.connection.execute("DELETE FROM auth_tokens WHERE user_id = 1")
        let first = client.send(.post, "/api/auth-token/", form: "username=admin&password=admin-password")
        #expect(first.status == 200)
        let key = try #require(first.text.firstMatch(of: /^\{"token":"([0-9a-f]{40})"\}$/)).1
        let second = client.send(.post, "/api/auth-token/?format=json", form: "username=admin&password=admin-password")
        #expect(second.text == "{\"token\":\"\(key)\"}")
        #expect(try client.count("auth_tokens") == 4)
        #expect(client.send(.get, "/api/users/1/", token: String(key)).status == 200)
    }

    @Test func multipartBodiesAreAccepted() throws {
        let client = try ReferenceClient()
        let body =
            "--XyZ\r\nContent-Disposition: form-data; name=\"username\"\r\n\r\nada\r\n"
            + "--XyZ\r\nContent-Disposition: form-data; name=\"password\"\r\n\r\nada password \r\n--XyZ--\r\n"
        let reply = client.send(
            .post, "/api/auth-token/", headers: [("Content-Type", "multipart/form-data; boundary=XyZ")],
            body: Array(body.utf8))
        #expect(reply.text == "{\"token\":\"\(Seed.adaToken)\"}")
    }

    @Test(arguments: [
        ("{}", #"{"username":["This field is required."],"password":["This field is required."]}"#),
        (
            #"{"username":"  ","password":""}"#,
            #"{"username":["This field may not be blank."],"password":["This field may not be blank."]}"#
        ),
        (#"{"username":null,"password":true}"#, #"{"username":["This field may not be null."],"password":["Not a valid string."]}"#),
        (#"{"username":"ada","password":"ada password"}"#, #"{"non_field_errors":["Unable to log in with provided credentials."]}"#),
        (#"{"username":"ADA","password":"ada password "}"#, #"{"non_field_errors":["Unable to log in with provided credentials."]}"#),
        (#"{"username":"alan","password":"   "}"#, #"{"non_field_errors":["Unable to log in with provided credentials."]}"#),
        (#"{"username":"ghost","password":"ghost-password"}"#, #"{"non_field_errors":["Unable to log in with provided credentials."]}"#),
        (#"{"username":"nobody","password":"x"}"#, #"{"non_field_errors":["Unable to log in with provided credentials."]}"#),
        ("[]", #"{"non_field_errors":["Invalid data. Expected a dictionary, but got list."]}"#),
    ])
    func refusalsAreFieldErrorsFirstThenTheCredentials(_ body: String, _ expected: String) throws {
        let client = try ReferenceClient()
        let reply = client.send(.post, "/api/auth-token/", json: body)
        #expect(reply.status == 400)
        #expect(reply.text == expected)
    }

    @Test func authenticationStillRunsAndOtherMethodsAre405() throws {
        let client = try ReferenceClient()
        let bad = client.send(.post, "/api/auth-token/", token: "nope", json: #"{"username":"ada","password":"ada password "}"#)
        #expect(bad.status == 401 && bad.text == #"{"detail":"Invalid token."}"#)
        let get = client.send(.get, "/api/auth-token/")
        #expect(get.status == 405)
        #expect(get.text == #"{"detail":"Method \"GET\" not allowed."}"#)
        #expect(get.header("Allow") == "POST, OPTIONS")
        let unsupported = client.send(.post, "/api/auth-token/", headers: [("Content-Type", "text/plain")], body: Array("x".utf8))
        #expect(unsupported.status == 415)
        #expect(unsupported.text == #"{"detail":"Unsupported media type \"text/plain\" in request."}"#)
    }

    /// The view reads forms without authentication: Django's field limit keeps a big one cheap.
    @Test func aFormOfMoreThanAThousandFieldsIsRefusedBeforeAnyCredentialCheck() throws {
        let client = try ReferenceClient()
        let padding = (0..<998).map { "pad\($0)=x" }
        let thousand = client.send(
            .post, "/api/auth-token/", form: (["username=ada", "password=ada+password+"] + padding).joined(separator: "&"))
        #expect(thousand.status == 200 && thousand.text == "{\"token\":\"\(Seed.adaToken)\"}")
        let tooMany = client.send(
            .post, "/api/auth-token/", form: (["username=ada", "password=ada+password+", "one=more"] + padding).joined(separator: "&"))
        #expect(tooMany.status == 400)
        #expect(tooMany.header("Content-Type") == "application/json")
        #expect(tooMany.text == #"{"detail":"The number of GET/POST parameters exceeded settings.DATA_UPLOAD_MAX_NUMBER_FIELDS."}"#)
        let multipart =
            (["username", "password", "one"] + padding.map { String($0.prefix { $0 != "=" }) })
            .map { "--B\r\nContent-Disposition: form-data; name=\"\($0)\"\r\n\r\nx\r\n" }.joined() + "--B--\r\n"
        let refused = client.send(
            .post, "/api/auth-token/", headers: [("Content-Type", "multipart/form-data; boundary=B")],
            body: Array(multipart.utf8))
        #expect(refused.status == 400 && refused.text == tooMany.text)
        let query = client.send(
            .post, "/api/auth-token/?" + padding.joined(separator: "&") + "&a&b&c",
            json: #"{"username":"ada","password":"ada password "}"#)
        #expect(query.status == 400 && query.text == tooMany.text)
    }

    @Test func optionsDescribesTheFormToAnyone() throws {
        let client = try ReferenceClient()
        let reply = client.send(.options, "/api/auth-token/")
        #expect(reply.status == 200)
        #expect(
            reply.text
                == #"{"name":"Obtain Auth Token","description":"","renders":["application/json"],"parses":["application/x-www-form-urlencoded","multipart/form-data","application/json"],"actions":{"POST":{"username":{"type":"string","required":true,"read_only":false,"label":"Username"},"password":{"type":"string","required":true,"read_only":false,"label":"Password"},"token":{"type":"string","required":false,"read_only":true,"label":"Token"}}}}"#
        )
    }
}
