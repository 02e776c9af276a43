import RESTFramework
import Testing
import TestSupport

/// OPTIONS on the users routes: DRF's SimpleMetadata, staff only (OPTIONS is the `metadata`
/// action, which IsAdminUser guards), `actions` per method the route maps.
@Suite(.needsTestsRun) struct UserOptionsTests {
    static let parses =
        #""renders":["application/json","text/html"],"parses":["application/json","application/x-www-form-urlencoded","multipart/form-data"]"#
    static let fields =
        #"{"url":{"type":"field","required":false,"read_only":true,"label":"Url"},"id":{"type":"integer","required":false,"read_only":true,"label":"ID"},"username":{"type":"string","required":true,"read_only":false,"label":"Username","max_length":150},"email":{"type":"email","required":false,"read_only":false,"label":"Email","max_length":254},"first_name":{"type":"string","required":false,"read_only":false,"label":"First name","max_length":150},"last_name":{"type":"string","required":false,"read_only":false,"label":"Last name","max_length":150},"is_staff":{"type":"boolean","required":false,"read_only":false,"label":"Is staff"},"last_login":{"type":"datetime","required":false,"read_only":true,"label":"Last login"},"date_joined":{"type":"datetime","required":false,"read_only":true,"label":"Date joined"}}"#

    static func metadata(_ name: String, actions: String?) -> String {
        "{\"name\":\"\(name)\",\"description\":\"\",\(parses)" + (actions.map { ",\"actions\":{\($0)}" } ?? "") + "}"
    }

    @Test(
        arguments: [
            ("/api/users/", "User List", "\"POST\":" + fields),
            ("/api/users/2/", "User Instance", "\"PUT\":" + fields),
            ("/api/users/99/", "User Instance", nil),  // never a 404: PUT is left out
            ("/api/users/abc/", "User Instance", nil),
            ("/api/users/recent_users/", "Recent users", nil),
            ("/api/users/2/set_password/", "Set password", "\"POST\":" + fields),
            ("/api/users/2/unset_password/", "Unset password", "\"POST\":" + fields),
            ("/api/users/2/password/", "Change Password", "\"PUT\":" + fields),
            ("/api/users.json", "User List", "\"POST\":" + fields),
        ] as [(String, String, String?)])
    func staffSeeTheNamesAndTheSerializersFields(_ path: String, _ name: String, _ actions: String?) throws {
        let client = try ReferenceClient()
        let reply = client.send(.options, path, token: Seed.adminToken)
        #expect(reply.status == 200)
        #expect(reply.text == Self.metadata(name, actions: actions))
    }

    @Test func otherViewsNames() throws {
        let client = try ReferenceClient()
        #expect(client.send(.options, "/api/simple-users/", token: Seed.adaToken).text == Self.metadata("Simple User List", actions: nil))
        #expect(
            client.send(.options, "/api/simple-users/2/", token: Seed.adaToken).text == Self.metadata("Simple User Instance", actions: nil))
        #expect(client.send(.options, "/api/public-accounts/").text == Self.metadata("Public Account List", actions: nil))
        #expect(client.send(.options, "/api/public-accounts/1/").text == Self.metadata("Public Account Instance", actions: nil))
        #expect(client.send(.options, "/api/notes/1/").text == Self.metadata("Note Instance", actions: nil))
    }
}
