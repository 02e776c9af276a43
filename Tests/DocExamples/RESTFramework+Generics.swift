// The `///` examples of Sources/RESTFramework/Generics, compiled (DocCommentExampleTests finds them here).
import PostgreSQL
@testable import RESTFramework
@testable import RESTModels

// ConcreteAPIViews
final class UserList: ListCreateAPIView<QuerySet<User>> {
    override class var queryset: QuerySet<User>? { User.objects.orderBy("id") }
    override class var serializerClass: Serializer.Type? { UserSerializer.self }
}
final class UserDetail: RetrieveUpdateDestroyAPIView<QuerySet<User>> { /* the same two overrides */ }

// The mixins: an action declared in the class body, so subclasses can override it
open class CreateListRetrieveViewSet<Q: Queryable>: GenericViewSet<Q>,
    CreateModelMixin, ListModelMixin, RetrieveModelMixin {
    open func create(_ request: Request) throws -> Response { try createModel(request) }
    open func list(_ request: Request) throws -> Response { try listModel(request) }
    open func retrieve(_ request: Request) throws -> Response { try retrieveModel(request) }
}

open class CreateRetrieveViewSet<Q: Queryable>: GenericViewSet<Q>, CreateModelMixin, RetrieveModelMixin {
    open func create(_ request: Request) throws -> Response { try createModel(request) }
    open func retrieve(_ request: Request) throws -> Response { try retrieveModel(request) }
}

open class EditableViewSet<Q: DeletableQueryable>: GenericViewSet<Q>, UpdateModelMixin, DestroyModelMixin {
    open func update(_ request: Request) throws -> Response { try updateModel(request) }
    open func partialUpdate(_ request: Request) throws -> Response { try partialUpdateModel(request) }
    open func destroy(_ request: Request) throws -> Response { try destroyModel(request) }
}

// CreateModelMixin
final class NoteViewSet: ModelViewSet<QuerySet<Note>> {
    override func performCreate(_ serializer: Serializer) throws {
        try serializer.save(["author_id": request.user.pk])
    }
}

// DeletableQueryable
struct ArchivedRow: FieldReadable {
    func fieldValue(_ name: String) -> FieldValue? { nil }
}
final class ArchiveViewSet: ModelViewSet<InMemoryQuerySet<ArchivedRow>> {
    typealias Row = ArchivedRow
    func archive(_ row: Row) throws {}
    // A view over rows that cannot be deleted this way says what DELETE does itself:
    override func performDestroy(_ instance: Row) throws { try archive(instance) }
}

// GenericViewSet
enum GenericViewSetExample {
    final class UserViewSet: ModelViewSet<QuerySet<User>> {
        override class var queryset: QuerySet<User>? { User.objects.orderBy("id") }
        override class var serializerClass: Serializer.Type? { UserSerializer.self }
    }
}

// GenericView
enum GenericViewExample {
    static func memberships(of user: any RequestUser) -> ModelSubquery {
        AccountMember.objects.filter(.field("user_id", .exact(user.pk))).values("account_id")
    }
    final class AccountViewSet: ModelViewSet<QuerySet<Account>> {
        override func getQueryset() throws -> QuerySet<Account> {
            Account.objects.filter(.inSubquery("id", memberships(of: request.user))).orderBy("id")
        }
    }
}

// ModelViewSet
enum ModelViewSetExample {
    final class UserViewSet: ModelViewSet<QuerySet<User>> {
        override class var queryset: QuerySet<User>? { User.objects.orderBy("id") }
        override class var serializerClass: Serializer.Type? { UserSerializer.self }
        override func list(_ request: Request) throws -> Response {   // overridable: declared here
            try super.list(request)
        }
    }
}

// NoPagination
final class UnpaginatedUserViewSet: UserViewSet {
    override class var paginationClass: PaginatorFactory? { NoPagination.factory }
}

// ReadOnlyModelViewSet
final class PublicAccountViewSet: ReadOnlyModelViewSet<QuerySet<Account>>, SearchableView {
    override class var queryset: QuerySet<Account>? { Account.objects }
    override class var serializerClass: Serializer.Type? { PublicAccountSerializer.self }
    override class var permissionClasses: [any Permission]? { [AllowAny()] }
    override class var filterBackends: [any FilterBackend]? { [SearchFilter(), OrderingFilter()] }
    var searchFields: [String] { ["name", "description"] }
}

// RequestBindableQueryable
enum RequestBindableExample {
    final class UserViewSet: ModelViewSet<QuerySet<User>> {
        override class var queryset: QuerySet<User>? { User.objects.orderBy("id") }   // bound per request
    }
}

// GenericViewSet: an extra action's configuration
final class RecentUserViewSet: UserViewSet {
    override class var extraActions: [ExtraAction] {[
        .action("recent_users", detail: false, configure: { (view: UserViewSet) in
            view.serializerClass = BriefUserSerializer.self
            view.paginationClass = { LimitOffsetPagination() }
        }) { (view: UserViewSet, request) in try view.recentUsers(request) }
    ]}
}

// GetObjectOr404
final class PlainUserViewSet: ViewSet, RetrieveAction {
    func retrieve(_ request: Request) throws -> Response {
        let user = try getObjectOr404(User.objects(on: request), where: "pk", equals: .string(kwargs["pk"] ?? ""))
        return Response(try UserSerializer(instance: user, context: SerializerContext(request: request, view: self)).data)
    }
}

extension DocHost {
    // GenericAPIView, NamedQueryable
    func genericAPIView() throws {
        final class NoteList: ListCreateAPIView<QuerySet<Note>> {
            override class var queryset: QuerySet<Note>? { Note.objects.orderBy("-id") }
            override class var serializerClass: Serializer.Type? { NoteSerializer.self }
        }
        try URLConf([.path("notes/", NoteList.asView(), name: "note-list")])
        QuerySet<User>.modelName   // "User"
    }

    // GenericView: getSerializer
    func validate() throws {
        let serializer = try getSerializer(data: try request.data)
        try serializer.isValid(raiseException: true)
    }

    // GenericView: paginateQueryset
    func recentPage() throws -> Response {
        if let page = try paginateQueryset(recent) { return try getPaginatedResponse(getSerializer(many: page).data) }
        return Response(status: 204)
    }
}

// GenericAPIView+Defaults
enum GenericDefaultsExample {
    final class AccountViewSet: ModelViewSet<QuerySet<Account>> {
        override func getObject() throws -> Account {
            try lookupObject(in: Account.objects(on: request).filter(.field("active", .exact(true))))
        }
    }
}
