import Testing
@testable import RESTFramework
import RESTTesting

/// A filter backend of a user's own adds its controls to the browsable page's filters area
/// (DRF's `BaseFilterBackend.to_html(request, queryset, view)`), with the view's queryset, every
/// value escaped; a backend without controls adds nothing.
struct FilterControlsTests {
    /// `?owner=`: a select of the owners the view's queryset has, the current one selected.
    struct OwnerFilter: FilterBackend {
        func filterQueryset<Q: Queryable>(_ request: Request, _ queryset: Q, view: APIView) throws -> Q {
            guard let owner = request.query["owner"].flatMap({ Int64($0) }) else { return queryset }
            return queryset.filter(.field("owner", .exact(.int(owner))))
        }

        func toHTML<Q: Queryable>(_ request: Request, _ queryset: Q, view: APIView, into html: inout HTMLWriter) {
            let owners = Set(((try? queryset.all()) ?? []).compactMap { $0.fieldValue("owner")?.intValue }).sorted()
            html.markup("<div class=\"filter owner\"><h3>Owner</h3>")
            html.open("form", [("method", "GET"), ("action", request.path)])
            html.open("select", [("name", "owner"), ("data-sent", request.query["owner"] ?? "")])
            for owner in owners {
                var attributes = [("value", String(owner))]
                if request.query["owner"] == String(owner) { attributes.append(("selected", "selected")) }
                html.element("option", attributes, text: "Owner \(owner)")
            }
            html.close("select")
            html.markup("<button type=\"submit\" class=\"btn\">Filter</button></form></div>")
        }
    }

    /// Filters, and has nothing to show.
    struct SilentFilter: FilterBackend {
        func filterQueryset<Q: Queryable>(_ request: Request, _ queryset: Q, view: APIView) throws -> Q { queryset }
    }

    final class OwnedWidgetViewSet: ReadOnlyModelViewSet<WidgetQuerySet> {
        override class var queryset: WidgetQuerySet? { WidgetQuerySet().filter(.field("secret", .exact(.bool(false)))).orderBy("id") }
        override class var serializerClass: Serializer.Type? { BriefWidgetSerializer.self }
        override class var permissionClasses: [any Permission]? { [AllowAny()] }
        override class var filterBackends: [any FilterBackend]? { [SilentFilter(), OwnerFilter()] }
    }

    final class SilentWidgetViewSet: ReadOnlyModelViewSet<WidgetQuerySet> {
        override class var queryset: WidgetQuerySet? { WidgetQuerySet().orderBy("id") }
        override class var serializerClass: Serializer.Type? { BriefWidgetSerializer.self }
        override class var permissionClasses: [any Permission]? { [AllowAny()] }
        override class var filterBackends: [any FilterBackend]? { [SilentFilter()] }
    }

    static func page(_ target: String) throws -> TestResponse {
        var router = DefaultRouter()
        try router.register("owned", OwnedWidgetViewSet.self, basename: "owned")
        try router.register("silent", SilentWidgetViewSet.self, basename: "silent")
        let client = APIClient(Application(urls: try URLConf([.include("api/", router)]), settings: APISettings()))
        return WidgetStore.$current.withValue(.seeded()) { client.get(target, headers: ["Accept": "text/html"]) }
    }

    @Test func aBackendOfYourOwnShowsItsControlsInTheFiltersArea() throws {
        let response = try Self.page("/api/owned/?owner=3")
        #expect(response.status == 200)
        let page = response.text
        let filters = try #require(page.firstRange(of: #"<section class="panel filters-panel"><h2>Filters</h2><div class="filters">"#))
        let controls = page[filters.upperBound...]
        #expect(
            controls.hasPrefix(
                #"<div class="filter owner"><h3>Owner</h3><form method="GET" action="/api/owned/"><select name="owner" data-sent="3">"#
                    + #"<option value="2">Owner 2</option><option value="3" selected="selected">Owner 3</option></select>"#
                    + #"<button type="submit" class="btn">Filter</button></form></div></div></section>"#),
            "\(controls.prefix(600))")
        // The queryset given is the view's (`getQueryset()`), not the filtered list: owner 2's rows
        // are still offered, the secret row's owner 1 is not.
        #expect(!controls.contains("Owner 1"))
    }

    @Test func aRequestsValueInTheControlsIsEscaped() throws {
        let page = try Self.page("/api/owned/?owner=%22%3E%3Cscript%3Ealert(1)%3C/script%3E").text
        #expect(page.contains(#"<select name="owner" data-sent="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;">"#))
        #expect(!page.contains("<script>alert(1)"))
    }

    @Test func noControlsNoFiltersAreaAndNoneOnADetailPage() throws {
        #expect(!(try Self.page("/api/silent/").text.contains("filters-panel")))
        let detail = try Self.page("/api/owned/1/")
        #expect(detail.status == 200)
        #expect(!detail.text.contains("filters-panel"))
    }
}
