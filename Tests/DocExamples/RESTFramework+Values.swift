// The `///` examples of Sources/RESTFramework's JSON, Metadata, Query, Request, Response,
// Application, Support, Values, HTTP and Settings folders, compiled (DocCommentExampleTests
// finds them here).
import PostgreSQL
@testable import RESTFramework
@testable import RESTModels

// ActionsMetadataProviding
final class NoteForm: APIView, PostHandler, ActionsMetadataProviding {
    func post(_ request: Request) throws -> Response { Response(status: 201) }
    func serializerInfo(for method: HTTPMethod) throws -> JSON? {
        FieldInfo.describe([
            ("id", FieldInfo(name: "id", type: .integer, readOnly: true)),
            ("title", FieldInfo(name: "title", type: .string, required: true, maxLength: 200)),
        ])
    }
}

// RequestExtensionKey
func attach(_ connection: Connection, to request: Request) {
    enum DatabaseKey: RequestExtensionKey { typealias Value = Connection }
    request.extensions[DatabaseKey.self] = connection
    let connection = request.extensions[DatabaseKey.self]   // Connection?
    _ = connection
}


// SnapshotCache (package API, reached through `@testable import`)
enum SnapshotCacheExample {
    typealias AcceptEntry = ContentNegotiation.AcceptEntry
    static func parseAcceptList(_ header: String) -> [AcceptEntry] { ContentNegotiation.parseAcceptList(header) }

    private static let declared = SnapshotCache<ObjectIdentifier, [any SerializerField]>()
    static func of(_ type: Serializer.Type) -> [any SerializerField] {
        declared.value(for: type) { type.fields }
    }

    private static let acceptLists = SnapshotCache<[UInt8], [AcceptEntry]>(limit: 32)
    static func acceptList(_ header: String) -> [AcceptEntry] {
        acceptLists.value(forText: header, make: parseAcceptList)
    }
}

extension DocHost {
    // JSON, JSONParseError, JSONReader, JSONWriter, PythonUTF8, RenderedJSON
    func json(buffer: UnsafeBufferPointer<UInt8>) throws {
        let body: JSON = ["count": 2, "next": nil, "results": [["id": 1]]]
        JSONWriter.renderString(body)   // {"count":2,"next":null,"results":[{"id":1}]}

        do { _ = try JSON.parse(Array("[1,]".utf8)) } catch let error as JSONParseError {
            error.description   // "Expecting value: line 1 column 4 (char 3)"
        }

        var reader = JSONReader(text: buffer, maxDepth: 512)   // at `"a\u00e9"`
        try reader.string()                                     // "aé"

        try JSON.parse(Array(#"{"a": [1, 2.5, "\u00e9"]}"#.utf8))   // ["a": [1, 2.5, "é"]]
        try JSON.parse("[1,]")    // throws "Expecting value: line 1 column 4 (char 3)"

        JSONWriter.render(["a": 1, "b": "x/y"])            // {"a":1,"b":"x/y"}
        JSONWriter.render(["a": [1]], indent: 2)           // {\n  "a": [\n    1\n  ]\n}

        let bytes: [UInt8] = [0x7B, 0x7D, 0xE2, 0x82]   // "{}" + half a euro sign
        try bytes.withUnsafeBufferPointer { try PythonUTF8.decodableLength($0) }   // 2

        let object = JSONObject(rendered: Array(#"{"id":1,"url":"http://x/1/"}"#.utf8))
        RenderedJSON.lastValue(of: "url", in: object.renderedBytes!)   // "http://x/1/"
    }

    // FieldInfo
    func fieldInfo() {
        FieldInfo(name: "is_staff", type: .boolean).json
        // {"type":"boolean","required":false,"read_only":false,"label":"Is staff"}
        FieldInfo(name: "username", type: .string, required: true, maxLength: 150).json
        // {"type":"string","required":true,"read_only":false,"label":"Username","max_length":150}
    }

    // FieldValue coercion, InMemoryEvaluation, Predicate, OrderTerm, QueryValueError
    func query(row: some FieldReadable) throws {
        try FieldValue.string("42").coerced(like: .int(0), field: "id")     // .int(42)
        try FieldValue.string("1e30").coerced(like: .int(0), field: "id")   // throws cannotCoerce
        try FieldValue.string("99999999999999999999").coerced(like: .int(0), field: "id")
                                                                            // .double(.infinity): beyond every row

        try InMemoryEvaluation.matches(row, .field("id", .gt("41")))   // id > 41, "41" coerced

        let p: Predicate = .field("username", .icontains("ada")) || .field("email", .icontains("ada"))
        let q: Predicate = !.field("last_login", .isNull(true)) && .field("id", .gt(10))
        let r: Predicate = .field("created", .year(2024)) && .field("title", .iregex("^(draft|wip):"))
        _ = (p, q, r)

        try DateLookupBounds.day(.string("2024-01-31"), field: "created").start.iso8601  // "2024-01-31T00:00:00Z"
        try DateLookupBounds.year(.int(2024), field: "created").end.iso8601              // "2025-01-01T00:00:00Z"

        try RegexLookup("^a.c$", caseInsensitive: true, field: "name").matches("ABC")   // true

        OrderTerm("-last_login", nulls: .last)

        throw QueryValueError.cannotCoerce(field: "id", value: .string("abc"), to: "integer")
    }

    // InMemoryQuerySet
    func inMemory() throws {
        struct Row: FieldReadable {
            let id: Int64; let name: String
            func fieldValue(_ name: String) -> FieldValue? {
                switch name { case "id": .int(id); case "name": .string(self.name); default: nil }
            }
        }
        let rows = InMemoryQuerySet([Row(id: 1, name: "Ada"), Row(id: 2, name: "Alan")])
        try rows.filter(.field("name", .icontains("AL"))).orderBy("-id").all()   // [Alan]
    }

    // InMemoryQuerySet.values
    func inMemorySubquery<R: FieldReadable & Sendable>(memberships: InMemoryQuerySet<R>, accounts: InMemoryQuerySet<R>) {
        let memberOf = memberships.filter(.field("user_id", .exact(7))).values("account_id")
        accounts.filter(.inSubquery("id", memberOf))
    }

    // Request
    func makeRequest() {
        let request = Request(method: .get, path: "/api/users/", queryString: "page=2",
                              headers: ["Host": "example.com"])
        request.query["page"]     // "2"
    }

    // Response
    func passwordSet() -> Response {
        return Response(["status": "password set"])
        return Response(status: 204)
    }

    // Application
    func application() throws {
        var router = DefaultRouter()
        try router.register("users", UserViewSet.self)
        let app = Application(urls: try URLConf([.include("api/", router)]), settings: settings)
        let rendered = app.handle(request)
        _ = rendered
    }

    // ByteSearch, PythonDict
    func support() {
        ByteSearch.firstIndex(of: Array("--XyZ".utf8), in: body, from: 0)   // the first delimiter

        var dict = PythonDict<String, String>()
        dict.set("tag", "x"); dict.set("name", "J"); dict.set("tag", "y")
        dict.pairs   // [("tag", "y"), ("name", "J")]
    }

    // DateTime, FieldValue, IntegerText, PythonBase64, PythonText
    func values() {
        let t = DateTime(microsecondsSinceEpoch: 1_795_913_358_123_456)
        t.iso8601        // "2026-11-29T00:22:38.123456Z"  (no fraction when it is zero)
        DateTime.infinity.iso8601   // "infinity"
        DateTime(infinityText: " -Infinity ") == .negativeInfinity   // true

        let values: [String: FieldValue] = ["username": .string("ada"), "is_staff": .bool(false)]
        _ = values

        IntegerText(parsing: " +1_000 ")?.description    // "1000"
        IntegerText(parsing: "2.5")                      // nil
        (IntegerText(parsing: "99999999999999999999")! - 10).description   // "99999999999999999989"

        PythonBase64.decode(Array("dXNlcjpwYXNz".utf8))   // "user:pass" as bytes
        PythonBase64.decode(Array("dXN!lcjp\nwYXNz".utf8)) // the same: junk is skipped
        PythonBase64.decode(Array("dXNlcjpwYXN".utf8))    // nil: "Incorrect padding"

        PythonText.strip("\u{3000} 12 \n")      // "12"
        PythonText.str(FieldValue.bool(true))   // "True"
        PythonText.repr("it's")                 // "\"it's\"" (Django's messages use `%r`)
    }

    // HTTPMethod, Headers, PercentEncoding, QueryDict
    func http() {
        let method = HTTPMethod("patch")   // .patch
        method.isSafe                       // false

        var headers = Headers()
        headers["Content-Type"] = "application/json"
        headers["content-type"]   // "application/json"

        PercentEncoding.quote("/api/ü sers/", safe: "/")        // "/api/%C3%BC%20sers/"
        PercentEncoding.quote("a b,c", safe: "", plus: true)    // "a+b%2Cc"  (quote_plus)
        PercentEncoding.unquote("a+b%2Cc", plus: true)          // "a b,c"    (unquote_plus)

        QueryDict.fieldCount("a=1&b=2&&")   // 4

        let query = QueryDict(parsing: "page=2&search=a+b&tag=x&tag=y")
        query["page"]          // "2"   (Django: the last value)
        query.list("tag")      // ["x", "y"]
    }

    // APISettings, AllowedHosts, HostSyntax, SettingsExtensions
    func configure(tokens: InMemoryTokenStore, users: InMemoryUserStore) {
        do {
            var settings = APISettings()
            settings.authenticationClasses = [TokenAuthentication(store: tokens), BasicAuthentication(store: users)]
            settings.permissionClasses = [IsAuthenticated()]
        }

        settings.allowedHosts = ["api.example.com", ".example.org"]   // + example.org's subdomains
        settings.allowedHosts = ["*"]                                  // any well-formed host

        HostSyntax.split("Example.COM.:8000")      // domain "example.com", port "8000"
        HostSyntax.split("[::1]:8000")             // domain "[::1]", port "8000"
        HostSyntax.split("example.com@evil.tld")   // nil: not a host

        enum PasswordHasherSetting: SettingsExtensionKey { typealias Value = PasswordHasher }
        settings.extensions[PasswordHasherSetting.self] = PasswordHasher(iterations: 1_000)
        // in a view:
        let hasher = settings.extensions[PasswordHasherSetting.self] ?? PasswordHasher()
        _ = hasher
    }
}
