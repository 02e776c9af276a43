import Testing
@testable import RESTFramework
import RESTTesting

/// The read-replica declaration: a view (or one extra action) that writes on GET says so, and
/// its safe requests then carry `readsFromPrimary`, which sends their reads to the primary.
@Suite struct WritesOnSafeMethodsTests {
    final class Plain: APIView, GetHandler, PostHandler {
        func get(_ request: Request) throws -> Response { Response(["ok": true]) }
        func post(_ request: Request) throws -> Response { Response(["ok": true]) }
    }

    final class Counter: APIView, GetHandler {
        override class var writesOnSafeMethods: Bool { true }
        func get(_ request: Request) throws -> Response { Response(["ok": true]) }
    }

    final class Recent: ViewSet {
        override class var extraActions: [ExtraAction] {
            [
                .action("touch", detail: false, writesOnSafeMethods: true) { (_: Recent, _) in Response(["ok": true]) },
                .action("look", detail: false) { (_: Recent, _) in Response(["ok": true]) },
            ]
        }
    }

    static func readsFromPrimary(_ view: APIView, _ method: HTTPMethod) -> Bool {
        let request = Request(method: method, path: "/x/")
        _ = view.dispatch(request)
        return request.readsFromPrimary
    }

    @Test func aPlainViewReadsFromAReplica() {
        #expect(!Self.readsFromPrimary(Plain.asView().makeView(), .get))
        #expect(!Self.readsFromPrimary(Plain.asView().makeView(), .head))
        // Unsafe methods use the primary anyway; the flag is about safe ones.
        #expect(!Self.readsFromPrimary(Plain.asView().makeView(), .post))
    }

    @Test func aViewThatWritesOnGETReadsFromThePrimary() {
        #expect(Self.readsFromPrimary(Counter.asView().makeView(), .get))
        #expect(Self.readsFromPrimary(Counter.asView().makeView(), .options))
    }

    @Test func anExtraActionDeclaresItForItselfOnly() throws {
        let actions = Recent.extraActions
        let touch = try #require(actions.first { $0.functionName == "touch" })
        let look = try #require(actions.first { $0.functionName == "look" })
        let touched = Recent()
        touch.kwargs.configure?(touched)
        #expect(touched.writesOnSafeMethods == true)
        let looked = Recent()
        look.kwargs.configure?(looked)
        #expect(looked.writesOnSafeMethods == nil)
        // An instance's setting wins over the class's.
        let plain = Plain.asView().makeView()
        plain.writesOnSafeMethods = true
        #expect(Self.readsFromPrimary(plain, .get))
    }
}
