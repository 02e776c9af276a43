import Foundation
import ReferenceAPI
import RESTFramework
import TestSupport
import Testing

/// `api-admin` (the executable) and the `ReferenceAdmin` behind it.
@Suite struct AdminTests {
    func run(_ arguments: [String], on client: ReferenceClient) throws -> Subprocess.Result {
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = client.database.url
        environment["SRF_PASSWORD_ITERATIONS"] = "5"
        return try Subprocess.run(TestEnvironment.executable("api-admin"), arguments, environment: environment)
    }

    @Test func createUserPrintsATokenThatAuthenticates() throws {
        let client = try ReferenceClient(seed: false)
        let created = try run(["create-user", "boss", "--staff", "--password", "s3cret pass", "--email", "boss@example.com"], on: client)
        #expect(created.status == 0, "\(created.stderr)")
        let key = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(key.wholeMatch(of: /[0-9a-f]{40}/) != nil)
        #expect(try run(["token", "boss"], on: client).stdout == key + "\n")
        let me = client.send(.get, "/api/users/1/", token: key)
        #expect(me.text.maskingDatetimes == #"{"url":"http://testserver/api/users/1/","id":1,"username":"boss","email":"boss@example.com","first_name":"","last_name":"","is_staff":true,"last_login":null,"date_joined":"<dt>"}"#)
        #expect(try client.password(of: "boss").hasPrefix("pbkdf2_sha256$5$"))
        #expect(client.send(.post, "/api/auth-token/", form: "username=boss&password=s3cret+pass").text == "{\"token\":\"\(key)\"}")

        let plain = try run(["create-user", "worker", "--no-password"], on: client)
        #expect(plain.status == 0)
        #expect(try client.password(of: "worker").hasPrefix("!"))
    }

    @Test func refusalsSayWhy() throws {
        let client = try ReferenceClient()
        let duplicate = try run(["create-user", "ada"], on: client)
        #expect(duplicate.status == 1)
        #expect(duplicate.stderr == #"api-admin: cannot create user "ada": {"username":["A user with that username already exists."]}"# + "\n")
        let invalid = try run(["create-user", "no spaces", "--email", "x"], on: client)
        #expect(invalid.status == 1 && invalid.stderr.contains(#""email":["Enter a valid email address."]"#))
        let unknown = try run(["token", "nobody"], on: client)
        #expect(unknown.status == 1 && unknown.stderr == "api-admin: no user named \"nobody\"\n")
        for usage in [[], ["frobnicate"], ["create-user"], ["create-user", "x", "--password", "p", "--no-password"], ["token", "a", "b"]] {
            let result = try run(usage, on: client)
            #expect(result.status == 2, "\(usage)")
            #expect(result.stderr.contains("usage: api-admin"))
        }
        #expect(try run(["--help"], on: client).status == 0)
        #expect(try client.count("users") == 4)
    }

    @Test func demoDataFillsAnEmptyDatabaseOnce() throws {
        let client = try ReferenceClient(seed: false)
        let loaded = try run(["demo-data", "--if-empty"], on: client)
        #expect(loaded.status == 0, "\(loaded.stderr)")
        let token = try #require(loaded.stdout.firstMatch(of: /admin \(staff\): username admin, password admin-demo-password, token ([0-9a-f]{40})/)).1
        #expect(try client.count("users") == 5 && client.count("accounts") == 3 && client.count("notes") == 5)
        let notes = client.send(.get, "/api/notes/", token: String(token))
        #expect(notes.text.contains(#""title":"バグ発見 🐛""#) && notes.text.contains(#""author":"zoë""#))
        #expect(client.send(.get, "/api/users/", basic: ("admin", "admin-demo-password")).text.contains(#""count":5"#))
        let ada = client.send(.get, "/api/accounts/", token: try ReferenceAdmin(connection: client.connection,
                                                                                 configuration: ReferenceConfiguration()).token(for: "ada").key)
        #expect(ada.text.contains(#""count":2"#))

        let again = try run(["demo-data", "--if-empty"], on: client)
        #expect(again.status == 0 && again.stdout.contains("demo data not loaded"))
        let forced = try run(["demo-data"], on: client)
        #expect(forced.status == 1 && forced.stderr.contains("already exists"))
        #expect(try client.count("users") == 5)
    }

    @Test func theIterationCountComesFromTheEnvironment() throws {
        #expect(try ReferenceConfiguration.fromEnvironment([:]).passwordIterations == 1_000_000)
        #expect(try ReferenceConfiguration.fromEnvironment(["SRF_PASSWORD_ITERATIONS": "1200"]).passwordIterations == 1200)
        for bad in ["0", "-1", "many", "99999999999"] {
            #expect(throws: ConfigurationError.self) { try ReferenceConfiguration.fromEnvironment(["SRF_PASSWORD_ITERATIONS": bad]) }
        }
    }

    @Test func theCountStrategyComesFromTheEnvironment() throws {
        #expect(try ReferenceConfiguration.fromEnvironment([:]).paginationCount == .exact)
        for (text, strategy) in [("exact", CountStrategy.exact), ("estimated", .estimated), ("none", .none)] {
            #expect(try ReferenceConfiguration.fromEnvironment(["SRF_PAGINATION_COUNT": text]).paginationCount == strategy)
        }
        #expect(throws: ConfigurationError.self) { try ReferenceConfiguration.fromEnvironment(["SRF_PAGINATION_COUNT": "approximate"]) }
    }

    @Test func theFieldLimitComesFromTheEnvironment() throws {
        #expect(try ReferenceConfiguration.fromEnvironment([:]).dataUploadMaxNumberFields == 1_000)
        let variable = "SRF_DATA_UPLOAD_MAX_NUMBER_FIELDS"
        #expect(try ReferenceConfiguration.fromEnvironment([variable: "50"]).dataUploadMaxNumberFields == 50)
        #expect(try ReferenceConfiguration.fromEnvironment([variable: "0"]).dataUploadMaxNumberFields == 0)
        #expect(try ReferenceConfiguration.fromEnvironment([variable: "none"]).dataUploadMaxNumberFields == nil)
        for bad in ["-1", "many", "1e3"] {
            #expect(throws: ConfigurationError.self) { try ReferenceConfiguration.fromEnvironment([variable: bad]) }
        }
        let settings = ReferenceAPI.settings(configuration: try .fromEnvironment([variable: "50"]))
        #expect(settings.dataUploadMaxNumberFields == 50)
    }
}
