import PostgreSQL
import RESTFramework
import RESTModels
import RESTTesting
import TestSupport
import Testing

/// A document whose `updated` column a trigger moves on every write, as the reference API's
/// projects move theirs.
struct DatedDocument: Model {
    var id: Int64
    var title: String
    var updated: DateTime

    static let tableName = "dated_documents"
    static let fields = Fields(DatedDocument.init, Field("id", \.id), Field("title", \.title), Field("updated", \.updated))

    static let schema = """
        CREATE TABLE dated_documents (id bigserial PRIMARY KEY, title text NOT NULL,
                                      updated timestamptz NOT NULL DEFAULT clock_timestamp());
        CREATE FUNCTION dated_documents_touch() RETURNS trigger LANGUAGE plpgsql AS
            $$ BEGIN NEW.updated := clock_timestamp(); RETURN NEW; END $$;
        CREATE TRIGGER dated_documents_touch BEFORE UPDATE ON dated_documents
            FOR EACH ROW EXECUTE FUNCTION dated_documents_touch();
        INSERT INTO dated_documents (title) VALUES ('Draft');
        ALTER TABLE dated_documents DISABLE TRIGGER dated_documents_touch;
        UPDATE dated_documents SET updated = '2026-03-04 05:06:07.890+00';
        ALTER TABLE dated_documents ENABLE TRIGGER dated_documents_touch;
        """
}

final class DatedDocumentSerializer: ModelSerializer<DatedDocument> {
    override class var fields: [any SerializerField] {
        [IntegerField("id", readOnly: true), CharField("title"), DateTimeField("updated", readOnly: true)]
    }
}

final class DatedDocumentViewSet: ModelViewSet<QuerySet<DatedDocument>> {
    override class var queryset: QuerySet<DatedDocument>? { DatedDocument.objects }
    override class var serializerClass: Serializer.Type? { DatedDocumentSerializer.self }
    override class var conditionalRequests: ConditionalRequests? { ConditionalRequests(lastModified: "updated") }
}

/// `ConditionalRequests(lastModified:)` on a real PostgreSQL row: `Last-Modified` from the named
/// column to the second, `If-Modified-Since` → 304 on GET/HEAD, `If-Unmodified-Since` → 412 on a
/// write under the row lock, and RFC 9110 §13.2.2's precedence of the tag headers over the dates.
@Suite(.needsTestsRun) struct LastModifiedTests {
    /// The seeded row's `updated`, 05:06:07.890, to the second.
    static let lastModified = "Wed, 04 Mar 2026 05:06:07 GMT"
    static let earlier = "Wed, 04 Mar 2026 05:06:06 GMT"
    static let later = "Wed, 04 Mar 2026 05:06:08 GMT"

    /// One request of `method` through the test client.
    func send(_ client: APIClient, _ method: HTTPMethod, _ path: String, data: JSON? = nil, _ headers: [(String, String)]) -> TestResponse {
        let fields = Headers(headers)
        switch method {
        case .head: return client.head(path, headers: fields)
        case .put: return client.put(path, data: data, headers: fields)
        case .patch: return client.patch(path, data: data, headers: fields)
        case .delete: return client.delete(path, headers: fields)
        default: return client.get(path, headers: fields)
        }
    }

    func withAPI(_ body: (APIClient, Connection) throws -> Void) throws {
        let schema = try TemporarySchema(url: TestEnvironment.databaseURL)
        defer { try? schema.drop() }
        try schema.connection.executeScript(DatedDocument.schema)
        var router = DefaultRouter()
        try router.register("documents", DatedDocumentViewSet.self, basename: "document")
        let app = Application(urls: try URLConf([.include("api/", router)]), settings: APISettings())
        try body(APIClient(app, database: schema.connection, defaultFormat: .json), schema.connection)
    }

    @Test func getSendsLastModifiedAndIfModifiedSinceAnswers304() throws {
        try withAPI { client, _ in
            let full = client.get("/api/documents/1/")
            #expect(full.status == 200)
            #expect(full.headers["Last-Modified"] == Self.lastModified)
            let etag = try #require(full.headers["ETag"])
            for method in [HTTPMethod.get, .head] {
                // Not modified since the client's date (equal, or later: to the second).
                for date in [Self.lastModified, Self.later, "Wednesday, 04-Mar-26 05:06:07 GMT", "Wed Mar  4 05:06:07 2026"] {
                    let cached = send(client, method, "/api/documents/1/", [("If-Modified-Since", date)])
                    #expect(cached.status == 304, "\(method) \(date)")
                    #expect(cached.body.isEmpty && cached.headers["Content-Type"] == nil)
                    #expect(cached.headers["Last-Modified"] == Self.lastModified && cached.headers["ETag"] == etag)
                }
                // Modified since, or a date that is not one: the full answer.
                for date in [Self.earlier, "yesterday", "Wed, 04 Mar 2026 05:06:07 UTC"] {
                    let reply = send(client, method, "/api/documents/1/", [("If-Modified-Since", date)])
                    #expect(reply.status == 200, "\(method) \(date)")
                }
            }
            // If-None-Match decides when both are sent: a stale tag is a full answer whatever the date...
            let stale = client.get(
                "/api/documents/1/", headers: Headers([("If-None-Match", #""old""#), ("If-Modified-Since", Self.later)]))
            #expect(stale.status == 200 && stale.json["title"] == "Draft")
            // ...and a matching one is 304 even with an earlier date.
            let fresh = client.get("/api/documents/1/", headers: Headers([("If-None-Match", etag), ("If-Modified-Since", Self.earlier)]))
            #expect(fresh.status == 304)
            // A GET with If-Unmodified-Since earlier than the row fails too (§13.1.4: any method).
            #expect(client.get("/api/documents/1/", headers: Headers([("If-Unmodified-Since", Self.earlier)])).status == 412)
            // Lists carry no date.
            #expect(client.get("/api/documents/").headers["Last-Modified"] == nil)
        }
    }

    @Test func ifUnmodifiedSinceRefusesAStaleWriteAndChangesNothing() throws {
        try withAPI { client, connection in
            func title() throws -> String { try DatedDocument.objects(on: connection).get(pk: 1).title }
            for method in [HTTPMethod.put, .patch, .delete] {
                let refused = send(client, method, "/api/documents/1/", data: ["title": "Stale"], [("If-Unmodified-Since", Self.earlier)])
                #expect(refused.status == 412, "\(method)")
                #expect(refused.json == ["detail": "Precondition failed."])
            }
            #expect(try title() == "Draft")
            // If-Match decides when both are sent: a matching tag writes whatever the date.
            let etag = try #require(client.get("/api/documents/1/").headers["ETag"])
            let matched = client.patch(
                "/api/documents/1/", data: ["title": "Tagged"],
                headers: Headers([("If-Match", etag), ("If-Unmodified-Since", Self.earlier)]))
            #expect(matched.status == 200)
            #expect(try title() == "Tagged")
            // The write moved `updated` to now: the old date is stale now, a current one is not.
            let old = client.patch(
                "/api/documents/1/", data: ["title": "Old"], headers: Headers([("If-Unmodified-Since", Self.lastModified)]))
            #expect(old.status == 412)
            let now = try #require(client.get("/api/documents/1/").headers["Last-Modified"])
            #expect(now != Self.lastModified)
            let current = client.put("/api/documents/1/", data: ["title": "Current"], headers: Headers([("If-Unmodified-Since", now)]))
            #expect(current.status == 200)
            #expect(try title() == "Current")
            // A date that is not one is ignored (§13.1.4): the write proceeds.
            #expect(
                client.patch("/api/documents/1/", data: ["title": "Any"], headers: Headers([("If-Unmodified-Since", "soon")])).status == 200
            )
        }
    }
}
