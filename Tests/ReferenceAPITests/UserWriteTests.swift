import RESTFramework
import Testing
import TestSupport

/// Creating, updating and deleting users (staff only): bodies, Location, validation messages
/// in DRF's order, uniqueness without consuming a sequence id.
@Suite(.needsTestsRun) struct UserWriteTests {
    static let usernameMessage = "Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters."

    @Test func aCreateAnswers201WithLocationAndAnUnusablePassword() throws {
        let client = try ReferenceClient()
        let reply = client.send(.post, "/api/users/", token: Seed.adminToken, json: #"{"username":"grace","email":"grace@example.com"}"#)
        #expect(reply.status == 201)
        #expect(
            reply.text.maskingDatetimes
                == #"{"url":"http://testserver/api/users/5/","id":5,"username":"grace","email":"grace@example.com","first_name":"","last_name":"","is_staff":false,"last_login":null,"date_joined":"<dt>"}"#
        )
        #expect(reply.header("Location") == "http://testserver/api/users/5/")
        #expect(try client.password(of: "grace").hasPrefix("!"))
        #expect(client.send(.get, "/api/users/5/", basic: ("grace", "")).status == 401)
    }

    @Test func formBodiesAndNonASCIIText() throws {
        let client = try ReferenceClient()
        let reply = client.send(
            .post, "/api/users/", token: Seed.adminToken,
            form: "username=zo%C3%AB&first_name=Zo%C3%AB+%E2%9C%93&is_staff=on&last_name=")
        #expect(reply.status == 201)
        #expect(
            reply.text.maskingDatetimes
                == #"{"url":"http://testserver/api/users/5/","id":5,"username":"zoë","email":"","first_name":"Zoë ✓","last_name":"","is_staff":true,"last_login":null,"date_joined":"<dt>"}"#
        )
    }

    @Test func theFormatReachesTheLinksOfACreate() throws {
        let client = try ReferenceClient()
        let suffixed = client.send(.post, "/api/users.json", token: Seed.adminToken, json: #"{"username":"s1"}"#)
        #expect(suffixed.header("Location") == "http://testserver/api/users/5.json")
        #expect(suffixed.text.hasPrefix(#"{"url":"http://testserver/api/users/5.json","id":5,"#))
        let parameter = client.send(.post, "/api/users/?format=json", token: Seed.adminToken, json: #"{"username":"s2"}"#)
        #expect(parameter.header("Location") == "http://testserver/api/users/6/?format=json")
    }

    @Test func aRejectedDuplicateTakesNoIDFromTheSequence() throws {
        let client = try ReferenceClient()
        let duplicate = client.send(.post, "/api/users/", token: Seed.adminToken, json: #"{"username":"ada"}"#)
        #expect(duplicate.status == 400)
        #expect(duplicate.text == #"{"username":["A user with that username already exists."]}"#)
        let next = client.send(.post, "/api/users/", token: Seed.adminToken, json: #"{"username":"grace"}"#)
        #expect(next.text.hasPrefix(#"{"url":"http://testserver/api/users/5/","id":5,"#))
    }

    static let invalid: [(String, String)] = [
        ("{}", #"{"username":["This field is required."]}"#),
        (#"{"username":"  "}"#, #"{"username":["This field may not be blank."]}"#),
        (#"{"username":null}"#, #"{"username":["This field may not be null."]}"#),
        (
            #"{"username":"bad name!","email":"nope","first_name":true,"last_name":[],"is_staff":"maybe"}"#,
            #"{"username":["\#(usernameMessage)"],"email":["Enter a valid email address."],"first_name":["Not a valid string."],"last_name":["Not a valid string."],"is_staff":["Must be a valid boolean."]}"#
        ),
        (
            "{\"username\":\"\(String(repeating: "x", count: 150))!\"}",
            #"{"username":["\#(usernameMessage)","Ensure this field has no more than 150 characters."]}"#
        ),
        (
            "{\"username\":\"ok\",\"email\":\"\(String(repeating: "e", count: 255))\"}",
            #"{"email":["Ensure this field has no more than 254 characters.","Enter a valid email address."]}"#
        ),
        (
            "{\"username\":\"ok\",\"first_name\":\"\(String(repeating: "é", count: 151))\"}",
            #"{"first_name":["Ensure this field has no more than 150 characters."]}"#
        ),
        (
            #"{"username":"ok","email":null,"is_staff":null}"#,
            #"{"email":["This field may not be null."],"is_staff":["This field may not be null."]}"#
        ),
        (#"{"username":"a\u0000b"}"#, #"{"username":["\#(usernameMessage)","Null characters are not allowed."]}"#),
        (#"{"username":{}}"#, #"{"username":["Not a valid string."]}"#),
        ("[]", #"{"non_field_errors":["Invalid data. Expected a dictionary, but got list."]}"#),
        (#""x""#, #"{"non_field_errors":["Invalid data. Expected a dictionary, but got str."]}"#),
        ("1", #"{"non_field_errors":["Invalid data. Expected a dictionary, but got int."]}"#),
        ("1.5", #"{"non_field_errors":["Invalid data. Expected a dictionary, but got float."]}"#),
        ("true", #"{"non_field_errors":["Invalid data. Expected a dictionary, but got bool."]}"#),
        ("null", #"{"non_field_errors":["No data provided"]}"#),
    ]

    @Test(arguments: invalid)
    func invalidBodiesReportEveryFieldInOrder(_ body: String, _ expected: String) throws {
        let client = try ReferenceClient()
        let reply = client.send(.post, "/api/users/", token: Seed.adminToken, json: body)
        #expect(reply.status == 400)
        #expect(reply.text == expected)
        #expect(try client.count("users") == 4)
    }

    @Test func textIsTrimmedAndNumbersBecomeText() throws {
        let client = try ReferenceClient()
        let trimmed = client.send(
            .post, "/api/users/", token: Seed.adminToken,
            json: #"{"username":"\u00a0grace\u3000","first_name":" \u2028Grace\u001f","last_name":4.5,"is_staff":"YES"}"#)
        #expect(trimmed.status == 201)
        #expect(
            trimmed.text.maskingDatetimes
                == #"{"url":"http://testserver/api/users/5/","id":5,"username":"grace","email":"","first_name":"Grace","last_name":"4.5","is_staff":true,"last_login":null,"date_joined":"<dt>"}"#
        )
        let number = client.send(.post, "/api/users/", token: Seed.adminToken, json: #"{"username":123}"#)
        #expect(number.text.hasPrefix(#"{"url":"http://testserver/api/users/6/","id":6,"username":"123","#))
    }

    @Test func bodiesThatCannotBeReadAre400Or415() throws {
        let client = try ReferenceClient()
        let malformed = client.send(.post, "/api/users/", token: Seed.adminToken, json: #"{"a":}"#)
        #expect(malformed.status == 400)
        #expect(malformed.text == #"{"detail":"JSON parse error - Expecting value: line 1 column 6 (char 5)"}"#)
        for bad in ["NaN", #"{"username":"x",}"#] {
            #expect(client.send(.post, "/api/users/", token: Seed.adminToken, json: bad).text.hasPrefix(#"{"detail":"JSON parse error - "#))
        }
        let invalidUTF8 = client.send(
            .post, "/api/users/", token: Seed.adminToken, headers: [("Content-Type", "application/json")],
            body: [0x7B, 0x22, 0xFF, 0x22, 0x3A, 0x31, 0x7D])
        #expect(invalidUTF8.status == 400 && invalidUTF8.text.hasPrefix(#"{"detail":"JSON parse error - "#))
        let plain = client.send(
            .post, "/api/users/", token: Seed.adminToken, headers: [("Content-Type", "text/plain")], body: Array("x".utf8))
        #expect(plain.status == 415)
        #expect(plain.text == #"{"detail":"Unsupported media type \"text/plain\" in request."}"#)
        let none = client.send(.post, "/api/users/", token: Seed.adminToken, body: Array("x".utf8))
        #expect(none.status == 415)
        #expect(none.text == #"{"detail":"Unsupported media type \"\" in request."}"#)
        // An empty body is empty data, whatever its type.
        let empty = client.send(.post, "/api/users/", token: Seed.adminToken, headers: [("Content-Type", "text/plain")])
        #expect(empty.status == 400 && empty.text == #"{"username":["This field is required."]}"#)
    }

    @Test func putRequiresTheRequiredFieldsAndChangesOnlyWhatIsSent() throws {
        let client = try ReferenceClient()
        #expect(
            client.send(.put, "/api/users/2/", token: Seed.adminToken, json: #"{"email":"x@example.com"}"#).text
                == #"{"username":["This field is required."]}"#)
        let same = client.send(.put, "/api/users/2/", token: Seed.adminToken, json: #"{"username":"ada"}"#)
        #expect(same.status == 200 && same.text == Seed.ada)
        let taken = client.send(.put, "/api/users/2/", token: Seed.adminToken, json: #"{"username":"alan"}"#)
        #expect(taken.status == 400 && taken.text == #"{"username":["A user with that username already exists."]}"#)
        let renamed = client.send(.put, "/api/users/2/", token: Seed.adminToken, json: #"{"username":"augusta","is_staff":true}"#)
        #expect(
            renamed.text
                == Seed.ada.replacing(#""username":"ada""#, with: #""username":"augusta""#)
                .replacing(#""is_staff":false"#, with: #""is_staff":true"#))
    }

    @Test func patchValidatesOnlyWhatIsSentAndIgnoresReadOnlyAndUnknownKeys() throws {
        let client = try ReferenceClient()
        let ignored = client.send(
            .patch, "/api/users/2/", token: Seed.adminToken,
            json: #"{"id":99,"url":"x","date_joined":"2000-01-01T00:00:00Z","last_login":null,"nope":1}"#)
        #expect(ignored.status == 200 && ignored.text == Seed.ada)
        let named = client.send(.patch, "/api/users/2/", token: Seed.adminToken, json: #"{"first_name":"Augusta Ada"}"#)
        #expect(named.text == Seed.ada.replacing(#""first_name":"Ada""#, with: #""first_name":"Augusta Ada""#))
        let invalid = client.send(.patch, "/api/users/2/", token: Seed.adminToken, json: #"{"email":"not an email"}"#)
        #expect(invalid.status == 400 && invalid.text == #"{"email":["Enter a valid email address."]}"#)
        let missing = client.send(.patch, "/api/users/99/", token: Seed.adminToken, json: #"{"email":"bad"}"#)
        #expect(missing.status == 404 && missing.text == #"{"detail":"No User matches the given query."}"#)
    }

    @Test func deleteIsA204WithoutBodyOrContentType() throws {
        let client = try ReferenceClient()
        let reply = client.send(.delete, "/api/users/4/", token: Seed.adminToken)
        #expect(reply.status == 204)
        #expect(reply.body.isEmpty)
        #expect(reply.header("Content-Type") == nil)
        #expect(reply.header("Allow") == "GET, PUT, PATCH, DELETE, HEAD, OPTIONS")
        #expect(client.send(.get, "/api/users/4/", token: Seed.adminToken).status == 404)
        #expect(try client.count("auth_tokens") == 3)
    }
}
