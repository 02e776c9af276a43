import Foundation
@testable import RESTFramework
import RESTTesting

// An in-memory "widgets" API built only from the generic views' public API, as the reference
// API's users/accounts/notes are: rows in a store, a serializer that writes to it, and viewsets.
// Each test gets its own store through a task local, so parallel tests never share rows.

/// One row; `pk` and `id` are the integer primary key (a non-integer lookup cannot be coerced).
struct Widget: FieldReadable, Sendable {
    var id: Int64
    var name: String
    var owner: Int64
    var secret = false

    func fieldValue(_ field: String) -> FieldValue? {
        switch field {
        case "pk", "id": .int(id)
        case "name": .string(name)
        case "owner": .int(owner)
        case "secret": .bool(secret)
        default: nil
        }
    }
}

/// The table. `@unchecked Sendable`: every access to `rows` and `nextID` holds `lock`.
final class WidgetStore: @unchecked Sendable {
    @TaskLocal static var current = WidgetStore()

    private let lock = NSLock()
    private var rows: [Widget]
    private var nextID: Int64

    init(_ rows: [Widget] = []) {
        self.rows = rows
        nextID = (rows.map(\.id).max() ?? 0) + 1
    }

    /// The reference API's shape: alice (2) owns 1 and 3, bob (3) owns 2, staff (1) owns a secret 4.
    static func seeded() -> WidgetStore {
        WidgetStore([
            Widget(id: 1, name: "anvil", owner: 2), Widget(id: 2, name: "bolt", owner: 3),
            Widget(id: 3, name: "cog", owner: 2), Widget(id: 4, name: "dynamo", owner: 1, secret: true),
        ])
    }

    var snapshot: [Widget] { lock.withLock { rows } }

    func insert(name: String, owner: Int64, secret: Bool) -> Widget {
        lock.withLock {
            let row = Widget(id: nextID, name: name, owner: owner, secret: secret)
            nextID += 1
            rows.append(row)
            return row
        }
    }

    func save(_ row: Widget) { lock.withLock { rows = rows.map { $0.id == row.id ? row : $0 } } }
    func delete(id: Int64) { lock.withLock { rows.removeAll { $0.id == id } } }
    func row(_ id: Int64) -> Widget? { snapshot.first { $0.id == id } }
}

/// What the model layer's `QuerySet<Widget>` would be: lazy over the current store, named, and
/// able to delete.
struct WidgetQuerySet: Queryable, DeletableQueryable, NamedQueryable {
    static let modelName = "Widget"
    private var base: InMemoryQuerySet<Widget>
    private let store: WidgetStore

    init(store: WidgetStore = WidgetStore.current) {
        self.store = store
        base = InMemoryQuerySet(store.snapshot)
    }

    func filter(_ predicate: RESTFramework.Predicate) -> WidgetQuerySet { with { $0.base = $0.base.filter(predicate) } }
    func exclude(_ predicate: RESTFramework.Predicate) -> WidgetQuerySet { with { $0.base = $0.base.exclude(predicate) } }
    func orderBy(_ terms: [OrderTerm]) -> WidgetQuerySet { with { $0.base = $0.base.orderBy(terms) } }
    var ordering: [OrderTerm] { base.ordering }
    func count() throws -> Int { try base.count() }
    func fetch(offset: Int, limit: Int?) throws -> [Widget] { try base.fetch(offset: offset, limit: limit) }
    func delete(_ object: Widget) throws { store.delete(id: object.id) }

    private func with(_ change: (inout WidgetQuerySet) -> Void) -> WidgetQuerySet {
        var copy = self
        change(&copy)
        return copy
    }
}

// MARK: - Serializers

final class WidgetSerializer: Serializer {
    override class var fields: [any SerializerField] {
        [
            HyperlinkedIdentityField("url", viewName: "widget-detail"),
            IntegerField("id", readOnly: true),
            CharField("name", maxLength: 50),
            IntegerField("owner", readOnly: true),
            BooleanField("secret", required: false),
        ]
    }

    override func create(_ attrs: ValidatedData) throws -> any FieldReadable {
        WidgetStore.current.insert(
            name: attrs["name"]?.stringValue ?? "", owner: attrs["owner"]?.intValue ?? 0,
            secret: attrs["secret"]?.boolValue ?? false)
    }

    /// Changes only what was validated: PUT leaves an omitted optional field as it was.
    override func update(_ instance: any FieldReadable, _ attrs: ValidatedData) throws -> any FieldReadable {
        var row = instance as! Widget
        if let name = attrs["name"]?.stringValue { row.name = name }
        if let secret = attrs["secret"]?.boolValue { row.secret = secret }
        WidgetStore.current.save(row)
        return row
    }
}

/// A second serializer, for per-action overrides.
final class BriefWidgetSerializer: Serializer {
    override class var fields: [any SerializerField] { [IntegerField("id", readOnly: true), CharField("name")] }

    override func create(_ attrs: ValidatedData) throws -> any FieldReadable {
        WidgetStore.current.insert(name: attrs["name"]?.stringValue ?? "", owner: attrs["owner"]?.intValue ?? 0, secret: false)
    }

    override func update(_ instance: any FieldReadable, _ attrs: ValidatedData) throws -> any FieldReadable {
        var row = instance as! Widget
        if let name = attrs["name"]?.stringValue { row.name = name }
        WidgetStore.current.save(row)
        return row
    }
}

// MARK: - Users and permissions

struct WidgetUser: RequestUser {
    let pk: FieldValue
    let username: String
    let isStaff: Bool
    var isActive: Bool { true }
}

/// `Authorization: Token <name>`: staff (pk 1), alice (2), bob (3), reader (5, read-only).
struct WidgetTokens: Authentication {
    static let users: [String: FieldValue] = ["staff": 1, "alice": 2, "bob": 3, "reader": 5]
    func authenticate(_ request: Request) throws -> AuthenticationResult? {
        guard let header = request.headers["Authorization"], header.hasPrefix("Token ") else { return nil }
        let key = String(header.dropFirst(6))
        guard let pk = Self.users[key] else { throw AuthenticationFailed("Invalid token.") }
        return AuthenticationResult(user: WidgetUser(pk: pk, username: key, isStaff: key == "staff"), auth: key)
    }
    func authenticateHeader(_ request: Request) -> String? { "Token" }
}

/// `reader` may only read; secret widgets are staff's only; writes need the owner or staff.
struct WidgetRules: Permission {
    func hasPermission(_ request: Request, view: APIView) throws -> Bool {
        request.method.isSafe || request.user.username != "reader"
    }
    func hasObjectPermission(_ request: Request, view: APIView, object: Any) throws -> Bool {
        guard let widget = object as? Widget else { return false }
        if request.user.isStaff { return true }
        if widget.secret { return false }
        return request.method.isSafe || .int(widget.owner) == request.user.pk
    }
}

// MARK: - Viewsets

/// The reference API's UserViewSet, on widgets: a ModelViewSet with a class-level queryset,
/// `performCreate` setting the owner, and extra actions that use the generic helpers.
class WidgetViewSet: ModelViewSet<WidgetQuerySet> {
    override class var queryset: WidgetQuerySet? { WidgetQuerySet().orderBy("id") }
    override class var serializerClass: Serializer.Type? { WidgetSerializer.self }
    override class var permissionClasses: [any Permission]? { [IsAuthenticated(), WidgetRules()] }
    override class var extraActions: [ExtraAction] {
        [
            // `recent_users`: another ordering, the viewset's paginator, the viewset's serializer.
            .action("recent", detail: false) { (view: WidgetViewSet, request) in try view.recent(request) },
            // Everything overridden for one action: serializer, paginator, permissions.
            .action(
                "brief", detail: false, permissionClasses: [AllowAny()],
                configure: { (view: WidgetViewSet) in
                    view.serializerClass = BriefWidgetSerializer.self
                    view.paginationClass = NoPagination.factory
                }
            ) { (view: WidgetViewSet, request) in try view.listModel(request) },
            // `members`: a detail action paginating with another paginator class.
            .action(
                "siblings", detail: true,
                configure: { (view: WidgetViewSet) in
                    view.paginationClass = { LimitOffsetPagination() }
                }
            ) { (view: WidgetViewSet, request) in try view.siblings(request) },
        ]
    }

    override func performCreate(_ serializer: Serializer) throws {
        try serializer.save(["owner": request.user.pk])
    }

    func recent(_ request: Request) throws -> Response {
        let rows = try filterQueryset(getQueryset()).orderBy("-id")
        guard let page = try paginateQueryset(rows) else { return Response(try getSerializer(many: rows.all()).data) }
        return try getPaginatedResponse(getSerializer(many: page).data)
    }

    /// The widgets of the same owner, after the usual object checks.
    func siblings(_ request: Request) throws -> Response {
        let widget = try getObject()
        let rows = try getQueryset().filter(.field("owner", .exact(.int(widget.owner))))
        let page = try paginateQueryset(rows) ?? []
        return try getPaginatedResponse(getSerializer(many: page).data)
    }
}

/// A subclass overriding an action and a hook: both must be what runs.
final class AuditedWidgetViewSet: WidgetViewSet {
    override func list(_ request: Request) throws -> Response {
        var response = try super.list(request)
        response.headers["X-Audited"] = "list"
        return response
    }

    override func performCreate(_ serializer: Serializer) throws {
        try serializer.save(["owner": request.user.pk, "secret": .bool(true)])
    }
}

/// The reference API's AccountViewSet: no class-level queryset, `getQueryset` scoped to the user.
final class MyWidgetViewSet: ModelViewSet<WidgetQuerySet> {
    override class var serializerClass: Serializer.Type? { WidgetSerializer.self }
    override func getQueryset() throws -> WidgetQuerySet {
        WidgetQuerySet().filter(.field("owner", .exact(request.user.pk))).orderBy("id")
    }
}

/// The reference API's PublicAccountViewSet: read-only, open, searchable.
final class PublicWidgetViewSet: ReadOnlyModelViewSet<WidgetQuerySet>, SearchableView {
    override class var queryset: WidgetQuerySet? { WidgetQuerySet().filter(.field("secret", .exact(.bool(false)))).orderBy("id") }
    override class var serializerClass: Serializer.Type? { BriefWidgetSerializer.self }
    override class var permissionClasses: [any Permission]? { [AllowAny()] }
    override class var filterBackends: [any FilterBackend]? { [SearchFilter()] }
    var searchFields: [String] { ["name"] }
}

/// Looked up by name: the class property a subclass overrides must be what `getObject` reads.
final class WidgetByNameViewSet: ReadOnlyModelViewSet<WidgetQuerySet> {
    override class var queryset: WidgetQuerySet? { WidgetQuerySet() }
    override class var serializerClass: Serializer.Type? { BriefWidgetSerializer.self }
    override class var lookupField: String { "name" }
    override class var lookupURLKwarg: String? { "widget_name" }
}

/// A base class whose extra action runs the hooks typed as the base: the subclass below only
/// overrides `lookupField`, which every hook must read (class context, not a protocol's `Self`).
class WidgetLookupBaseViewSet: ReadOnlyModelViewSet<WidgetQuerySet> {
    override class var queryset: WidgetQuerySet? { WidgetQuerySet() }
    override class var serializerClass: Serializer.Type? { BriefWidgetSerializer.self }
    override class var extraActions: [ExtraAction] {
        [
            .action("again", detail: true) { (view: WidgetLookupBaseViewSet, request) in try view.retrieveModel(request) }
        ]
    }
}

final class WidgetLookupByNameViewSet: WidgetLookupBaseViewSet {
    override class var lookupField: String { "name" }
}

/// The reference API's custom composition (DRF's docs example). The mixins have no default
/// actions: without these three methods the class does not compile.
open class CreateListRetrieveViewSet<Q: Queryable>: GenericViewSet<Q>, CreateModelMixin, ListModelMixin,
    RetrieveModelMixin
{
    open func create(_ request: Request) throws -> Response { try createModel(request) }
    open func list(_ request: Request) throws -> Response { try listModel(request) }
    open func retrieve(_ request: Request) throws -> Response { try retrieveModel(request) }
}

/// The reference API's NoteViewSet, on widgets.
final class WidgetNoteViewSet: CreateListRetrieveViewSet<WidgetQuerySet> {
    override class var queryset: WidgetQuerySet? { WidgetQuerySet().orderBy("-id") }
    override class var serializerClass: Serializer.Type? { BriefWidgetSerializer.self }
    override class var permissionClasses: [any Permission]? { [IsAuthenticatedOrReadOnly()] }

    override func create(_ request: Request) throws -> Response {
        var response = try super.create(request)
        response.headers["X-Created-By"] = request.user.username
        return response
    }

    override func performCreate(_ serializer: Serializer) throws {
        try serializer.save(["owner": request.user.pk])
    }
}

/// What used to be a silent mistake: a subclass's `list` over a composition that left `list`
/// to the mixin's protocol extension was a new method the router never called. The mixins have
/// no defaults now, so the composition declares `list`, and this must be an `override`.
final class OverridingWidgetNoteViewSet: CreateListRetrieveViewSet<WidgetQuerySet> {
    override class var queryset: WidgetQuerySet? { WidgetQuerySet().orderBy("-id") }
    override class var serializerClass: Serializer.Type? { BriefWidgetSerializer.self }
    override func list(_ request: Request) throws -> Response { Response(["overridden": true]) }
}

/// Misconfigured on purpose: neither `queryset` nor `getQueryset()`.
final class QuerysetlessWidgetViewSet: ModelViewSet<WidgetQuerySet> {
    override class var serializerClass: Serializer.Type? { WidgetSerializer.self }
}

/// Over a queryset that cannot delete, named only through `querysetModelName`.
final class PlainWidgetViewSet: ModelViewSet<InMemoryQuerySet<Widget>> {
    override class var querysetModelName: String? { "Gizmo" }
    override class var queryset: InMemoryQuerySet<Widget>? { InMemoryQuerySet(WidgetStore.current.snapshot) }
    override class var serializerClass: Serializer.Type? { WidgetSerializer.self }
}

// MARK: - The application

/// Log lines of unhandled errors. `@unchecked Sendable`: `lines` is only touched under `lock`.
final class WidgetErrorLog: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [String] = []
    func append(_ line: String) { lock.withLock { storage.append(line) } }
    var lines: [String] { lock.withLock { storage } }
}

/// The widgets API behind a DefaultRouter at `api/`, and a way to send it requests against a
/// store of the test's own.
struct WidgetAPI {
    let app: Application
    let store: WidgetStore
    let log: WidgetErrorLog

    init(store: WidgetStore = .seeded(), pageSize: Int? = 2, customize: (inout APISettings) -> Void = { _ in }) throws {
        var router = DefaultRouter()
        try router.register("widgets", WidgetViewSet.self)
        try router.register("audited-widgets", AuditedWidgetViewSet.self, basename: "audited-widget")
        try router.register("my-widgets", MyWidgetViewSet.self, basename: "my-widget")
        try router.register("public-widgets", PublicWidgetViewSet.self, basename: "public-widget")
        try router.register("widget-notes", WidgetNoteViewSet.self, basename: "widget-note")
        try router.register("broken-widgets", QuerysetlessWidgetViewSet.self, basename: "broken-widget")
        try router.register("plain-widgets", PlainWidgetViewSet.self, basename: "plain-widget")
        try router.register("overriding-notes", OverridingWidgetNoteViewSet.self, basename: "overriding-note")
        try router.register("widgets-by-name", WidgetByNameViewSet.self, basename: "widget-by-name")
        try router.register("widgets-named", WidgetLookupByNameViewSet.self, basename: "widget-named")
        var settings = APISettings()
        settings.authenticationClasses = [WidgetTokens()]
        settings.permissionClasses = [IsAuthenticated()]
        settings.pageSize = pageSize
        settings.paginationClass = { PageNumberPagination(pageSizeQueryParam: "page_size", maxPageSize: 100) }
        let log = WidgetErrorLog()
        self.log = log
        settings.errorLog = { log.append($0) }
        customize(&settings)
        app = Application(urls: try URLConf([.include("api/", router)]), settings: settings)
        self.store = store
    }

    /// Through RESTTesting's client, inside this fixture's widget store.
    func send(
        _ method: HTTPMethod, _ path: String, query: String = "", token: String? = nil, json: String? = nil,
        contentType: String? = nil, body: String? = nil
    ) -> TestResponse {
        let client = APIClient(app)
        if let token { client.credentials(token: token) }
        let target = query.isEmpty ? path : path + "?" + query
        let type = contentType ?? (json != nil ? "application/json" : nil)
        return WidgetStore.$current.withValue(store) { client.generic(method, target, body: json ?? body ?? "", contentType: type) }
    }
}
