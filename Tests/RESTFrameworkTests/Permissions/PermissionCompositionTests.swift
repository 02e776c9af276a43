import Testing
@testable import RESTFramework
import RESTTesting

/// A permission with fixed answers that counts its calls.
final class Fixed: Permission, @unchecked Sendable {
    // @unchecked: the counters are mutated without a lock, which is sound because every test
    // makes its own instances and calls them synchronously from its own task only.
    let request: Bool, object: Bool
    var requestCalls = 0, objectCalls = 0
    init(_ request: Bool, _ object: Bool) {
        self.request = request
        self.object = object
    }
    func hasPermission(_ request: Request, view: APIView) throws -> Bool {
        requestCalls += 1
        return self.request
    }
    func hasObjectPermission(_ request: Request, view: APIView, object: Any) throws -> Bool {
        objectCalls += 1
        return self.object
    }
}

struct Exploding: Permission {
    struct Boom: Error {}
    func hasPermission(_ request: Request, view: APIView) throws -> Bool { throw Boom() }
    func hasObjectPermission(_ request: Request, view: APIView, object: Any) throws -> Bool { throw Boom() }
}

@Suite struct PermissionCompositionTests {
    let view = APIView()
    let req = APIRequestFactory().get("/")
    let flags = [false, true]

    func check(_ permission: any Permission) throws -> (request: Bool, object: Bool) {
        (try permission.hasPermission(req, view: view), try permission.hasObjectPermission(req, view: view, object: 0))
    }

    @Test func andTruthTable() throws {
        for ar in flags {
            for ao in flags {
                for br in flags {
                    for bo in flags {
                        let result = try check(Fixed(ar, ao) & Fixed(br, bo))
                        #expect(result.request == (ar && br), "a=(\(ar),\(ao)) b=(\(br),\(bo))")
                        #expect(result.object == (ao && bo), "a=(\(ar),\(ao)) b=(\(br),\(bo))")
                    }
                }
            }
        }
    }

    @Test func orTruthTable() throws {
        for ar in flags {
            for ao in flags {
                for br in flags {
                    for bo in flags {
                        let result = try check(Fixed(ar, ao) | Fixed(br, bo))
                        #expect(result.request == (ar || br), "a=(\(ar),\(ao)) b=(\(br),\(bo))")
                        // DRF ≥ 3.14: an operand only grants an object if it also grants the request.
                        #expect(result.object == ((ar && ao) || (br && bo)), "a=(\(ar),\(ao)) b=(\(br),\(bo))")
                    }
                }
            }
        }
    }

    @Test func notTruthTable() throws {
        for ar in flags {
            for ao in flags {
                let result = try check(!Fixed(ar, ao))
                #expect(result.request == !ar)
                #expect(result.object == !ao)
                let tilde = try check(~Fixed(ar, ao))
                #expect(tilde.request == !ar && tilde.object == !ao)
            }
        }
    }

    @Test func orAtObjectLevelNeedsTheOperandsRequestLevel() throws {
        // The pre-3.14 bug: "admin or owner" let a non-admin non-owner see any object because
        // IsAdminUser's object check defaults to true.
        let adminOrOwner = IsAdminUser() | Fixed(true, false)
        #expect(try adminOrOwner.hasPermission(req, view: view))
        #expect(try !adminOrOwner.hasObjectPermission(req, view: view, object: 0))
        let left = Fixed(false, true), right = Fixed(false, true)
        #expect(try !(left | right).hasObjectPermission(req, view: view, object: 0))
        #expect(left.objectCalls == 0 && right.objectCalls == 0)  // short-circuited on has_permission
    }

    @Test func evaluationShortCircuitsLeftToRight() throws {
        #expect(try !(Fixed(false, false) & Exploding()).hasPermission(req, view: view))
        #expect(try !(Fixed(true, false) & Exploding()).hasObjectPermission(req, view: view, object: 0))
        #expect(try (Fixed(true, true) | Exploding()).hasPermission(req, view: view))
        #expect(try (Fixed(true, true) | Exploding()).hasObjectPermission(req, view: view, object: 0))
        #expect(throws: Exploding.Boom.self) { try (Fixed(true, true) & Exploding()).hasPermission(req, view: view) }
        #expect(throws: Exploding.Boom.self) { try (Fixed(false, true) | Exploding()).hasPermission(req, view: view) }
        let right = Fixed(true, true)
        _ = try (Fixed(true, true) | right).hasObjectPermission(req, view: view, object: 0)
        #expect(right.requestCalls == 0 && right.objectCalls == 0)
    }

    @Test func precedenceIsPythons() throws {
        // a | b & c  ==  a | (b & c);  !a & b  ==  (!a) & b
        let t = Fixed(true, true), f = Fixed(false, false)
        #expect(try (t | f & f).hasPermission(req, view: view))
        #expect(try !(!t & t).hasPermission(req, view: view))
        #expect(try (f & f | t).hasPermission(req, view: view))
    }

    @Test func composesExistentialsAndNests() throws {
        let erased: any Permission = IsAuthenticated()
        let list: [any Permission] = [erased & IsAdminUser(), (erased | !erased) & ~IsAdminUser(), erased]
        #expect(list.count == 3)
        #expect(try !list[0].hasPermission(req, view: view))  // anonymous
        #expect(try list[1].hasPermission(req, view: view))
        let deep = (Fixed(true, true) & Fixed(true, true)) | (Fixed(false, true) & !Fixed(false, false))
        #expect(try check(deep) == (true, true))
    }
}
