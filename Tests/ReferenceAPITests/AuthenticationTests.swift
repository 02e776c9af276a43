import Foundation
import ReferenceAPI
import RESTFramework
import RESTModels
import Testing
import TestSupport

/// Token then Basic authentication: every message of the errors table, and the
/// `WWW-Authenticate: Token` of every 401.
@Suite(.needsTestsRun) struct AuthenticationTests {
    static func basic(_ credentials: String) -> String { "Basic " + Data(credentials.utf8).base64EncodedString() }

    static let refusals: [(header: String, detail: String)] = [
        ("Token", "Invalid token header. No credentials provided."),
        ("Token  ", "Invalid token header. No credentials provided."),
        ("Token a b", "Invalid token header. Token string should not contain spaces."),
        ("Token \u{FF}", "Invalid token header. Token string should not contain invalid characters."),
        ("Token wrong", "Invalid token."),
        ("Token " + Seed.ghostToken, "User inactive or deleted."),
        ("Basic", "Invalid basic header. No credentials provided."),
        ("Basic a b", "Invalid basic header. Credentials string should not contain spaces."),
        ("Basic !!!", "Invalid basic header. Credentials not correctly base64 encoded."),
        (basic("no colon here"), "Invalid basic header. Credentials not correctly base64 encoded."),
        (basic("ada:wrong"), "Invalid username/password."),
        (basic("ada:ada password"), "Invalid username/password."),  // not trimmed: the stored one ends in a space
        (basic("nobody:x"), "Invalid username/password."),
        (basic("alan:"), "Invalid username/password."),  // an unusable password
        (basic("ghost:" + Seed.ghostPassword), "Invalid username/password."),  // inactive, right password
    ]

    @Test(arguments: refusals)
    func badCredentialsAre401sWithTheTokenChallenge(_ refusal: (header: String, detail: String)) throws {
        let client = try ReferenceClient()
        // An AllowAny view authenticates too.
        for path in ["/api/users/", "/api/public-accounts/"] {
            let reply = client.send(.get, path, headers: [("Authorization", refusal.header)])
            #expect(reply.status == 401, "\(refusal.header)")
            #expect(reply.text == "{\"detail\":\"\(refusal.detail)\"}")
            #expect(reply.header("WWW-Authenticate") == "Token")
        }
    }

    @Test(arguments: ["", "Bearer " + Seed.adaToken, "Digest x"])
    func otherSchemesCountAsNoCredentials(_ header: String) throws {
        let client = try ReferenceClient()
        let reply = client.send(.get, "/api/users/", headers: [("Authorization", header)])
        #expect(reply.status == 401)
        #expect(reply.text == #"{"detail":"Authentication credentials were not provided."}"#)
        #expect(reply.header("WWW-Authenticate") == "Token")
        #expect(client.send(.get, "/api/public-accounts/", headers: [("Authorization", header)]).status == 200)
    }

    @Test func tokensAndBasicCredentialsAuthenticate() throws {
        let client = try ReferenceClient()
        #expect(client.send(.get, "/api/users/2/", headers: [("Authorization", "token " + Seed.adaToken)]).text == Seed.ada)
        #expect(client.send(.get, "/api/users/2/", headers: [("Authorization", "TOKEN\t" + Seed.adaToken)]).status == 200)
        let basic = client.send(.get, "/api/users/2/", basic: ("ada", Seed.adaPassword))
        #expect(basic.status == 200)
        #expect(basic.text == Seed.ada)
        #expect(client.send(.get, "/api/users/1/", headers: [("Authorization", Self.basic("admin:" + Seed.adminPassword))]).status == 200)
    }

    @Test func basicCredentialsAreDecodedAsPythonDecodesThem() throws {
        let client = try ReferenceClient()
        _ = try User.objects(on: client.connection).insert([
            "username": "zoë", "date_joined": "2026-01-01T00:00:00Z",
            "password": .string(Seed.hasher.makePassword("pâss:wörd")),
        ])
        let utf8 = Data("zoë:pâss:wörd".utf8).base64EncodedString()
        let latin1 = Data("zoë:pâss:wörd".data(using: .isoLatin1)!).base64EncodedString()
        for encoded in [utf8, latin1, "!" + String(utf8.prefix(4)) + "*" + String(utf8.dropFirst(4))] {
            let reply = client.send(.get, "/api/users/5/", headers: [("Authorization", "Basic " + encoded)])
            #expect(reply.status == 200, "\(encoded): \(reply.text)")
        }
    }

    @Test func loggingInNeitherRehashesNorTouchesLastLogin() throws {
        let client = try ReferenceClient()
        let before = try client.password(of: "ada")
        #expect(before.hasPrefix("pbkdf2_sha256$2$"))
        #expect(client.send(.get, "/api/users/", basic: ("ada", Seed.adaPassword)).status == 200)
        #expect(client.send(.post, "/api/auth-token/", json: #"{"username":"ada","password":"ada password "}"#).status == 200)
        #expect(try client.password(of: "ada") == before)
        #expect(client.send(.get, "/api/users/2/", token: Seed.adaToken).text == Seed.ada)  // last_login as seeded
    }
}
