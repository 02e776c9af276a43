import Synchronization
import Testing
@testable import RESTFramework

@Suite struct ModelBackendTests {
    let req = request()

    @Test func returnsOnlyActiveUsersWithTheRightPassword() throws {
        #expect(try userStore.authenticate(username: "alice", password: "s3cret", hasher: testHasher, request: req)?.pk == 1)
        for (username, password) in [
            ("alice", "wrong"), ("nobody", "s3cret"), ("carol", "s3cret"), ("dave", ""), ("dave", "x"), ("alice\u{0}", "s3cret"),
        ] {
            #expect(
                try userStore.authenticate(username: username, password: password, hasher: testHasher, request: req) == nil,
                "\(username)")
        }
    }

    @Test func everyAnswerCostsExactlyOneHash() throws {
        // Django runs the hasher for unknown users and unusable passwords too (ticket #20760), so
        // the time taken does not tell the cases apart. Counted, not timed: a busy machine cannot
        // make this flaky, and removing any of the extra hasher runs makes it fail.
        let runs = Mutex(0)
        let counting = PasswordHasher(iterations: 1_000) { runs.withLock { $0 += 1 } }
        let store = InMemoryUserStore([
            (user: alice, passwordHash: testHasher.makePassword("s3cret")),
            (user: carol, passwordHash: testHasher.makePassword("s3cret")),
            (user: TestUser(id: 5, username: "dave"), passwordHash: PasswordHasher.makeUnusablePassword()),
            (user: TestUser(id: 6, username: "erin"), passwordHash: "garbage$not$a$hash"),
        ])
        for (username, password) in [
            ("alice", "s3cret"), ("alice", "wrong"), ("nobody", "s3cret"), ("carol", "s3cret"),
            ("dave", "x"), ("erin", "x"), ("al\u{0}ice", "s3cret"),
        ] {
            runs.withLock { $0 = 0 }
            _ = try store.authenticate(username: username, password: password, hasher: counting, request: req)
            #expect(runs.withLock { $0 } == 1, "\(username)")
        }
    }
}
