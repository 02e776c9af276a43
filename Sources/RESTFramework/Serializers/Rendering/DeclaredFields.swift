/// Each serializer class's `fields`, built once per class and shared by every instance and
/// worker thread (fields are values, so an instance adjusting its own copy changes nothing
/// here). Building them is not free: a serializer made its fields, their labels and validators
/// anew for every request, a large share of a whole retrieve (docs/profile.md).
enum DeclaredFields {
    private static let declared = SnapshotCache<ObjectIdentifier, [any SerializerField]>()

    static func of(_ type: Serializer.Type) -> [any SerializerField] {
        declared.value(for: type) { type.fields }
    }

    private static let readableTables = SnapshotCache<ObjectIdentifier, ReadableFieldTable>()

    /// The declared fields that are not write-only, with their names.
    static func readable(of type: Serializer.Type) -> ReadableFieldTable {
        readableTables.value(for: type) { ReadableFieldTable(readable(in: of(type))) }
    }

    static func readable(in fields: [any SerializerField]) -> [ReadableField] {
        fields.compactMap { $0.writeOnly ? nil : ReadableField(name: $0.name, field: $0) }
    }
}
