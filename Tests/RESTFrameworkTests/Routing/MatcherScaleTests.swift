import Testing
@testable import RESTFramework

/// Resolution walks a segment trie: the work depends on the path, not on the number of routes.
/// Counted, not timed: nodes visited and candidate patterns considered.
@Suite struct MatcherScaleTests {
    static func urls(registrations: Int) throws -> URLConf {
        var router = DefaultRouter()
        for i in 0..<registrations { try router.register("r\(i)", UserViewSet.self, basename: "b\(i)") }
        return try URLConf([.include("api/", router), .path("api/auth-token/", ObtainAuthToken.asView(), name: "api-token")])
    }

    static func work(_ urls: URLConf, _ path: String) -> (resolution: URLResolution, trace: RouteMatcher.Trace) {
        var trace = RouteMatcher.Trace()
        let resolution = urls.resolve(path, trace: &trace)
        return (resolution, trace)
    }

    static let paths = [
        "/api/r0/", "/api/r0/7/", "/api/r0/7/set_password/", "/api/r0/recent_users/", "/api/r0/7.json",
        "/api/r0/7/password.json/", "/api/.json", "/api/", "/api/r0/7/nothing/", "/api/r0", "/api/auth-token/",
    ]

    @Test func threeHundredViewsetsCostWhatOneCosts() throws {
        let small = try Self.urls(registrations: 1)
        let large = try Self.urls(registrations: 300)
        #expect(large.patterns.count == 300 * 12 + 2 + 1)
        for path in Self.paths {
            let one = Self.work(small, path).trace
            let many = Self.work(large, path).trace
            #expect(many.nodesVisited == one.nodesVisited, "\(path)")
            #expect(many.candidates == one.candidates, "\(path)")
            #expect(many.nodesVisited <= 12, "\(path): \(many.nodesVisited) nodes")
            #expect(many.candidates <= 2, "\(path): \(many.candidates) candidates")
        }
    }

    @Test func theLastRegistrationResolvesWithTheSameWork() throws {
        let large = try Self.urls(registrations: 300)
        let first = Self.work(large, "/api/r0/7/set_password/")
        let last = Self.work(large, "/api/r299/7/set_password/")
        #expect(first.trace.nodesVisited == last.trace.nodesVisited)
        guard case .match(let endpoint, let kwargs, nil) = last.resolution else { Issue.record("no match"); return }
        #expect(endpoint.initkwargs.basename == "b299")
        #expect(kwargs == ["pk": "7"])
        #expect(try large.reverse("b299-set-password", args: ["7"]) == "/api/r299/7/set_password/")
    }

    @Test func aListActionBeatsTheDetailLookupWhoseSubtreeIsSkipped() throws {
        let large = try Self.urls(registrations: 300)
        let found = Self.work(large, "/api/r150/recent_users/")
        // The detail branch also matches `recent_users`, but it holds only later patterns:
        // once the list action is found, the walk does not enter it.
        #expect(found.trace.candidates == 1)
        guard case .match(let endpoint, _, _) = found.resolution else { Issue.record("no match"); return }
        #expect(endpoint.actions?[.get] == "recent_users")
    }
}
