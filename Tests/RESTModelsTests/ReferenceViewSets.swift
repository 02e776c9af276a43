import PostgreSQL
import RESTFramework
import RESTModels

// The reference API's accounts, public-accounts and notes viewsets, written with RESTModels as
// the application writes them (permissions trimmed to what these tests need).

extension User: RequestUser {
    var pk: FieldValue { .int(id) }
}

/// `Authorization: Token <key>`: one query for the token's user.
struct ModelTokenStore: TokenStore {
    func user(forToken key: String, request: Request) throws -> (any RequestUser)? {
        let tokens = Token.objects.filter(.field("key", .exact(.string(key)))).values("user_id")
        return try User.objects(on: request).filter(.inSubquery("id", tokens)).first()
    }
}

final class AccountSerializer: ModelSerializer<Account> {
    override class var fields: [any SerializerField] {
        [
            HyperlinkedIdentityField("url", viewName: "account-detail"),
            IntegerField("id", readOnly: true),
            CharField("name", maxLength: 100),
            CharField("description", required: false, default: "", allowBlank: true),
            ReadOnlyField("owner", source: "owner_id"),
            DateTimeField("created", readOnly: true),
        ]
    }
}

/// The spec's AccountViewSet: no class-level queryset; the user's memberships only.
final class AccountViewSet: ModelViewSet<QuerySet<Account>> {
    override class var serializerClass: Serializer.Type? { AccountSerializer.self }
    override class var permissionClasses: [any Permission]? { [IsAuthenticated()] }

    override func getQueryset() throws -> QuerySet<Account> {
        try Account.objects(on: request).filter(.inSubquery("id", Account.memberships(of: request.user.pk))).orderBy("id")
    }

    /// The owner is the requesting user, who becomes an admin member, in one transaction.
    override func performCreate(_ serializer: Serializer) throws {
        try request.database.transaction { _ in
            let account = try serializer.save(["owner_id": request.user.pk])
            _ = try AccountMember.objects(on: request)
                .insert(["account_id": account.fieldValue("id")!, "user_id": request.user.pk, "is_admin": true])
        }
    }
}

final class PublicAccountSerializer: ModelSerializer<Account> {
    override class var fields: [any SerializerField] {
        [
            IntegerField("id", readOnly: true), CharField("name", maxLength: 100),
            CharField("description", required: false, allowBlank: true), ReadOnlyField("owner", source: "owner_id"),
        ]
    }
}

/// The spec's PublicAccountViewSet, with a limit/offset paginator that runs no count query.
final class PublicAccountViewSet: ReadOnlyModelViewSet<QuerySet<Account>>, SearchableView, OrderableView {
    override class var queryset: QuerySet<Account>? { Account.objects.orderBy("id") }
    override class var serializerClass: Serializer.Type? { PublicAccountSerializer.self }
    override class var permissionClasses: [any Permission]? { [AllowAny()] }
    override class var paginationClass: PaginatorFactory? {
        { LimitOffsetPagination(defaultLimit: 10, maxLimit: 100, countStrategy: .none) }
    }
    override class var filterBackends: [any FilterBackend]? { [SearchFilter(), OrderingFilter()] }
    var searchFields: [String] { ["name", "description"] }
    var orderingFields: [String]? { ["name", "created", "id"] }
    var ordering: [String]? { ["id"] }
}

final class NoteSerializer: ModelSerializer<Note> {
    override class var fields: [any SerializerField] {
        [
            IntegerField("id", readOnly: true), CharField("title", maxLength: 200),
            CharField("body", required: false, allowBlank: true), ReadOnlyField("author"),
            DateTimeField("created", readOnly: true),
        ]
    }
}

/// DRF's docs example of a custom composition, as the spec's notes use it. The actions are
/// declared here (the mixins have no defaults), `open` so that subclasses may override them.
open class CreateListRetrieveModelViewSet<Q: Queryable>: GenericViewSet<Q>, CreateModelMixin, ListModelMixin,
    RetrieveModelMixin
{
    open func create(_ request: Request) throws -> Response { try createModel(request) }
    open func list(_ request: Request) throws -> Response { try listModel(request) }
    open func retrieve(_ request: Request) throws -> Response { try retrieveModel(request) }
}

/// The spec's NoteViewSet: create/list/retrieve, cursor pagination on `-id`, author from the request.
final class NoteViewSet: CreateListRetrieveModelViewSet<QuerySet<Note>> {
    override class var queryset: QuerySet<Note>? { Note.objects }
    override class var serializerClass: Serializer.Type? { NoteSerializer.self }
    override class var permissionClasses: [any Permission]? { [IsAuthenticatedOrReadOnly()] }
    override class var paginationClass: PaginatorFactory? { { CursorPagination(ordering: ["-id"], pageSize: 2) } }

    override func performCreate(_ serializer: Serializer) throws {
        try serializer.save(["author_id": request.user.pk])
    }
}

/// The three viewsets behind a DefaultRouter, with token authentication over the models.
func referenceApplication() throws -> Application {
    var router = DefaultRouter()
    try router.register("accounts", AccountViewSet.self, basename: "account")
    try router.register("public-accounts", PublicAccountViewSet.self, basename: "public-account")
    try router.register("notes", NoteViewSet.self)
    var settings = APISettings()
    settings.authenticationClasses = [TokenAuthentication(store: ModelTokenStore())]
    settings.permissionClasses = [IsAuthenticated()]
    settings.pageSize = 10
    settings.paginationClass = { PageNumberPagination(pageSizeQueryParam: "page_size", maxPageSize: 100) }
    return Application(urls: try URLConf([.include("api/", router)]), settings: settings)
}
