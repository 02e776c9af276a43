import Testing
@testable import RESTFramework
import RESTTesting

/// A hand-written view's serializer context (DRF's `context={'request': request}`): links are
/// reversed through the URL conf that routed the view, with `?format=` kept and no suffix.
@Suite struct HandWrittenViewLinkTests {
    struct Item: FieldReadable {
        let id: Int64
        func fieldValue(_ name: String) -> FieldValue? { name == "id" || name == "pk" ? .int(id) : nil }
    }

    final class ItemSerializer: Serializer {
        override class var fields: [any SerializerField] {
            [HyperlinkedIdentityField("url", viewName: "item-detail"), IntegerField("id", readOnly: true)]
        }
    }

    final class ItemViewSet: ViewSet, ListAction {
        override class var permissionClasses: [any Permission]? { [AllowAny()] }
        func list(_ request: Request) throws -> Response {
            let context = SerializerContext(request: request, view: self)
            return Response(try ItemSerializer.many(instances: [Item(id: 1), Item(id: 2)], context: context).data)
        }
    }

    let app: Application
    init() throws {
        let urls = try URLConf([
            .path("items/", ItemViewSet.asView([.get: "list"]), name: "item-list"),
            .path("items/<int:pk>/", ItemViewSet.asView([.get: "list"]), name: "item-detail"),
        ])
        app = Application(urls: try URLConf(patterns: formatSuffixPatterns(urls.patterns)))
    }

    @Test func linksResolveThroughTheViewsURLConf() {
        #expect(
            bodyText(send(app, .get, "/items/"))
                == #"[{"url":"http://testserver/items/1/","id":1},{"url":"http://testserver/items/2/","id":2}]"#)
    }

    @Test func theFormatParameterIsKeptButTheSuffixIsNotAdded() {
        #expect(
            bodyText(send(app, .get, "/items/", query: "format=json"))
                == #"[{"url":"http://testserver/items/1/?format=json","id":1},{"url":"http://testserver/items/2/?format=json","id":2}]"#)
        #expect(
            bodyText(send(app, .get, "/items.json"))
                == #"[{"url":"http://testserver/items/1/","id":1},{"url":"http://testserver/items/2/","id":2}]"#)
    }

    @Test func anExplicitReverseStillWins() throws {
        let context = SerializerContext(
            request: nil, view: ItemViewSet(), reverse: { name, kwargs, _, _ in "\(name):\(kwargs["pk"] ?? "")" })
        #expect(try ItemSerializer(instance: Item(id: 3), context: context).data == ["url": "item-detail:3", "id": 3])
        // A view no URL conf routed has nothing to reverse with.
        #expect(SerializerContext(view: ItemViewSet()).reverse == nil)
    }
}
