import Testing
@testable import RESTFramework
import RESTTesting

struct Picky: Permission {
    let message: String? = "Picky says no."
    let code: String? = "picky"
    func hasPermission(_ request: Request, view: APIView) throws -> Bool { false }
}

@Suite struct PermissionMessageTests {
    @Test func builtInsHaveNoMessageOrCode() {
        for permission: any Permission in [AllowAny(), IsAuthenticated(), IsAdminUser(), IsAuthenticatedOrReadOnly()] {
            #expect(permission.message == nil && permission.code == nil)
        }
    }

    @Test func compositionsCarryNoMessageAsInDRF() {
        // DRF 3.18's AND/OR/NOT have no `message`/`code`: the default 403 text answers.
        let composed: [any Permission] = [Picky() & Picky(), AllowAny() & Picky(), Picky() | Picky(), !Picky()]
        for permission in composed {
            #expect(permission.message == nil)
            #expect(permission.code == nil)
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
