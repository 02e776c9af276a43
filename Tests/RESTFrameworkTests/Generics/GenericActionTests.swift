import Testing
@testable import RESTFramework

/// Extra actions on the generic helpers, per-action configuration, subclass overrides, and the
/// other compositions (ReadOnlyModelViewSet, a custom CreateListRetrieveViewSet).
@Suite struct GenericActionTests {
    typealias CRUD = ModelViewSetCRUDTests

    // MARK: Extra actions

    @Test func listExtraActionPaginatesWithTheViewsetsPaginator() throws {
        let response = try WidgetAPI().send(.get, "/api/widgets/recent/", token: "alice")
        #expect(response.status == 200)
        #expect(
            response.text == #"{"count":4,"next":"http://testserver/api/widgets/recent/?page=2","previous":null,"results":["#
                + CRUD.w4 + "," + CRUD.w3 + "]}")
    }

    @Test func configureOverridesSerializerPaginationAndPermissionsForOneAction() throws {
        let api = try WidgetAPI()
        let brief = api.send(.get, "/api/widgets/brief/")
        #expect(brief.status == 200)
        #expect(brief.text == #"[{"id":1,"name":"anvil"},{"id":2,"name":"bolt"},{"id":3,"name":"cog"},{"id":4,"name":"dynamo"}]"#)
        // The other actions keep the viewset's configuration.
        #expect(api.send(.get, "/api/widgets/").status == 401)
        #expect(api.send(.get, "/api/widgets/", token: "alice").text.hasPrefix(#"{"count":4,"#))
    }

    @Test func detailExtraActionUsesGetObjectAndAnotherPaginator() throws {
        let api = try WidgetAPI()
        let response = api.send(.get, "/api/widgets/1/siblings/", query: "limit=1", token: "alice")
        #expect(
            response.text == #"{"count":2,"next":"http://testserver/api/widgets/1/siblings/?limit=1&offset=1","previous":null,"results":["#
                + CRUD.w1 + "]}")
        #expect(api.send(.get, "/api/widgets/4/siblings/", token: "alice").status == 403)
        #expect(api.send(.get, "/api/widgets/99/siblings/", token: "alice").text == #"{"detail":"No Widget matches the given query."}"#)
    }

    // MARK: Overrides in subclasses

    @Test func aSubclassOverrideOfListIsWhatTheRouterDispatches() throws {
        let response = try WidgetAPI().send(.get, "/api/audited-widgets/", token: "alice")
        #expect(response.status == 200)
        #expect(response.headers["X-Audited"] == "list")
        #expect(response.text.hasPrefix(#"{"count":4,"next":"http://testserver/api/audited-widgets/?page=2""#))
    }

    @Test func aSubclassOverrideOfPerformCreateIsWhatCreateCalls() throws {
        let api = try WidgetAPI()
        let response = api.send(.post, "/api/audited-widgets/", token: "bob", json: #"{"name":"gear"}"#)
        #expect(response.status == 201)
        #expect(response.text == CRUD.widget(5, "gear", owner: 3, secret: true))
        #expect(api.store.row(5)?.secret == true)
    }

    @Test func getQuerysetScopesByTheUser() throws {
        let api = try WidgetAPI()
        let mine = api.send(.get, "/api/my-widgets/", token: "alice")
        #expect(mine.text == #"{"count":2,"next":null,"previous":null,"results":["# + CRUD.w1 + "," + CRUD.w3 + "]}")
        let others = api.send(.get, "/api/my-widgets/2/", token: "alice")
        #expect(others.status == 404)
        #expect(others.text == #"{"detail":"No Widget matches the given query."}"#)
        #expect(api.send(.get, "/api/my-widgets/2/", token: "bob").text == CRUD.w2)
    }

    @Test func aSubclassesLookupFieldIsWhatGetObjectFiltersOn() throws {
        let api = try WidgetAPI()
        #expect(api.send(.get, "/api/widgets-by-name/cog/", token: "alice").text == #"{"id":3,"name":"cog"}"#)
        #expect(api.send(.get, "/api/widgets-by-name/3/", token: "alice").text == #"{"detail":"No Widget matches the given query."}"#)
    }

    @Test func aSubclassesLookupFieldIsUsedThroughTheBaseClassHooks() throws {
        let api = try WidgetAPI()
        // The router's lookup kwarg and the base's `getObject()` (from retrieve, and from an extra
        // action typed as the base) read the subclass's `lookupField`.
        #expect(api.send(.get, "/api/widgets-named/cog/", token: "alice").text == #"{"id":3,"name":"cog"}"#)
        #expect(api.send(.get, "/api/widgets-named/cog/again/", token: "alice").text == #"{"id":3,"name":"cog"}"#)
        #expect(api.send(.get, "/api/widgets-named/3/", token: "alice").status == 404)
    }

    // MARK: Compositions

    @Test func readOnlyModelViewSetRefusesWritesWith405() throws {
        let api = try WidgetAPI()
        let post = api.send(.post, "/api/public-widgets/", json: #"{"name":"x"}"#)
        #expect(post.status == 405)
        #expect(post.headers["Allow"] == "GET, HEAD, OPTIONS")
        #expect(post.text == #"{"detail":"Method \"POST\" not allowed."}"#)
        let delete = api.send(.delete, "/api/public-widgets/1/")
        #expect(delete.status == 405)
        #expect(delete.headers["Allow"] == "GET, HEAD, OPTIONS")
    }

    @Test func readOnlyModelViewSetFiltersWithItsBackends() throws {
        let api = try WidgetAPI()
        #expect(
            api.send(.get, "/api/public-widgets/", query: "search=CO").text
                == #"{"count":1,"next":null,"previous":null,"results":[{"id":3,"name":"cog"}]}"#)
        // The secret widget is outside the queryset: a 404 rather than a 403.
        #expect(api.send(.get, "/api/public-widgets/4/").text == #"{"detail":"No Widget matches the given query."}"#)
        // Filter backends apply to the detail lookup too, as DRF's get_object filters the queryset.
        #expect(api.send(.get, "/api/public-widgets/3/", query: "search=anvil").status == 404)
    }

    @Test func customCompositionRoutesOnlyItsActions() throws {
        let api = try WidgetAPI()
        for method in [HTTPMethod.put, .patch, .delete] {
            let response = api.send(method, "/api/widget-notes/1/", token: "staff", json: #"{"name":"x"}"#)
            #expect(response.status == 405)
            #expect(response.headers["Allow"] == "GET, HEAD, OPTIONS")
        }
        #expect(
            api.send(.get, "/api/widget-notes/").text
                == #"{"count":4,"next":"http://testserver/api/widget-notes/?page=2","previous":null,"results":[{"id":4,"name":"dynamo"},{"id":3,"name":"cog"}]}"#
        )
        #expect(api.send(.get, "/api/widget-notes/2/").text == #"{"id":2,"name":"bolt"}"#)
        #expect(api.send(.post, "/api/widget-notes/", json: #"{"name":"x"}"#).status == 401)
    }

    @Test func anActionDeclaredInACompositionsBodyIsOverridable() throws {
        let api = try WidgetAPI()
        let response = api.send(.post, "/api/widget-notes/", token: "alice", json: #"{"name":"memo"}"#)
        #expect(response.status == 201)
        #expect(response.headers["X-Created-By"] == "alice")
        #expect(api.store.row(5)?.owner == 2)
    }

    /// A subclass's `list` over a mixin composition is what the router dispatches (it used to
    /// be a new method beside the mixin's default, never called).
    @Test func aSubclassOverrideOfListOverAMixinCompositionIsDispatched() throws {
        let api = try WidgetAPI()
        #expect(api.send(.get, "/api/overriding-notes/", token: "alice").text == #"{"overridden":true}"#)
        // The composition's other actions are still the mixins' bodies.
        #expect(api.send(.get, "/api/overriding-notes/2/", token: "alice").text == #"{"id":2,"name":"bolt"}"#)
    }

    @Test func routersSeeTheActionsThroughGenericSubclasses() {
        func actions(_ type: APIView.Type) -> [String] {
            ViewSetAction.routed.filter { $0.isImplemented(by: type) }.map(\.name)
        }
        let all = ["list", "create", "retrieve", "update", "partial_update", "destroy"]
        #expect(actions(WidgetViewSet.self) == all)
        #expect(actions(AuditedWidgetViewSet.self) == all)
        #expect(actions(PublicWidgetViewSet.self) == ["list", "retrieve"])
        #expect(actions(WidgetNoteViewSet.self) == ["list", "create", "retrieve"])
        #expect(actions(GenericViewSet<WidgetQuerySet>.self) == [])
    }
}
