import PostgreSQL
import RESTFramework
import RESTModels
import RESTTesting
import TestSupport
import Testing

/// Offsets and limits come from requests (`?offset=`, `?limit=`, `?page=` times `?page_size=`, a
/// cursor's `o`): any `Int` must be a slice, never a trap, and reach PostgreSQL's bigint
/// LIMIT/OFFSET in range, also when the queryset was sliced before a paginator slices it again.
@Suite(.needsTestsRun) struct SliceBoundsTests {
    @Test func slicingASliceSaturatesAtIntMax() {
        let sliced = User.objects.orderBy("id").offset(1)
        #expect(sliced.offset(Int.max).query.offset == Int.max)
        #expect(sliced.offset(Int.max - 1).query.offset == Int.max)
        #expect(sliced.offset(Int.max - 2).query.offset == Int.max - 1)
        let page = sliced.limit(5)[Int.max - 1..<Int.max]
        #expect(page.query.offset == Int.max && page.query.limit == 0)
    }

    @Test func slicesAtTheEdgesOfBigint() throws {
        try withModelsDatabase { connection, _ in
            try seedUsers(connection)
            let users = User.objects(on: connection).orderBy("id")
            #expect(try users.fetch(offset: 1, limit: Int.max).map(\.id) == [2, 3, 4])
            #expect(try users.fetch(offset: Int.max, limit: Int.max).isEmpty)
            #expect(try users.offset(1).fetch(offset: 1, limit: Int.max).map(\.id) == [3, 4])
            #expect(try users.offset(1).fetch(offset: Int.max, limit: 10).isEmpty)
            let (count, rows) = try users.offset(1).countAndFetch(offset: Int.max, limit: Int.max)
            #expect(count == 3 && rows.isEmpty)
        }
    }

    /// A view whose queryset is already sliced, paginated without a maximum: the paginator's
    /// slice is added to the view's. Past `Int.max` is past the rows.
    @Test(arguments: [
        (
            "sliced-offsets", "offset=9223372036854775807", 200,
            #"{"count":2,"next":null,"previous":"http://testserver/api/sliced-offsets/?limit=10&offset=9223372036854775797","results":[]}"#
        ),
        (
            "sliced-offsets", "limit=9223372036854775807&offset=1", 200,
            #"{"count":2,"next":null,"previous":"http://testserver/api/sliced-offsets/?limit=9223372036854775807","results":[{"id":3}]}"#
        ),
        ("sliced-pages", "page_size=9223372036854775807&page=2", 404, #"{"detail":"Invalid page."}"#),
        ("sliced-pages", "page_size=9223372036854775807", 200, #"{"count":2,"next":null,"previous":null,"results":[{"id":2},{"id":3}]}"#),
    ])
    func paginatingASlicedQueryset(_ prefix: String, _ query: String, _ status: Int, _ expected: String) throws {
        try withModelsDatabase(schema: Widget.schema) { connection, _ in
            try seedUsers(connection)
            for name in ["gear", "cog", "bolt"] { _ = try Widget.objects(on: connection).insert(["name": .string(name)]) }
            var router = DefaultRouter()
            try router.register("sliced-offsets", SlicedWidgetsByOffset.self, basename: "sliced-offset")
            try router.register("sliced-pages", SlicedWidgetsByPage.self, basename: "sliced-page")
            var settings = APISettings()
            settings.pageSize = 10
            let app = Application(urls: try URLConf([.include("api/", router)]), settings: settings)
            let reply = APIClient(app, database: connection).get("/api/\(prefix)/?\(query)")
            #expect(reply.status == status)
            #expect(reply.text == expected)
        }
    }
}

/// Widget ids only, to keep the expected bodies short.
final class WidgetIDSerializer: ModelSerializer<Widget> {
    override class var fields: [any SerializerField] { [IntegerField("id", readOnly: true)] }
}

/// Every widget but the first, limit/offset pages without `maxLimit`.
final class SlicedWidgetsByOffset: ReadOnlyModelViewSet<QuerySet<Widget>> {
    override class var queryset: QuerySet<Widget>? { Widget.objects.orderBy("id").offset(1) }
    override class var serializerClass: Serializer.Type? { WidgetIDSerializer.self }
    override class var paginationClass: PaginatorFactory? { { LimitOffsetPagination() } }
}

/// Every widget but the first, page-number pages with a client page size and no maximum.
final class SlicedWidgetsByPage: ReadOnlyModelViewSet<QuerySet<Widget>> {
    override class var queryset: QuerySet<Widget>? { Widget.objects.orderBy("id").offset(1) }
    override class var serializerClass: Serializer.Type? { WidgetIDSerializer.self }
    override class var paginationClass: PaginatorFactory? { { PageNumberPagination(pageSizeQueryParam: "page_size") } }
}
