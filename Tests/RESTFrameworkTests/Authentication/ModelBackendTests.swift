import Testing
@testable import RESTFramework

@Suite struct ModelBackendTests {
    let req = request()

    @Test func returnsOnlyActiveUsersWithTheRightPassword() throws {
        #expect(try userStore.authenticate(username: "alice", password: "s3cret", hasher: testHasher, request: req)?.pk == "1")
        for (username, password) in [("alice", "wrong"), ("nobody", "s3cret"), ("carol", "s3cret"), ("dave", ""), ("dave", "x"), ("alice\u{0}", "s3cret")] {
            #expect(try userStore.authenticate(username: username, password: password, hasher: testHasher, request: req) == nil,
                    "\(username)")
        }
    }

    @Test func everyRefusalCostsAboutOneHash() throws {
        // Django runs the hasher for unknown users too (ticket #20760). Checked as a loose lower
        // bound (a third of a real check, best of three) so that a busy machine cannot fail it.
        let slow = PasswordHasher(iterations: 60_000)
        let store = InMemoryUserStore([
            (user: alice, passwordHash: slow.makePassword("s3cret")),
            (user: carol, passwordHash: slow.makePassword("s3cret")),
            (user: TestUser(id: 5, username: "dave"), passwordHash: PasswordHasher.makeUnusablePassword()),
        ])
        func cost(_ username: String, _ password: String) throws -> Duration {
            var best = Duration.seconds(1_000)
            for _ in 0..<3 {
                let elapsed = try ContinuousClock().measure {
                    _ = try store.authenticate(username: username, password: password, hasher: slow, request: req)
                }
                best = min(best, elapsed)
            }
            return best
        }
        let reference = try cost("alice", "wrong")
        for (username, password) in [("nobody", "s3cret"), ("carol", "s3cret"), ("dave", "x"), ("al\u{0}ice", "s3cret")] {
            #expect(try cost(username, password) > reference / 3, "\(username)")
        }
    }
}
