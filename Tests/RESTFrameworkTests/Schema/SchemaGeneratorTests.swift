import Testing
@testable import RESTFramework

/// The OpenAPI generator's pure parts: fields to JSON Schema, operation ids, components with
/// their request and response forms, the operations of a viewset, and the same bytes each time.
struct SchemaGeneratorTests {
    typealias F = SchemaFixtures

    func schema(_ field: any SerializerField, _ direction: SchemaDirection = .response) -> String {
        var components = SchemaComponents()
        return JSONWriter.renderString(
            SchemaGenerator.canonical(FieldSchema.schema(for: field, direction: direction, components: &components), isMap: false))
    }

    @Test func fieldsMapToJSONSchema() {
        #expect(schema(CharField("title", maxLength: 200)) == #"{"maxLength":200,"type":"string"}"#)
        #expect(schema(DateField("due", allowNull: true)) == #"{"format":"date","type":["string","null"]}"#)
        #expect(schema(DateTimeField("created", readOnly: true)) == #"{"format":"date-time","readOnly":true,"type":"string"}"#)
        #expect(schema(UUIDField("id")) == #"{"format":"uuid","type":"string"}"#)
        #expect(schema(DurationField("estimate", format: .iso8601)) == #"{"format":"duration","type":"string"}"#)
        #expect(
            schema(DecimalField("budget", maxDigits: 12, decimalPlaces: 2, allowNull: true))
                == #"{"format":"decimal","pattern":"^-?\\d{0,10}(?:\\.\\d{0,2})?$","type":["string","null"]}"#)
        #expect(
            schema(ChoiceField("priority", choices: [(1, "high"), (2, "normal")], allowNull: true))
                == #"{"enum":[1,2,null],"type":["integer","null"]}"#)
        #expect(schema(ChoiceField("size", choices: ["s", "m"], allowBlank: true)) == #"{"enum":["s","m",""],"type":"string"}"#)
        #expect(schema(CharField("password", writeOnly: true), .request) == #"{"type":"string","writeOnly":true}"#)
        #expect(schema(IntegerField("count", maxValue: 9, minValue: 0)) == #"{"maximum":9,"minimum":0,"type":"integer"}"#)
        #expect(schema(EmailField("email", maxLength: 254)) == #"{"format":"email","maxLength":254,"type":"string"}"#)
        // A blank email is answered as "" (schemathesis found the format alone refused it).
        #expect(
            schema(EmailField("email", allowBlank: true, maxLength: 254))
                == #"{"anyOf":[{"format":"email"},{"const":""}],"maxLength":254,"type":"string"}"#)
        #expect(schema(ListField("tags", child: CharField("tag"))) == #"{"items":{"type":"string"},"type":"array"}"#)
        #expect(schema(JSONField("settings")) == "{}")
        #expect(
            schema(NestedSerializerField("owner", F.OwnerSerializer.self, allowNull: true))
                == ##"{"oneOf":[{"$ref":"#/components/schemas/Owner"},{"type":"null"}]}"##)
    }

    @Test func operationIDsFollowDRFSpectacular() {
        #expect(OperationID.make(path: "/api/projects/", prefix: "/api", method: .get, isList: true) == "projects_list")
        #expect(OperationID.make(path: "/api/projects/{pk}/", prefix: "/api", method: .get, isList: false) == "projects_retrieve")
        #expect(OperationID.make(path: "/api/projects/{pk}/", prefix: "/api", method: .patch, isList: false) == "projects_partial_update")
        #expect(
            OperationID.make(path: "/api/projects/{id}/archive/", prefix: "/api", method: .post, isList: false) == "projects_archive_create"
        )
        #expect(OperationID.make(path: "/api/auth-token/", prefix: "/api", method: .post, isList: false) == "auth_token_create")
        #expect(OperationID.commonPrefix(["/api/users/", "/api/users/{pk}/", "/api/auth-token/"]) == "/api")
        #expect(OperationID.commonPrefix(["/api/users/{pk}/", "/api/users/{pk}/x/"]) == "/api/users")
        #expect(OperationID.commonPrefix(["/api/users/", "/api/users/{pk}/"]) == "/api")
    }

    @Test func readOnlyAndWriteOnlyFieldsSplitRequestAndResponseForms() {
        var components = SchemaComponents()
        #expect(
            components.reference(to: F.GadgetSerializer.self, direction: .response, partial: false) == [
                "$ref": "#/components/schemas/Gadget"
            ])
        #expect(
            components.reference(to: F.GadgetSerializer.self, direction: .request, partial: false)
                == ["$ref": "#/components/schemas/GadgetRequest"])
        #expect(
            components.reference(to: F.GadgetSerializer.self, direction: .request, partial: true)
                == ["$ref": "#/components/schemas/PatchedGadgetRequest"])
        let response = components.schemas["Gadget"]
        #expect(
            response?["properties"]?.objectValue?.keys == ["url", "id", "name", "size", "price", "ships", "warranty", "owner", "created"])
        #expect(response?["required"]?.arrayValue?.count == 9)
        let request = components.schemas["GadgetRequest"]
        #expect(request?["properties"]?.objectValue?.keys == ["name", "size", "price", "ships", "warranty", "secret"])
        #expect(request?["required"] == ["name", "secret"])
        #expect(components.schemas["PatchedGadgetRequest"]?["required"] == nil)
        // The nested serializer became a component of its own.
        #expect(components.schemas["Owner"] != nil)
        // Without read-only or write-only fields there is one form.
        #expect(
            components.reference(to: F.NoteSerializer.self, direction: .request, partial: false) == ["$ref": "#/components/schemas/Note"])
    }

    @Test func aViewsetsOperations() throws {
        let document = SchemaGenerator(title: "Gadgets").document(urls: try F.urls(), settings: F.settings())
        let paths = document["paths"]?.objectValue
        // The root and the schema view are no operations; paths keep the URL conf's order.
        #expect(paths?.keys == ["/api/gadgets/", "/api/gadgets/{pk}/", "/api/gadgets/{pk}/archive/", "/api/gadgets/{pk}/notes/"])
        let list = paths?["/api/gadgets/"]?["get"]
        #expect(list?["operationId"] == "gadgets_list")
        #expect(
            list?["parameters"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["ordering", "page", "page_size", "search"])
        #expect(
            list?["responses"]?["200"]?["content"]?["application/json"]?["schema"] == ["$ref": "#/components/schemas/PaginatedGadgetList"])
        #expect(list?["responses"]?.objectValue?.keys == ["200", "401", "403", "404"])
        #expect(list?["security"] == [["tokenAuth": []], ["basicAuth": []]])
        let create = paths?["/api/gadgets/"]?["post"]
        #expect(create?["operationId"] == "gadgets_create")
        #expect(
            create?["requestBody"]?["content"]?["application/json"]?["schema"] == ["$ref": "#/components/schemas/GadgetRequest"])
        #expect(create?["responses"]?.objectValue?.keys == ["201", "400", "401", "403"])
        let detail = paths?["/api/gadgets/{pk}/"]
        #expect(detail?["patch"]?["operationId"] == "gadgets_partial_update")
        // `pk` is typed from the serializer's `id`.
        #expect(detail?["get"]?["parameters"]?.arrayValue?.first?["schema"] == ["format": "uuid", "type": "string"])
        #expect(detail?["delete"]?["responses"]?["204"]?["content"] == nil)
        let archive = paths?["/api/gadgets/{pk}/archive/"]?["post"]
        #expect(archive?["operationId"] == "gadgets_archive_create" && archive?["requestBody"] == nil)
        // The extra action's own serializer and paginator.
        let notes = paths?["/api/gadgets/{pk}/notes/"]?["get"]
        #expect(notes?["operationId"] == "gadgets_notes_list")
        #expect(notes?["parameters"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["pk", "limit", "offset"])
        let envelope = document["components"]?["schemas"]?["PaginatedNoteList"]
        #expect(envelope?["properties"]?.objectValue?.keys == ["count", "next", "previous", "results"])
        #expect(envelope?["properties"]?["next"]?["type"] == ["string", "null"])
        #expect(document["components"]?["securitySchemes"]?["basicAuth"] == ["scheme": "basic", "type": "http"])
        #expect(document["openapi"] == "3.1.0")
    }

    @Test func theSameApplicationGivesTheSameBytes() throws {
        let generator = SchemaGenerator(title: "Gadgets")
        let first = SchemaGenerator.render(generator.document(urls: try F.urls(), settings: F.settings()))
        for _ in 0..<3 {
            #expect(SchemaGenerator.render(generator.document(urls: try F.urls(), settings: F.settings())) == first)
        }
        // Keys sorted except in `paths` and `properties`.
        let text = String(decoding: first, as: UTF8.self)
        #expect(text.hasPrefix("{\n  \"components\": {"))
        #expect(text.hasSuffix("}\n"))
    }

    @Test func theSchemaViewAnswersTheDocument() throws {
        let app = Application(urls: try F.urls(), settings: F.settings())
        let response = app.handle(Request(method: .get, path: "/api/schema/"))
        #expect(response.status == 200)
        #expect(response.headers["Content-Type"] == "application/vnd.oai.openapi+json")
        let expected = SchemaGenerator.render(SchemaGenerator().document(urls: try F.urls(), settings: F.settings()))
        #expect(response.body == expected)
        let plain = app.handle(Request(method: .get, path: "/api/schema/", headers: ["Accept": "application/json"]))
        #expect(plain.status == 200 && plain.headers["Content-Type"] == "application/json")
    }
}
