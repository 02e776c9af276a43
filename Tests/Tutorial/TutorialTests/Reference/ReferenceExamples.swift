// The examples of docs/framework.md, compiled: each ```swift block there is copied from this
// file (MarkdownSnippetTests checks it), and ReferenceExampleTests runs the ones that need no database.
import Logging
import PostgreSQL
import RESTFramework
import RESTModels
import RESTServer

// MARK: - Views

final class PingView: APIView, GetHandler, PostHandler {
    override class var permissionClasses: [any Permission]? { [AllowAny()] }

    func get(_ request: Request) throws -> Response {
        Response(["pong": true, "page": .string(request.query["page"] ?? "1")])
    }

    func post(_ request: Request) throws -> Response {
        let data = try request.data                     // parsed by the negotiated parser
        return Response(["echo": data], status: 201)
    }
}

// MARK: - Logging

final class ExportViewSet: ViewSet, ListAction {
    func list(_ request: Request) throws -> Response {
        let rows = ["ada", "grace"]
        request.logger.info("export listed", metadata: ["rows": "\(rows.count)"])
        request.logger.debug("export rows: \(rows)")   // only with --log-level debug or trace
        return Response(["rows": .int(Int64(rows.count))])
    }
}

// MARK: - Headers

func headersExample() -> (headers: Headers, type: String?, cookies: [String]) {
    var headers: Headers = ["Content-Type": "application/json"]
    headers.add("Set-Cookie", "a=1")
    headers.add("Set-Cookie", "b=2")
    headers["Vary"] = "Accept"                  // replaces every `Vary`, in the first one's place
    let type = headers["content-type"]          // "application/json"
    let cookies = headers.values("set-cookie")  // ["a=1", "b=2"]
    return (headers, type, cookies)
}

// MARK: - ViewSets

final class GreetingViewSet: ViewSet, ListAction, RetrieveAction {
    static let greetings = ["hello", "bonjour", "hallo"]

    func list(_ request: Request) throws -> Response {
        Response(.array(Self.greetings.map { .string($0) }))
    }

    func retrieve(_ request: Request) throws -> Response {
        guard let index = Int(kwargs["pk"] ?? ""), Self.greetings.indices.contains(index) else { throw NotFound() }
        return Response(["greeting": .string(Self.greetings[index])])
    }
}

// MARK: - Models

struct Book: Model {
    var id: Int64
    var title: String
    var authorID: Int64
    var authorName: String
    var published: Bool
    var created: DateTime

    static let tableName = "books"
    static let ordering = [OrderTerm("-created")]
    static let fields = Fields(
        Book.init,  // the memberwise initializer: one field per property, in order
        Field("id", \.id), Field("title", \.title),
        Field("author_id", \.authorID, references: "authors"),
        // Read-only, computed in the same SELECT: no query per row.
        .annotation("author_name", \.authorName, sql: "SELECT name FROM authors WHERE authors.id = books.author_id"),
        Field("published", \.published), Field("created", \.created))
}

struct Author: Model {
    var id: Int64
    var name: String

    static let tableName = "authors"
    static let fields = Fields(Author.init, Field("id", \.id), Field("name", \.name))
}

/// A queryset, composed lazily and run as one parameterized statement.
func recentBooks(by authorID: Int64, on connection: Connection) throws -> [Book] {
    try Book.objects(on: connection)
        .filter(.field("author_id", .exact(.int(authorID))) && .field("published", .exact(true)))
        .exclude(.field("title", .istartswith("draft")))
        .orderBy("-created", "id")
        .limit(10)
        .all()
}

/// Subqueries: the books of authors whose name contains "le".
func booksOfAuthorsNamedLike(on connection: Connection) throws -> Int {
    let authors = Author.objects.filter(.field("name", .icontains("le"))).values("id")
    return try Book.objects(on: connection).filter(.inSubquery("author_id", authors)).count()
}

/// A small set that depends on a parameter, matched as an array (one generic plan for any name).
func booksOfAuthorsNamed(_ name: String, on connection: Connection) throws -> [Book] {
    let authors = Author.objects.filter(.field("name", .exact(.string(name)))).values("id")
    return try Book.objects(on: connection).filter(.inSubquery("author_id", authors.asArray())).all()
}

/// Newer lookups: year, date, iregex, iendswith, range.
func draftsOf2024(on connection: Connection) throws -> [Book] {
    try Book.objects(on: connection)
        .filter(.field("created", .year(2024)) || .field("created", .date("2025-01-31")))
        .filter(.field("title", .iregex("^(draft|wip):")) && !.field("title", .iendswith("(old)")))
        .filter(.field("id", .range(10, 99)))
        .all()
}

// MARK: - Serializers

// MARK: - Column types

func columnTypesExample(on connection: Connection) throws -> (DecimalNumber, CalendarDuration, [String?]) {
    let row = try connection.query(
        "SELECT $1::numeric * 2, interval '1 mon -2 days 03:00', ARRAY['a,b', NULL]",
        DecimalNumber("12345678901234567890.123456789012345678"))[0]
    let total = try row[0, as: DecimalNumber.self]     // 24691357802469135780.246913578024691356
    let grace = try row[1, as: CalendarDuration.self]    // months 1, days -2, microseconds 10_800_000_000
    let tags = try row[2, as: [String?].self]            // ["a,b", nil]
    try connection.execute("UPDATE plans SET grace = $1, starts = $2 WHERE id = $3",
                           grace, CalendarDate(year: 2024, month: 2, day: 29), Int64(7))
    return (total, grace, tags)
}

final class BookSerializer: ModelSerializer<Book> {
    override class var fields: [any SerializerField] {
        [HyperlinkedIdentityField("url", viewName: "book-detail"),
         IntegerField("id", readOnly: true),
         CharField("title", maxLength: 200, validators: [
             UniqueValidator(Book.objects, message: "A book with that title already exists."),
         ]),
         PrimaryKeyRelatedField("author_id", lookup: ModelRelatedLookup(Author.objects)),
         ReadOnlyField("author_name"),
         BooleanField("published", required: false, default: false),
         DateTimeField("created", readOnly: true)]
    }

    /// DRF's `validate_<field>`.
    override func validateField(_ name: String, value: FieldValue) throws -> FieldValue {
        if name == "title", value.stringValue?.lowercased() == "untitled" {
            throw ValidationError("Give the book a title.")
        }
        return value
    }

    /// DRF's `validate(attrs)`: whole-object rules; errors go under `non_field_errors`.
    override func validate(_ attrs: ValidatedData) throws -> ValidatedData {
        if attrs["published"] == true, attrs["title"]?.stringValue?.hasPrefix("Draft") == true {
            throw ValidationError("A draft cannot be published.")
        }
        return attrs
    }
}

/// A plain serializer: no model, `create` written by hand.
final class ContactSerializer: Serializer {
    override class var fields: [any SerializerField] {
        [CharField("name", maxLength: 100),
         EmailField("email", maxLength: 254),
         IntegerField("age", required: false, maxValue: 150, minValue: 0),
         CharField("code", required: false, validators: [RegexValidator(#"^[A-Z]{3}\d{2}\Z"#, message: "Enter a code like ABC12.")])]
    }

    override func create(_ validatedData: ValidatedData) throws -> any FieldReadable { validatedData }
}

func validateContact(_ json: JSON) throws -> JSON {
    let serializer = ContactSerializer(data: json)
    guard try serializer.isValid() else { return serializer.errors }   // {"email":["Enter a valid email address."]}
    return try serializer.data
}

/// `super.toRepresentation` then a change: the rendered object turns into pairs.
final class BadgeSerializer: Serializer {
    override class var fields: [any SerializerField] { [CharField("name", maxLength: 100)] }

    override func toRepresentation(_ instance: any FieldReadable) throws -> JSON {
        guard case .object(var object) = try super.toRepresentation(instance) else { return .null }
        object["badge"] = "gold"
        return .object(object)
    }
}

// MARK: - Permissions

/// Object level: only the author may change a book; anyone may read.
struct IsAuthorOrReadOnly: Permission {
    let message = "Only the author may change this book."

    func hasObjectPermission(_ request: Request, view: APIView, object: Any) throws -> Bool {
        if request.method.isSafe { return true }
        return (object as? Book).map { FieldValue.int($0.authorID) == request.user.pk } ?? false
    }
}

let staffOrAuthor: [any Permission] = [IsAuthenticated() & (IsAdminUser() | IsAuthorOrReadOnly())]
let notStaff: [any Permission] = [!IsAdminUser()]
let politeRefusal: [any Permission] = [IsAdminUser().withMessage("Staff only.", code: "staff_only")]

// MARK: - Generic views and viewsets

final class BookViewSet: ModelViewSet<QuerySet<Book>>, SearchableView, OrderableView {
    override class var queryset: QuerySet<Book>? { Book.objects }
    override class var serializerClass: Serializer.Type? { BookSerializer.self }
    override class var permissionClasses: [any Permission]? { [IsAuthenticatedOrReadOnly(), IsAuthorOrReadOnly()] }
    override class var paginationClass: PaginatorFactory? { { LimitOffsetPagination(defaultLimit: 20, maxLimit: 100) } }
    override class var filterBackends: [any FilterBackend]? { [SearchFilter(), OrderingFilter()] }

    var searchFields: [String] { ["title", "^author_name"] }
    var orderingFields: [String]? { ["title", "created"] }
    var ordering: [String]? { ["-created"] }

    override class var extraActions: [ExtraAction] {[
        .action("publish", detail: true, methods: [.post],
                permissionClasses: [IsAuthenticated() & IsAuthorOrReadOnly()]) { (view: BookViewSet, request) in
            let book = try view.getObject()
            let published = try Book.objects(on: request).update(book, with: ["published": true])
            return Response(try view.getSerializer(published).data)
        },
        .action("drafts", detail: false) { (view: BookViewSet, request) in
            let drafts = try view.filterQueryset(view.getQueryset()).filter(.field("published", .exact(false)))
            if let page = try view.paginateQueryset(drafts) {
                return try view.getPaginatedResponse(view.getSerializer(many: page).data)
            }
            return Response(try view.getSerializer(many: drafts.all()).data)
        },
    ]}

    /// Only published books, unless you wrote them.
    override func getQueryset() throws -> QuerySet<Book> {
        let published: Predicate = .field("published", .exact(true))
        guard request.user.isAuthenticated else { return try super.getQueryset().filter(published) }
        return try super.getQueryset().filter(published || .field("author_id", .exact(request.user.pk)))
    }

    /// The author is whoever is logged in.
    override func performCreate(_ serializer: Serializer) throws {
        try serializer.save(["author_id": request.user.pk])
    }

    /// `ModelViewSet` declares its actions in the class body, so this override is dispatched.
    override func destroy(_ request: Request) throws -> Response {
        let response = try super.destroy(request)
        return response
    }
}

/// A custom composition of the mixins (DRF's `mixins.CreateModelMixin, ..., GenericViewSet`).
/// The mixins have no default actions: the class declares them, and a subclass overrides them.
open class CreateListRetrieveViewSet<Q: Queryable>: GenericViewSet<Q>, CreateModelMixin, ListModelMixin, RetrieveModelMixin {
    open func create(_ request: Request) throws -> Response { try createModel(request) }
    open func list(_ request: Request) throws -> Response { try listModel(request) }
    open func retrieve(_ request: Request) throws -> Response { try retrieveModel(request) }
}

/// Per-action permissions over the typed actions.
final class ShelfViewSet: ModelViewSet<QuerySet<Book>> {
    override class var queryset: QuerySet<Book>? { Book.objects }
    override class var serializerClass: Serializer.Type? { BookSerializer.self }

    override func getPermissions() -> [any Permission] {
        switch action {
        case .list, .retrieve, .extra("drafts"):
            return [AllowAny()]
        case .extra("publish"):
            return [IsAuthenticated(), IsAuthorOrReadOnly()]
        default:
            return [IsAuthenticated()]
        }
    }
}

final class AuthorList: ListCreateAPIView<QuerySet<Author>> {
    override class var queryset: QuerySet<Author>? { Author.objects.orderBy("name") }
    override class var serializerClass: Serializer.Type? { AuthorSerializer.self }
}

final class AuthorSerializer: ModelSerializer<Author> {
    override class var fields: [any SerializerField] {
        [IntegerField("id", readOnly: true), CharField("name", maxLength: 100)]
    }
}

// MARK: - Filters

/// A filter backend of your own: `?published=true|false`.
struct PublishedFilter: FilterBackend {
    func filterQueryset<Q: Queryable>(_ request: Request, _ queryset: Q, view: APIView) throws -> Q {
        guard let value = request.query["published"] else { return queryset }
        return queryset.filter(.field("published", .exact(.bool(value == "true"))))
    }
}

extension PublishedFilter {
    /// A select of any / yes / no, the current choice selected.
    func toHTML<Q: Queryable>(_ request: Request, _ queryset: Q, view: APIView, into html: inout HTMLWriter) {
        let current = request.query["published"] ?? ""
        html.markup("<div class=\"filter published\"><h3>Published</h3>")
        html.open("form", [("method", "GET"), ("action", request.path)])
        html.open("select", [("name", "published")])
        for (value, label) in [("", "Any"), ("true", "Yes"), ("false", "No")] {
            html.element("option", [("value", value)] + (value == current ? [("selected", "selected")] : []), text: label)
        }
        html.close("select")
        html.markup("<button type=\"submit\" class=\"btn\">Filter</button></form></div>")
    }
}

/// django-filter's `filterset_fields`, then search, then ordering.
final class BookFilterViewSet: ReadOnlyModelViewSet<QuerySet<Book>>, FilterableView, SearchableView {
    override class var queryset: QuerySet<Book>? { Book.objects.orderBy("id") }
    override class var serializerClass: Serializer.Type? { BookSerializer.self }
    override class var filterBackends: [any FilterBackend]? { [DjangoFilterBackend(), SearchFilter(), OrderingFilter()] }

    var filtersetFields: FiltersetFields {
        ["published": ["exact"], "author": ["exact", "in"], "created": ["gte", "lte"], "title": ["icontains"]]
    }
    var searchFields: [String] { ["title"] }
}

// MARK: - Authentication

struct AppUser: RequestUser {
    let id: Int64
    let username: String
    let isStaff: Bool
    let isActive: Bool
    var pk: FieldValue { .int(id) }
}

/// `Authorization: Token <key>` against an `auth_tokens` table.
struct SQLTokenStore: TokenStore {
    func user(forToken key: String, request: Request) throws -> (any RequestUser)? {
        let rows = try request.database.query(
            "SELECT u.id, u.username, u.is_staff, u.is_active FROM auth_tokens t JOIN users u ON u.id = t.user_id WHERE t.key = $1", key)
        guard let row = rows.first else { return nil }
        return AppUser(id: try row["id"], username: try row["username"], isStaff: try row["is_staff"],
                       isActive: try row["is_active"])
    }
}

func authenticationSettings() -> APISettings {
    let hasher = PasswordHasher()                                   // Django's PBKDF2, 1,000,000 iterations
    let ada = AppUser(id: 1, username: "ada", isStaff: false, isActive: true)
    let users = InMemoryUserStore([(ada, hasher.makePassword("correct horse"))])
    var settings = APISettings()
    settings.authenticationClasses = [TokenAuthentication(store: SQLTokenStore()),
                                      BasicAuthentication(store: users, hasher: hasher)]
    settings.permissionClasses = [IsAuthenticated()]
    return settings
}

/// Sessions for the browsable API: token and Basic first, sessions last.
func sessionSettings(users: InMemoryUserStore, hasher: PasswordHasher) -> APISettings {
    var sessions = Sessions(secretKey: "from SRF_SECRET_KEY, never the source", store: DatabaseSessionStore(),
                            users: users, hasher: hasher)
    sessions.loginRedirectURL = "/api/"                                 // Django's LOGIN_REDIRECT_URL
    var settings = APISettings()
    settings.authenticationClasses = [TokenAuthentication(store: SQLTokenStore()),
                                      BasicAuthentication(store: users, hasher: hasher),
                                      SessionAuthentication(sessions)]   // last: a 401 keeps `Token`
    return settings
}

func sessionURLs(router: DefaultRouter) throws -> URLConf {
    try URLConf([
        .include("api/", router),
        .path("api/auth/login/", LoginView.asView(), name: "login"),     // rest_framework.urls
        .path("api/auth/logout/", LogoutView.asView(), name: "logout"),
    ])
}

// MARK: - Routers and URL confs

func bookURLs() throws -> URLConf {
    var router = DefaultRouter()
    try router.register("books", BookViewSet.self)                           // basename "book", from the model
    try router.register("greetings", GreetingViewSet.self, basename: "greeting")  // no queryset: basename given
    return try URLConf([
        .include("api/", router),
        .path("api/authors/", AuthorList.asView(), name: "author-list"),
        .path("api/ping/", PingView.asView(), name: "ping"),
        .path("api/hello/", GreetingViewSet.asView([.get: .list]), name: "hello"),
    ])
}

/// Links from inside a view or an extra action.
final class LinksView: APIView, GetHandler {
    func get(_ request: Request) throws -> Response {
        Response(["books": .string(try reverse("book-list")),
                  "first": .string(try reverse("book-detail", kwargs: ["pk": "1"])),
                  "ping": .string(try reverse("ping", format: "json"))])
    }
}

// MARK: - Exceptions

struct PaymentRequired: MessageAPIException {
    static let defaultStatus = 402, defaultDetail = "Payment required.", defaultCode = "payment_required"
    let message: String, code: String
    init(_ message: String? = nil) { self.message = message ?? Self.defaultDetail; code = Self.defaultCode }
}

func exceptionSettings() -> APISettings {
    var settings = APISettings()
    settings.exceptionHandler = { error, view in
        guard var response = defaultExceptionHandler(error, view) else { return nil }   // nil: a 500
        response.headers["X-Error-Code"] = (error as? any APIException)?.code
        return response
    }
    settings.errorLog = { line in print(line) }
    return settings
}

// MARK: - Parsers and renderers

/// A renderer of your own: plain text for `Accept: text/plain` or `?format=txt`.
struct PlainTextRenderer: Renderer {
    var mediaType: String { "text/plain" }
    var format: String { "txt" }
    var charset: String? { "utf-8" }
    func render(_ data: JSON?, acceptedMediaType: String?, request: Request?) -> [UInt8] {
        Array((data.map { JSONWriter.renderString($0) } ?? "").utf8)
    }
}

func negotiationSettings() -> APISettings {
    var settings = APISettings()
    settings.parserClasses = [JSONParser()]                          // only JSON bodies; others 415
    settings.rendererClasses = [JSONRenderer(), PlainTextRenderer()]
    return settings
}

func browsableAPISettings() -> APISettings {
    var settings = APISettings()
    // DRF's defaults already (JSON, then the page); here with links to the session views.
    settings.rendererClasses = [
        JSONRenderer(),
        BrowsableAPIRenderer(loginURL: "/api/auth/login/", logoutURL: "/api/auth/logout/"),
    ]
    return settings
}

/// A view that stays JSON only, as DRF's `ObtainAuthToken`: `text/html` is a 406 there.
final class TokenExchange: APIView, PostHandler {
    override class var rendererClasses: [any Renderer]? { [JSONRenderer()] }
    func post(_ request: Request) throws -> Response { Response(["token": "..."]) }
}

// MARK: - Pagination

func paginationSettings() -> APISettings {
    var settings = APISettings()
    settings.pageSize = 10
    settings.paginationClass = { PageNumberPagination(pageSizeQueryParam: "page_size", maxPageSize: 100) }
    return settings
}

let cheapPages: PaginatorFactory = { PageNumberPagination(countStrategy: .estimated) }
let endlessPages: PaginatorFactory = { LimitOffsetPagination(defaultLimit: 50, countStrategy: .none) }
let feedPages: PaginatorFactory = { CursorPagination(ordering: ["-created"], pageSize: 20) }

// MARK: - Allowed hosts

func productionSettings() -> APISettings {
    var settings = authenticationSettings()
    settings.allowedHosts = ["api.example.com", ".example.org"]   // example.org and its subdomains
    return settings
}

// MARK: - Serving

enum BookAPI {
    static func application() throws -> Application {
        Application(urls: try bookURLs(), settings: authenticationSettings())
    }
}

/// What `main.swift` of an API executable holds (here in a function: a test target has no main).
func runBookAPI() -> Never {
    APIServerMain.run(program: "book-api") { try BookAPI.application() }
}

enum ProjectStatus: String, ColumnEnum {
    case planned, active, done
}

enum TaskPriority: Int16, ColumnEnum {
    case high = 1, normal = 2, low = 3

    var displayName: String {
        switch self {
        case .high: "High"
        case .normal: "Normal"
        case .low: "Low"
        }
    }
}

struct Milestone: Model {
    var id: Int64
    var status: ProjectStatus
    var priority: TaskPriority?

    static let tableName = "milestones"
    static let columns: [Column<Milestone>] = [
        Column("id", \.id), Column("status", \.status), Column("priority", \.priority),
    ]

    init(row: ModelRow) throws {
        id = try row["id"]
        status = try row["status"]
        priority = try row["priority"]
    }
}
