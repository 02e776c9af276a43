import Foundation
import PostgreSQL
import ReferenceAPI
import RESTFramework
import RESTModels
import RESTTesting
import TestSupport

// The reference API in process, on a database of its own migrated with the real migration
// files, seeded with a few users. Every test gets a fresh one.

/// One answer of the application, as the wire would carry it.
typealias Reply = TestResponse

extension TestResponse {
    func header(_ name: String) -> String? { headers[name] }
}

/// Seeded users: admin (1, staff), ada (2), alan (3, no usable password), ghost (4, inactive).
enum Seed {
    static let adminToken = String(repeating: "a1", count: 20)
    static let adaToken = String(repeating: "b2", count: 20)
    static let alanToken = String(repeating: "c3", count: 20)
    static let ghostToken = String(repeating: "d4", count: 20)
    static let adminPassword = "admin-password"
    static let adaPassword = "ada password "  // a trailing space: passwords are not trimmed at login
    static let ghostPassword = "ghost-password"

    static let ada =
        #"{"url":"http://testserver/api/users/2/","id":2,"username":"ada","email":"ada@example.com","first_name":"Ada","last_name":"Lovelace","is_staff":false,"last_login":"2026-03-01T10:00:00Z","date_joined":"2026-01-02T03:04:05.000001Z"}"#
    static let admin =
        #"{"url":"http://testserver/api/users/1/","id":1,"username":"admin","email":"","first_name":"","last_name":"","is_staff":true,"last_login":null,"date_joined":"2026-01-01T00:00:00Z"}"#
    static let alan =
        #"{"url":"http://testserver/api/users/3/","id":3,"username":"alan","email":"","first_name":"Alan","last_name":"","is_staff":false,"last_login":"2026-01-15T08:30:00.250000Z","date_joined":"2026-01-01T00:00:00Z"}"#
    static let ghost =
        #"{"url":"http://testserver/api/users/4/","id":4,"username":"ghost","email":"","first_name":"","last_name":"","is_staff":false,"last_login":null,"date_joined":"2026-01-01T00:00:00Z"}"#
    static var allUsers: String { "[" + [admin, ada, alan, ghost].joined(separator: ",") + "]" }

    static let hasher = PasswordHasher(iterations: 2)
}

/// The application on a fresh, migrated, seeded schema (RESTTesting's `TemporarySchema`),
/// served in process by RESTTesting's `APIClient`.
final class ReferenceClient {
    let app: Application
    let connection: Connection
    let schema: TemporarySchema
    let client: APIClient

    init(seed: Bool = true, configuration: ReferenceConfiguration = ReferenceConfiguration(passwordIterations: 3)) throws {
        schema = try TemporarySchema(url: TestEnvironment.databaseURL, migrations: NginxProcess.projectRoot + "/migrations")
        connection = schema.connection
        app = try ReferenceAPI.application(configuration: configuration)
        client = APIClient(app, database: connection)
        if seed { try seedUsers() }
    }

    deinit { try? schema.drop() }

    private func seedUsers() throws {
        let users = User.objects(on: connection)
        let joined: FieldValue = "2026-01-01T00:00:00Z"
        _ = try users.insert([
            "username": "admin", "is_staff": true, "date_joined": joined,
            "password": .string(Seed.hasher.makePassword(Seed.adminPassword)),
        ])
        _ = try users.insert([
            "username": "ada", "email": "ada@example.com", "first_name": "Ada", "last_name": "Lovelace",
            "last_login": "2026-03-01T10:00:00Z", "date_joined": "2026-01-02T03:04:05.000001Z",
            "password": .string(Seed.hasher.makePassword(Seed.adaPassword)),
        ])
        _ = try users.insert([
            "username": "alan", "first_name": "Alan", "last_login": "2026-01-15T08:30:00.250000Z",
            "date_joined": joined, "password": .string(PasswordHasher.makeUnusablePassword()),
        ])
        _ = try users.insert([
            "username": "ghost", "is_active": false, "date_joined": joined,
            "password": .string(Seed.hasher.makePassword(Seed.ghostPassword)),
        ])
        for (key, id) in [(Seed.adminToken, 1), (Seed.adaToken, 2), (Seed.alanToken, 3), (Seed.ghostToken, 4)] {
            _ = try Token.objects(on: connection).insert(["key": .string(key), "user_id": .int(Int64(id))])
        }
    }

    /// Sends a request. `target` may carry a query string; `token` adds `Authorization: Token`,
    /// `basic` `Authorization: Basic`; `json`/`form` set the body and its Content-Type.
    func send(
        _ method: HTTPMethod, _ target: String, token: String? = nil, basic: (String, String)? = nil,
        headers: [(String, String)] = [], json: String? = nil, form: String? = nil, body: [UInt8]? = nil
    ) -> Reply {
        // Per request rather than the client's `credentials`, which would outlive this call.
        var fields: [(String, String)] = []
        if let token { fields.append(("Authorization", "Token " + token)) }
        if let (user, password) = basic {
            fields.append(("Authorization", "Basic " + Data((user + ":" + password).utf8).base64EncodedString()))
        }
        let contentType = json != nil ? "application/json" : form != nil ? "application/x-www-form-urlencoded" : nil
        return client.generic(
            method, target, body: body ?? Array((json ?? form ?? "").utf8), contentType: contentType,
            headers: Headers(fields + headers))
    }

    /// The number of rows of a table (independently of the API).
    func count(_ table: String) throws -> Int {
        try connection.query("SELECT count(*) FROM \(table)")[0][0, as: Int.self]
    }

    func password(of username: String) throws -> String {
        try User.objects(on: connection).filter(.field("username", .exact(.string(username)))).get().password
    }
}

extension String {
    /// Datetimes replaced by `<dt>`, after checking each is DRF's format (UTC, `Z`, six fraction
    /// digits only when non-zero).
    var maskingDatetimes: String {
        replacing(/"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.(?!000000)\d{6})?Z"/, with: "\"<dt>\"")
    }
}
