import Testing
@testable import RESTFramework

// The doc examples of `RequestUser` and `Permission`, compiled as written. The application's
// model is called `User`, as Django's: the protocol's own name must not take it.

private struct User: RequestUser {
    let id: Int64
    let username: String
    let isStaff: Bool
    let isActive: Bool
    var pk: FieldValue { .int(id) }
}

private struct Note { let authorID: Int64 }

private struct IsOwner: Permission {
    func hasObjectPermission(_ request: Request, view: APIView, object: Any) throws -> Bool {
        guard let note = object as? Note else { return false }
        return .int(note.authorID) == request.user.pk
    }
}

@Suite struct RequestUserTests {
    fileprivate static let ada = User(id: 7, username: "ada", isStaff: false, isActive: true)

    /// `pk` is the column's value; Django's `AnonymousUser.pk` is `None`.
    @Test func pkIsTheKeysValueAndNullWhenAnonymous() {
        #expect(Self.ada.pk == 7 && Self.ada.isAuthenticated && !Self.ada.isAnonymous)
        #expect(AnonymousUser().pk == .null && AnonymousUser().isAnonymous)
        let request = Request(method: .post, path: "/notes/")
        let values: [String: FieldValue] = ["author_id": request.user.pk]
        #expect(values["author_id"] == .null)
        request.user = Self.ada
        #expect(request.user is User)
        #expect(["author_id": request.user.pk] == ["author_id": .int(7)] as [String: FieldValue])
    }

    /// `HiddenField`'s doc example: the requesting user's pk as a default, `.null` when anonymous.
    @Test func theCurrentUserAsAHiddenDefault() {
        let field = HiddenField("author_id", default: .computed { context in context.request?.user.pk ?? .null })
        let request = Request(method: .post, path: "/notes/")
        #expect(field.options.defaultValue?.resolve(SerializerContext(request: request)) == .null)
        request.user = Self.ada
        #expect(field.options.defaultValue?.resolve(SerializerContext(request: request)) == .int(7))
    }

    @Test func anOwnerPermissionComparesThePKWithTheRows() throws {
        let request = Request(method: .delete, path: "/notes/1/"), view = APIView()
        #expect(try !IsOwner().hasObjectPermission(request, view: view, object: Note(authorID: 7)))  // anonymous
        request.user = Self.ada
        #expect(try IsOwner().hasObjectPermission(request, view: view, object: Note(authorID: 7)))
        #expect(try !IsOwner().hasObjectPermission(request, view: view, object: Note(authorID: 8)))
        #expect(try !IsOwner().hasObjectPermission(request, view: view, object: "7"))
    }
}
