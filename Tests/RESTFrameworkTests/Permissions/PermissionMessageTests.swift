import Testing
@testable import RESTFramework
import RESTTesting

struct Picky: Permission {
    let message: String? = "Picky says no."
    let code: String? = "picky"
    func hasPermission(_ request: Request, view: APIView) throws -> Bool { false }
}

/// DRF's spelling, `message = "..."`: a plain `String` (it used to lose silently to the
/// protocol's nil default, since only a `String?` property satisfied the requirement).
struct Plain: Permission {
    let message = "Plain says no."
    let code = "plain"
    func hasPermission(_ request: Request, view: APIView) throws -> Bool { false }
}

/// A computed message, and a code left to the default.
struct Computed: Permission {
    var message: String { "Computed says no." }
    func hasObjectPermission(_ request: Request, view: APIView, object: Any) throws -> Bool { false }
}

@Suite struct PermissionMessageTests {
    /// The refusal of `permission` by a view that has no authenticators (so a 403, not a 401).
    static func refusal(by permission: any Permission) -> Response {
        final class Guarded: APIView, GetHandler {
            func get(_ request: Request) throws -> Response {
                try checkObjectPermissions(request, object: 0)
                return Response(["ok": true])
            }
        }
        let view = Guarded.asView().makeView()
        view.permissionClasses = [permission]
        return view.dispatch(Request(method: .get, path: "/x/"))
    }

    @Test func aPlainStringMessageAndCodeReachThe403() {
        #expect(Plain().messageText == "Plain says no." && Plain().codeText == "plain")
        let response = Self.refusal(by: Plain())
        #expect(response.status == 403)
        #expect(response.data == ["detail": "Plain says no."])
        #expect((Plain() as any Permission).codeText == "plain")
    }

    @Test func optionalAndComputedMessagesReachThe403() {
        #expect(Self.refusal(by: Picky()).data == ["detail": "Picky says no."])
        let computed = Self.refusal(by: Computed())
        #expect(computed.status == 403)
        #expect(computed.data == ["detail": "Computed says no."])
        #expect(Computed().codeText == nil)
        // A permission declaring neither answers DRF's default.
        #expect(Self.refusal(by: IsAdminUser()).data == ["detail": "You do not have permission to perform this action."])
    }

    @Test func builtInsHaveNoMessageOrCode() {
        for permission: any Permission in [AllowAny(), IsAuthenticated(), IsAdminUser(), IsAuthenticatedOrReadOnly()] {
            #expect(permission.messageText == nil && permission.codeText == nil)
        }
    }

    @Test func compositionsCarryNoMessageAsInDRF() {
        // DRF 3.18's AND/OR/NOT have no `message`/`code`: the default 403 text answers.
        let composed: [any Permission] = [Picky() & Picky(), AllowAny() & Picky(), Picky() | Picky(), !Picky()]
        for permission in composed {
            #expect(permission.messageText == nil)
            #expect(permission.codeText == nil)
        }
    }

    @Test func withMessageOnAnyPermission() {
        let plain = IsAdminUser().withMessage("Staff only.")
        #expect(plain.message == "Staff only.")
        #expect(plain.code == nil)
        let composed = (IsAdminUser() | Picky()).withMessage("Staff or picky.", code: "staff_or_picky")
        #expect(composed.message == "Staff or picky.")
        #expect(composed.code == "staff_or_picky")
        // Without a code, the permission's own is kept.
        #expect(Picky().withMessage("Other words.").code == "picky")
    }

    @Test func withMessageKeepsTheDecision() throws {
        let view = APIView(), req = APIRequestFactory().get("/")
        let wrapped = Fixed(true, false).withMessage("x")
        #expect(try wrapped.hasPermission(req, view: view))
        #expect(try !wrapped.hasObjectPermission(req, view: view, object: 0))
        #expect(try !(!wrapped).hasPermission(req, view: view))
    }
}
