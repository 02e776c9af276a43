@testable import RESTFramework
import RESTTesting

/// A user as an application would define one.
struct TestUser: RequestUser {
    var id: Int
    var username: String
    var isStaff = false
    var isActive = true
    var pk: FieldValue { .int(Int64(id)) }
}

let alice = TestUser(id: 1, username: "alice")
let bob = TestUser(id: 2, username: "bob", isStaff: true)
let carol = TestUser(id: 3, username: "carol", isActive: false)

let aliceToken = "9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b"
let carolToken = "c0ffee0000000000000000000000000000000000"
let frankToken = "f4a2c3e0000000000000000000000000000000f6"

/// Few iterations: the tests check behaviour, not strength.
let testHasher = PasswordHasher(iterations: 10)

let tokenStore = InMemoryTokenStore([aliceToken: alice, carolToken: carol, frankToken: TestUser(id: 6, username: "frank")])
let userStore = InMemoryUserStore([
    (user: alice, passwordHash: testHasher.makePassword("s3cret")),
    (user: bob, passwordHash: testHasher.makePassword("pa:ss:word")),
    (user: carol, passwordHash: testHasher.makePassword("s3cret")),
    (user: TestUser(id: 4, username: "josé"), passwordHash: testHasher.makePassword("café")),
    (user: TestUser(id: 5, username: "dave"), passwordHash: PasswordHasher.makeUnusablePassword()),
])

/// A request for an authenticator or a view called directly (RESTTesting's factory).
func request(_ method: HTTPMethod = .get, authorization: String? = nil) -> Request {
    APIRequestFactory().generic(method, "/probe/", headers: authorization.map { ["Authorization": $0] } ?? Headers())
}

/// The message of the `AuthenticationFailed` that `body` throws, or nil if it throws none.
func failure(_ body: () throws -> AuthenticationResult?) -> String? {
    do {
        _ = try body()
        return nil
    } catch let error as AuthenticationFailed {
        return error.message
    } catch {
        return "unexpected \(error)"
    }
}
