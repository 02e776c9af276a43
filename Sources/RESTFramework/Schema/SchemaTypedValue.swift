/// A Swift value whose JSON the OpenAPI document can type from its Swift type alone: what a
/// typed `SerializerMethodField` returns (drf-spectacular reads a method's type hint; here the
/// compiler checks it). `Optional` adds `null`, an array types its items.
///
///     SerializerMethodField("task_total") { project, _ -> Int64 in
///         (project.fieldValue("task_count")?.intValue ?? 0) + 1
///     }
///     // "task_total": {"type": "integer", "readOnly": true}
public protocol SchemaTypedValue: SendableMetatype {
    /// The value as the response writes it.
    var schemaTypedJSON: JSON { get }
    /// The JSON Schema every value of this type satisfies.
    static var openAPISchema: JSON { get }
}

extension Int: SchemaTypedValue {
    public var schemaTypedJSON: JSON { .int(Int64(self)) }
    public static var openAPISchema: JSON { ["type": "integer"] }
}

extension Int64: SchemaTypedValue {
    public var schemaTypedJSON: JSON { .int(self) }
    public static var openAPISchema: JSON { ["type": "integer"] }
}

extension Double: SchemaTypedValue {
    public var schemaTypedJSON: JSON { .double(self) }
    public static var openAPISchema: JSON { ["type": "number"] }
}

extension Bool: SchemaTypedValue {
    public var schemaTypedJSON: JSON { .bool(self) }
    public static var openAPISchema: JSON { ["type": "boolean"] }
}

extension String: SchemaTypedValue {
    public var schemaTypedJSON: JSON { .string(self) }
    public static var openAPISchema: JSON { ["type": "string"] }
}

extension DateTime: SchemaTypedValue {
    /// As `DateTimeField` writes it (DRF's ISO 8601).
    public var schemaTypedJSON: JSON { .string(iso8601) }
    public static var openAPISchema: JSON { ["type": "string", "format": "date-time"] }
}

extension Optional: SchemaTypedValue where Wrapped: SchemaTypedValue {
    public var schemaTypedJSON: JSON { map(\.schemaTypedJSON) ?? .null }
    public static var openAPISchema: JSON { FieldSchema.nullable(Wrapped.openAPISchema) }
}

extension Array: SchemaTypedValue where Element: SchemaTypedValue {
    public var schemaTypedJSON: JSON { .array(map(\.schemaTypedJSON)) }
    public static var openAPISchema: JSON { ["type": "array", "items": Element.openAPISchema] }
}
