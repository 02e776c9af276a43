import Testing
@testable import RESTFramework
import RESTTesting

/// How generic views resolve their configuration, and what misconfiguration says.
@Suite struct GenericConfigurationTests {
    @Test func basenameComesFromANamedClassLevelQueryset() throws {
        var router = DefaultRouter()
        try router.register("widgets", WidgetViewSet.self, basename: nil)
        #expect(router.registry.map(\.basename) == ["widget"])
        #expect(WidgetViewSet.modelName == "Widget")
        // Only `getQueryset()`: DRF cannot derive a basename, and neither can we.
        #expect(MyWidgetViewSet.querysetModelName == nil)
        #expect(MyWidgetViewSet.modelName == "Widget")
        #expect(throws: ImproperlyConfigured.self) { try router.register("mine", MyWidgetViewSet.self, basename: nil) }
        #expect(PlainWidgetViewSet.modelName == "Gizmo")
    }

    @Test func missingQuerysetIsA500ThatSaysTheFix() throws {
        let api = try WidgetAPI()
        let response = api.send(.get, "/api/broken-widgets/", token: "alice")
        #expect(response.status == 500)
        #expect(response.text == #"{"detail":"A server error occurred."}"#)
        #expect(
            api.log.lines.contains {
                $0.contains(
                    "'QuerysetlessWidgetViewSet' should either include a `queryset` attribute, or override the `getQueryset()` method.")
            })
    }

    @Test func instancePropertiesStartFromTheClassAndFallBackToTheSettings() {
        let view = WidgetViewSet()
        #expect(view.serializerClass == WidgetSerializer.self)
        #expect(view.paginationClass == nil)
        view.settings.filterBackends = [SearchFilter()]
        #expect(view.filterBackends.count == 1)
        #expect(PublicWidgetViewSet().filterBackends.first is SearchFilter)
        view.filterBackends = []
        #expect(view.filterBackends.isEmpty)
        #expect(view.paginator == nil)
        view.settings.paginationClass = { CursorPagination(ordering: ["-id"]) }
        #expect(view.paginator is CursorPagination)
        #expect(view.paginator === view.paginator)
        view.paginationClass = NoPagination.factory
        #expect(view.paginator is NoPagination)
    }

    @Test func defaultFilterBackendsComeFromTheSettings() throws {
        let api = try WidgetAPI { $0.filterBackends = [SearchFilter(searchFields: ["name"])] }
        #expect(
            api.send(.get, "/api/widgets/", query: "search=bolt", token: "alice").text
                == #"{"count":1,"next":null,"previous":null,"results":["# + ModelViewSetCRUDTests.w2 + "]}")
    }
}

/// The non-viewset generic views, mounted with `asView()`.
@Suite struct ConcreteGenericAPIViewTests {
    final class WidgetList: ListCreateAPIView<WidgetQuerySet> {
        override class var queryset: WidgetQuerySet? { WidgetQuerySet().orderBy("id") }
        override class var serializerClass: Serializer.Type? { BriefWidgetSerializer.self }
        override class var paginationClass: PaginatorFactory? { NoPagination.factory }
    }

    final class WidgetDetail: RetrieveUpdateDestroyAPIView<WidgetQuerySet> {
        override class var queryset: WidgetQuerySet? { WidgetQuerySet() }
        override class var serializerClass: Serializer.Type? { BriefWidgetSerializer.self }
        override class var permissionClasses: [any Permission]? { [WidgetRules()] }
        override class var lookupField: String { "name" }
    }

    let store = WidgetStore.seeded()
    let app: Application

    init() throws {
        var settings = APISettings()
        settings.authenticationClasses = [WidgetTokens()]
        settings.pageSize = 2
        settings.paginationClass = { PageNumberPagination() }
        app = Application(
            urls: try URLConf([
                .path("widgets/", WidgetList.asView(), name: "widget-list"),
                .path("widgets/<name>/", WidgetDetail.asView(), name: "widget-detail"),
            ]), settings: settings)
    }

    func send(_ method: HTTPMethod, _ path: String, token: String? = nil, json: String = "") -> TestResponse {
        let client = APIClient(app)
        if let token { client.credentials(token: token) }
        return WidgetStore.$current.withValue(store) {
            client.generic(method, path, body: json, contentType: "application/json")
        }
    }

    @Test func listAndCreate() {
        let list = send(.get, "/widgets/")
        #expect(list.text == #"[{"id":1,"name":"anvil"},{"id":2,"name":"bolt"},{"id":3,"name":"cog"},{"id":4,"name":"dynamo"}]"#)
        #expect(list.headers["Allow"] == "GET, POST, HEAD, OPTIONS")
        let created = send(.post, "/widgets/", json: #"{"name":"gear"}"#)
        #expect(created.status == 201)
        #expect(created.text == #"{"id":5,"name":"gear"}"#)
    }

    @Test func detailByAnotherLookupField() {
        #expect(send(.get, "/widgets/cog/").text == #"{"id":3,"name":"cog"}"#)
        #expect(send(.get, "/widgets/nope/").text == #"{"detail":"No Widget matches the given query."}"#)
        #expect(send(.get, "/widgets/dynamo/", token: "alice").status == 403)
        let patched = send(.patch, "/widgets/cog/", token: "alice", json: #"{"name":"sprocket"}"#)
        #expect(patched.text == #"{"id":3,"name":"sprocket"}"#)
        #expect(send(.delete, "/widgets/bolt/", token: "bob").status == 204)
        #expect(store.row(2) == nil)
        #expect(send(.get, "/widgets/anvil/").headers["Allow"] == "GET, PUT, PATCH, DELETE, HEAD, OPTIONS")
    }

    @Test func optionsDescribePut() {
        let response = send(.options, "/widgets/anvil/", token: "alice")
        #expect(
            response.text.hasSuffix(
                #""actions":{"PUT":{"id":{"type":"integer","required":false,"read_only":true,"label":"ID"},"name":{"type":"string","required":true,"read_only":false,"label":"Name"}}}}"#
            ))
    }
}
