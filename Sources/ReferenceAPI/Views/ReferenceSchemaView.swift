import RESTFramework

/// `GET /api/schema/`: the OpenAPI 3.1 document of the reference API (open to anyone).
/// `api-server schema` writes the same bytes offline.
final class ReferenceSchemaView: SchemaView {
    override class var generator: SchemaGenerator { ReferenceAPI.schemaGenerator }
}

extension ReferenceAPI {
    /// The document's title and version.
    public static let schemaGenerator = SchemaGenerator(
        title: "Reference API", version: "1.0.0",
        description: "shared/spec/reference-api.md and reference-api-2.md, served by swift-rest-framework.")
}
