import ReferenceAPI
import RESTFramework
import RESTModels
import Testing
import TestSupport

/// `notes`: create, list and retrieve only; cursor pages newest first.
@Suite(.needsTestsRun) struct NoteTests {
    static func json(_ id: Int) -> String {
        "{\"id\":\(id),\"title\":\"Note \(id) ✓\",\"body\":\"\",\"author\":\"\(id % 2 == 0 ? "ada" : "alan")\",\"created\":\"2026-04-\(id < 10 ? "0" : "")\(id)T09:00:00Z\"}"
    }

    func seeded(_ count: Int = 12) throws -> ReferenceClient {
        let client = try ReferenceClient()
        for id in 1...count {
            _ = try Note.objects(on: client.connection).insert([
                "title": .string("Note \(id) ✓"), "author_id": .int(id % 2 == 0 ? 2 : 3),
                "created": .string("2026-04-\(id < 10 ? "0" : "")\(id)T09:00:00Z"),
            ])
        }
        return client
    }

    @Test func cursorPagesGoForwardAndBack() throws {
        let client = try seeded()
        let first = client.send(.get, "/api/notes/")
        #expect(
            first.text == #"{"next":"http://testserver/api/notes/?cursor=cD0z","previous":null,"results":["#
                + (3...12).reversed().map(Self.json).joined(separator: ",") + "]}")
        let second = client.send(.get, "/api/notes/?cursor=cD0z")
        #expect(
            second.text == #"{"next":null,"previous":"http://testserver/api/notes/?cursor=cj0xJnA9Mg%3D%3D","results":["# + Self.json(2)
                + "," + Self.json(1) + "]}")
        let back = client.send(.get, "/api/notes/?cursor=cj0xJnA9Mg%3D%3D")
        #expect(back.text == first.text)
        #expect(client.send(.get, "/api/notes/?cursor=", token: Seed.adaToken).text == first.text)
        let suffixed = client.send(.get, "/api/notes.json?format=json&cursor=cD0z")
        #expect(
            suffixed.text.hasPrefix(#"{"next":null,"previous":"http://testserver/api/notes.json?cursor=cj0xJnA9Mg%3D%3D&format=json","#))
    }

    @Test func anOffsetCursorAndTheEmptyPage() throws {
        let client = try seeded()
        // o=2&p=5: past position 5, skip two rows.
        let offset = client.send(.get, "/api/notes/?cursor=bz0yJnA9NQ%3D%3D")
        #expect(offset.text.contains(#""results":["# + Self.json(2) + "," + Self.json(1) + "]}"))
        // Turning back from an offset cursor: DRF's marker skips the first row of the page.
        #expect(offset.text.hasPrefix(#"{"next":null,"previous":"http://testserver/api/notes/?cursor=bz0xJnI9MSZwPTE%3D","#))
        let empty = client.send(.get, "/api/notes/?cursor=cD0x")
        #expect(empty.text == #"{"next":null,"previous":"http://testserver/api/notes/?cursor=cj0xJnA9MQ%3D%3D","results":[]}"#)
    }

    /// A cursor's `o` of any size is capped at 1000 (DRF's `offset_cutoff`): past the notes,
    /// an empty page linking back to where the cursor pointed.
    @Test(arguments: [
        // o=9223372036854775807
        ("bz05MjIzMzcyMDM2ODU0Nzc1ODA3", #"{"next":null,"previous":"http://testserver/api/notes/?cursor=cj0x","results":[]}"#),
        // o=99999999999999999999&p=5
        (
            "bz05OTk5OTk5OTk5OTk5OTk5OTk5OSZwPTU%3D",
            #"{"next":null,"previous":"http://testserver/api/notes/?cursor=cj0xJnA9NQ%3D%3D","results":[]}"#
        ),
        // o=9223372036854775807&r=1
        ("bz05MjIzMzcyMDM2ODU0Nzc1ODA3JnI9MQ%3D%3D", #"{"next":"http://testserver/api/notes/?cursor=","previous":null,"results":[]}"#),
    ])
    func hugeCursorOffsetsAreCapped(_ cursor: String, _ expected: String) throws {
        let client = try seeded()
        let reply = client.send(.get, "/api/notes/?cursor=" + cursor)
        #expect(reply.status == 200)
        #expect(reply.text == expected)
    }

    @Test(arguments: ["abc", "cD1hYmM%3D", "cj14JnA9Mg%3D%3D", "bz0tMQ%3D%3D", "%C3%A9", "cD0"])
    func badCursorsAre404(_ cursor: String) throws {
        let client = try seeded()
        let reply = client.send(.get, "/api/notes/?cursor=" + cursor)
        #expect(reply.status == 404)
        #expect(reply.text == #"{"detail":"Invalid cursor"}"#)
    }

    @Test func authenticatedUsersWriteAsThemselvesWithoutLocation() throws {
        let client = try seeded(1)
        let reply = client.send(
            .post, "/api/notes/", token: Seed.adaToken,
            json:
                #"{"title":"  Ünïcödé — 日本語 🐛  ","body":"line\nbreak \"quoted\" \\ / \u0001","author":"alan","created":"2000-01-01T00:00:00Z"}"#
        )
        #expect(reply.status == 201)
        #expect(
            reply.text.maskingDatetimes
                == #"{"id":2,"title":"Ünïcödé — 日本語 🐛","body":"line\nbreak \"quoted\" \\ / \u0001","author":"ada","created":"<dt>"}"#)
        #expect(reply.header("Location") == nil)
        #expect(client.send(.get, "/api/notes/2/").text == reply.text)
        let anonymous = client.send(.post, "/api/notes/", json: #"{"title":"x"}"#)
        #expect(anonymous.status == 401 && anonymous.header("WWW-Authenticate") == "Token")
    }

    @Test(arguments: [
        ("{}", #"{"title":["This field is required."]}"#),
        ("{\"title\":\"\(String(repeating: "t", count: 201))\"}", #"{"title":["Ensure this field has no more than 200 characters."]}"#),
        (#"{"title":"x","body":null}"#, #"{"body":["This field may not be null."]}"#),
        (#"{"title":false,"body":[]}"#, #"{"title":["Not a valid string."],"body":["Not a valid string."]}"#),
    ])
    func invalidNotes(_ body: String, _ expected: String) throws {
        let client = try seeded(1)
        let reply = client.send(.post, "/api/notes/", token: Seed.adaToken, json: body)
        #expect(reply.status == 400 && reply.text == expected)
        #expect(try client.count("notes") == 1)
    }

    @Test func noUpdateOrDelete() throws {
        let client = try seeded(1)
        #expect(client.send(.get, "/api/notes/1/").text == Self.json(1))
        #expect(client.send(.get, "/api/notes/7/").text == #"{"detail":"No Note matches the given query."}"#)
        for method in [HTTPMethod.put, .patch, .delete] {
            let anonymous = client.send(method, "/api/notes/1/", json: "{}")
            #expect(anonymous.status == 401)
            let reply = client.send(method, "/api/notes/1/", token: Seed.adaToken, json: "{}")
            #expect(reply.status == 405)
            #expect(reply.text == "{\"detail\":\"Method \\\"\(method.rawValue)\\\" not allowed.\"}")
            #expect(reply.header("Allow") == "GET, HEAD, OPTIONS")
        }
        #expect(client.send(.delete, "/api/notes/", token: Seed.adaToken).status == 405)
    }

    @Test func optionsShowsPostToAuthenticatedUsersOnly() throws {
        let client = try seeded(1)
        let head =
            #"{"name":"Note List","description":"","renders":["application/json","text/html"],"parses":["application/json","application/x-www-form-urlencoded","multipart/form-data"]"#
        #expect(client.send(.options, "/api/notes/").text == head + "}")
        #expect(
            client.send(.options, "/api/notes/", token: Seed.alanToken).text == head
                + #","actions":{"POST":{"id":{"type":"integer","required":false,"read_only":true,"label":"ID"},"title":{"type":"string","required":true,"read_only":false,"label":"Title","max_length":200},"body":{"type":"string","required":false,"read_only":false,"label":"Body"},"author":{"type":"field","required":false,"read_only":true,"label":"Author"},"created":{"type":"datetime","required":false,"read_only":true,"label":"Created"}}}}"#
        )
    }
}
