import Testing
@testable import RESTFramework

/// What the document says beyond drf-spectacular's defaults: 429 for throttled views (DRF's
/// detail and `Retry-After`), conditional requests' headers, 304 and 412, and method fields
/// typed by their closure's Swift result.
struct SchemaCompletenessTests {
    typealias F = SchemaFixtures

    struct EveryMinute: Throttle {
        func allowRequest(_ request: Request, view: APIView) throws -> ThrottleDecision? { nil }
    }

    final class TaggedGadgetViewSet: ModelViewSet<InMemoryQuerySet<Widget>> {
        override class var queryset: InMemoryQuerySet<Widget>? { InMemoryQuerySet([]) }
        override class var serializerClass: Serializer.Type? { F.NoteSerializer.self }
        override class var conditionalRequests: ConditionalRequests? { ConditionalRequests() }
        override class var throttleClasses: [any Throttle]? { [EveryMinute()] }
    }

    final class ComputedSerializer: Serializer {
        override class var fields: [any SerializerField] {
            [
                MethodField("total") { _, _ -> Int in 3 },
                MethodField("initials") { _, _ -> String? in nil },
                MethodField("scores") { _, _ -> [Double] in [1.5] },
                MethodField("anything") { _, _ in .string("x") },
                ReadOnlyField("owner"),
            ]
        }
    }

    static func document() throws -> JSON {
        var router = DefaultRouter()
        try router.register("gadgets", F.GadgetViewSet.self, basename: "gadget")
        try router.register("tagged", TaggedGadgetViewSet.self, basename: "tagged")
        return SchemaGenerator(title: "Gadgets").document(urls: try URLConf([.include("api/", router)]), settings: F.settings())
    }

    @Test func aThrottledViewAnswers429WithRetryAfter() throws {
        let paths = try Self.document()["paths"]
        let list = paths?["/api/tagged/"]?["get"]?["responses"]
        #expect(list?.objectValue?.keys == ["200", "401", "403", "404", "429"])
        #expect(list?["429"]?["content"]?["application/json"]?["schema"] == ["$ref": "#/components/schemas/ErrorDetail"])
        #expect(list?["429"]?["headers"]?["Retry-After"]?["schema"] == ["minimum": 1, "type": "integer"])
        // Without throttles, no 429.
        #expect(paths?["/api/gadgets/"]?["get"]?["responses"]?["429"] == nil)
    }

    @Test func conditionalDetailsTakePreconditionsAndAnswer304And412() throws {
        let paths = try Self.document()["paths"]
        let detail = paths?["/api/tagged/{pk}/"]
        let retrieve = detail?["get"]
        #expect(retrieve?["parameters"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["pk", "If-Match", "If-None-Match"])
        #expect(retrieve?["parameters"]?.arrayValue?.last?["in"] == "header")
        #expect(retrieve?["responses"]?.objectValue?.keys == ["200", "304", "401", "403", "404", "412", "429"])
        #expect(retrieve?["responses"]?["200"]?["headers"]?["ETag"]?["required"] == true)
        #expect(retrieve?["responses"]?["304"]?["content"] == nil)
        #expect(retrieve?["responses"]?["304"]?["headers"]?["ETag"] != nil)
        for method in ["put", "patch", "delete"] {
            let write = detail?[method]
            #expect(write?["parameters"]?.arrayValue?.count == 3, "\(method)")
            #expect(write?["responses"]?["412"]?["content"]?["application/json"]?["schema"] == ["$ref": "#/components/schemas/ErrorDetail"])
            #expect(write?["responses"]?["304"] == nil)
            #expect(write?["responses"]?.objectValue?.contains { $0.1["headers"]?["ETag"] != nil } == false)
        }
        // The list, and a view without conditional requests, take no preconditions.
        #expect(paths?["/api/tagged/"]?["get"]?["responses"]?["412"] == nil)
        #expect(paths?["/api/gadgets/{pk}/"]?["get"]?["responses"]?["412"] == nil)
        #expect(paths?["/api/gadgets/{pk}/"]?["get"]?["parameters"]?.arrayValue?.count == 1)
    }

    @Test func methodFieldsAreTypedByTheirSwiftResult() throws {
        var components = SchemaComponents()
        _ = components.reference(to: ComputedSerializer.self, direction: .response, partial: false)
        let properties = components.schemas["Computed"]?["properties"]
        #expect(properties?["total"] == ["type": "integer", "readOnly": true])
        #expect(properties?["initials"] == ["type": ["string", "null"], "readOnly": true])
        #expect(properties?["scores"] == ["type": "array", "items": ["type": "number"], "readOnly": true])
        // A closure returning JSON, and a plain serializer's ReadOnlyField, say nothing: any value.
        #expect(properties?["anything"] == ["readOnly": true])
        #expect(properties?["owner"] == ["readOnly": true])
        // And the values are what the closures return.
        let data = try ComputedSerializer(instance: NoFields()).data
        #expect(data["total"] == 3 && data["initials"] == .null && data["scores"] == [1.5] && data["anything"] == "x")
    }

    /// The 201 of `create` links to the operations on the object it made, its `id` filling the
    /// detail routes' `pk`, so a client (or schemathesis' stateful phase) can reach a real row.
    @Test func createLinksToTheOperationsOnWhatItMade() throws {
        let paths = try Self.document()["paths"]
        let links = paths?["/api/gadgets/"]?["post"]?["responses"]?["201"]?["links"]
        #expect(
            links?.objectValue?.map(\.0) == [
                "gadgets_archive_create", "gadgets_destroy", "gadgets_notes_list", "gadgets_partial_update", "gadgets_retrieve",
                "gadgets_update",
            ])
        #expect(links?["gadgets_retrieve"] == ["operationId": "gadgets_retrieve", "parameters": ["pk": "$response.body#/id"]])
        // A create whose answer has no lookup field links nowhere (the tagged view's has only `text`).
        #expect(paths?["/api/tagged/"]?["post"]?["responses"]?["201"] != nil)
        #expect(paths?["/api/tagged/"]?["post"]?["responses"]?["201"]?["links"] == nil)
    }

    struct NoFields: FieldReadable {
        func fieldValue(_ name: String) -> FieldValue? { name == "owner" ? .int(7) : nil }
    }
}
