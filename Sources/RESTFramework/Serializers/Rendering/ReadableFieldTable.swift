/// A serializer's readable fields, and their readers per row type (worked out once per class
/// and type: a retrieve represents one row per request).
final class ReadableFieldTable: Sendable {
    let fields: [ReadableField]
    /// Whether a field is a nested serializer: only then does a rendering keep child
    /// serializers (`NestedChildren`), so other serializers allocate nothing for it.
    let nestsSerializers: Bool
    private let readers = SnapshotCache<ObjectIdentifier, [RowReader]>()

    init(_ fields: [ReadableField]) {
        self.fields = fields
        nestsSerializers = fields.contains { $0.field is NestedSerializerField }
    }

    func readers(for type: any FieldReadable.Type) -> [RowReader] {
        readers.value(for: type) {
            let layout = type.fieldLayout?.source
            return fields.map { field in
                guard let source = field.valueSource, let layout else { return RowReader(read: nil, readPartial: nil) }
                if let read = layout.reader(ofField: source) { return RowReader(read: read, readPartial: nil) }
                return RowReader(read: nil, readPartial: layout.partialReader(ofField: source))
            }
        }
    }
}

/// A field's reader for one row type, or nil: in a struct, so that calling it from the array
/// needs no reabstraction thunk.
struct RowReader: Sendable {
    let read: FieldReader?
    /// For a field without `read`: a reader whose value may be missing (across a relation).
    let readPartial: PartialFieldReader?
}
