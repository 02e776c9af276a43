import Testing
@testable import RESTFramework
import RESTTesting

/// `ConditionalRequests` on an in-memory viewset: the `ETag` of `retrieve`, 304 and its headers,
/// HEAD, lists untouched, and a write over a queryset that cannot lock rows refused clearly.
/// (The atomic writes are tested on PostgreSQL: ReferenceAPITests' ConditionalRequestTests.)
@Suite struct ConditionalGetTests {
    final class TaggedWidgetViewSet: WidgetViewSet {
        override class var conditionalRequests: ConditionalRequests? { ConditionalRequests() }
    }

    static func client() throws -> (APIClient, WidgetStore) {
        var router = DefaultRouter()
        try router.register("widgets", WidgetViewSet.self)
        try router.register("tagged", TaggedWidgetViewSet.self, basename: "tagged")
        var settings = APISettings()
        settings.authenticationClasses = [WidgetTokens()]
        settings.permissionClasses = [IsAuthenticated()]
        let client = APIClient(Application(urls: try URLConf([.include("api/", router)]), settings: settings))
        client.credentials(token: "alice")
        return (client, .seeded())
    }

    @Test func retrieveCarriesTheTagOfItsBody() throws {
        let (client, store) = try Self.client()
        try WidgetStore.$current.withValue(store) {
            let response = client.get("/api/tagged/1/")
            #expect(response.status == 200)
            let etag = try #require(response.headers["ETag"])
            #expect(etag == EntityTag.ofRepresentation(Array(response.text.utf8)).headerValue)
            // Another representation (indent) is another tag; the list and untagged views send none.
            let indented = client.get("/api/tagged/1/", headers: ["Accept": "application/json; indent=2"])
            #expect(indented.headers["ETag"] != nil && indented.headers["ETag"] != etag)
            #expect(client.get("/api/tagged/").headers["ETag"] == nil)
            #expect(client.get("/api/widgets/1/").headers["ETag"] == nil)
            #expect(client.get("/api/widgets/1/", headers: ["If-None-Match": "*"]).status == 200)
        }
    }

    @Test func matchingIfNoneMatchIs304WithTheTagAndNoBody() throws {
        let (client, store) = try Self.client()
        try WidgetStore.$current.withValue(store) {
            let etag = try #require(client.get("/api/tagged/1/").headers["ETag"])
            for value in [etag, "W/" + etag, #""other", "# + etag, "*"] {
                for response in [
                    client.get("/api/tagged/1/", headers: ["If-None-Match": value]),
                    client.head("/api/tagged/1/", headers: ["If-None-Match": value]),
                ] {
                    #expect(response.status == 304, "\(value)")
                    #expect(response.body.isEmpty)
                    #expect(response.headers["ETag"] == etag)
                    #expect(response.headers["Content-Type"] == nil)
                    #expect(response.headers["Allow"] == "GET, PUT, PATCH, DELETE, HEAD, OPTIONS")
                }
            }
            // A stale or malformed tag answers in full; HEAD carries GET's tag without the body.
            for value in [#""stale""#, "not-a-tag"] {
                let full = client.get("/api/tagged/1/", headers: ["If-None-Match": value])
                #expect(full.status == 200 && !full.body.isEmpty && full.headers["ETag"] == etag)
            }
            let head = client.head("/api/tagged/1/")
            #expect(head.status == 200 && head.body.isEmpty && head.headers["ETag"] == etag)
            // After a change the old tag no longer matches.
            store.save(Widget(id: 1, name: "renamed", owner: 2))
            let changed = client.get("/api/tagged/1/", headers: ["If-None-Match": etag])
            #expect(changed.status == 200 && changed.headers["ETag"] != etag)
        }
    }

    @Test func errorsAnswerAsWithoutTheHeaders() throws {
        let (client, store) = try Self.client()
        WidgetStore.$current.withValue(store) {
            // 404 and 403 (a secret widget) win over any precondition (RFC 9110 §13.2.1).
            let missing = client.get("/api/tagged/99/", headers: ["If-None-Match": "*"])
            #expect(missing.status == 404 && missing.headers["ETag"] == nil)
            #expect(client.get("/api/tagged/4/", headers: ["If-None-Match": "*"]).status == 403)
        }
    }

    @Test func aWriteOverAQuerysetThatCannotLockIsImproperlyConfigured() throws {
        let (client, store) = try Self.client()
        WidgetStore.$current.withValue(store) {
            let response = client.put("/api/tagged/1/", data: ["name": "x"], headers: ["If-Match": "*"])
            #expect(response.status == 500)
            #expect(store.row(1)?.name == "anvil")
            // Without a precondition the write is DRF's.
            #expect(client.put("/api/tagged/1/", data: ["name": "x"]).status == 200)
            #expect(store.row(1)?.name == "x")
        }
    }
}
