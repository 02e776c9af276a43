/// The document's `components.schemas`: one per serializer, named as drf-spectacular names them
/// with `COMPONENT_SPLIT_REQUEST`: `Project` for what the API answers and, where read-only or
/// write-only fields make them differ, `ProjectRequest` for what a client sends and
/// `PatchedProjectRequest` for PATCH (nothing required). A serializer without such fields has
/// one form, `Tag` (`PatchedTag` for PATCH).
///
///     var components = SchemaComponents()
///     let user = components.reference(to: UserSerializer.self, direction: .response, partial: false)
///     // {"$ref":"#/components/schemas/User"}
public struct SchemaComponents: Sendable {
    /// Name → schema, in the order first referenced (the document sorts them).
    public private(set) var schemas: [String: JSON] = [:]
    /// Which serializer each base name belongs to, so that two serializers of one name get two.
    private var owners: [String: ObjectIdentifier] = [:]
    private var baseNames: [ObjectIdentifier: String] = [:]

    public init() {}

    /// Registers the form of `serializer` for `direction` (made once) and answers a `$ref` to it.
    public mutating func reference(to serializer: Serializer.Type, direction: SchemaDirection, partial: Bool) -> JSON {
        let instance = serializer.init()
        let fields = instance.fields.filter { !($0 is HiddenField) }
        let split = fields.contains { $0.readOnly || $0.writeOnly }
        let base = baseName(of: serializer)
        let name: String
        switch (direction, split, partial) {
        case (.response, _, _): name = base
        case (.request, true, false): name = base + "Request"
        case (.request, true, true): name = "Patched" + base + "Request"
        case (.request, false, false): name = base
        case (.request, false, true): name = "Patched" + base
        }
        if schemas[name] == nil {
            // Claimed before the fields are mapped: a serializer nested in itself refers to it.
            schemas[name] = .object(JSONObject())
            schemas[name] = objectSchema(
                fields, direction: direction, split: split, partial: partial,
                sources: serializer as? any ReadOnlySourceDescribing.Type)
        }
        return ["$ref": .string("#/components/schemas/" + name)]
    }

    /// The object schema of `fields`: properties in field order, `required` as the wire has it.
    mutating func objectSchema(
        _ fields: [any SerializerField], direction: SchemaDirection, split: Bool, partial: Bool,
        sources: (any ReadOnlySourceDescribing.Type)? = nil
    ) -> JSON {
        var properties = JSONObject()
        var required: [JSON] = []
        for field in fields {
            switch direction {
            case .response:
                if field.writeOnly { continue }
                // DRF writes every readable field of every instance.
                required.append(.string(field.name))
            case .request:
                if field.readOnly && split { continue }
                if field.required && !field.readOnly && !partial { required.append(.string(field.name)) }
            }
            var schema: JSON
            if field is ReadOnlyField, let typed = sources?.openAPISchema(ofSource: field.source) {
                schema = FieldSchema.completed(typed, of: field)
            } else {
                schema = FieldSchema.schema(for: field, direction: direction, components: &self)
            }
            if direction == .response, !field.allowNull, sources?.openAPISourceMayBeNull(field.source) == true {
                schema = FieldSchema.nullable(schema)
            }
            properties[field.name] = schema
        }
        var object = JSONObject([("type", "object"), ("properties", .object(properties))])
        if !required.isEmpty { object["required"] = .array(required) }
        return .object(object)
    }

    /// `ProjectSerializer` → `Project`; a second serializer of the same name gets `Project2`.
    mutating func baseName(of serializer: Serializer.Type) -> String {
        let id = ObjectIdentifier(serializer)
        if let known = baseNames[id] { return known }
        var name = ViewNaming.className(of: serializer)
        if name.hasSuffix("Serializer") && name != "Serializer" { name.removeLast("Serializer".count) }
        var candidate = name
        var number = 2
        while let owner = owners[candidate], owner != id {
            candidate = name + String(number)
            number += 1
        }
        owners[candidate] = id
        baseNames[id] = candidate
        return candidate
    }

    /// Adds a schema of the framework's own (error shapes, pagination envelopes) under `name`.
    mutating func register(_ name: String, _ schema: JSON) -> JSON {
        if schemas[name] == nil { schemas[name] = schema }
        return ["$ref": .string("#/components/schemas/" + name)]
    }
}

extension JSONObject {
    /// The members of a JSON object literal (`JSONObject.schema(["type": "string"])`); empty for
    /// anything else.
    static func schema(_ json: JSON) -> JSONObject { json.objectValue ?? JSONObject() }
}
