import RESTFramework

/// The OpenAPI document types a `ReadOnlyField` of a model serializer from the column its
/// source names: `owner_id` (a key column by its own name), an annotation (`task_count`), or a
/// column across to-one relations (`account.name`), nullable when the column is or when a
/// relation on the way may have no row. A model property or a to-many path stays untyped. Any
/// field's answer may be null where its source passes a nullable relation (DRF writes None).
extension ModelSerializer: ReadOnlySourceDescribing {
    public static func openAPISchema(ofSource source: String) -> JSON? {
        var layout = ModelLayout.of(M.self)
        var nullable = false
        var names = source.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let last = names.removeLast()
        for name in names {
            guard let relation = layout.relation(named: name), relation.isForward else { return nil }
            nullable = nullable || relation.isNullable
            layout = relation.target()
        }
        guard let index = layout.index(ofField: last), let schema = layout.columns[index].type.readOnlySchema else { return nil }
        return nullable || layout.columns[index].isNullable ? FieldSchema.nullable(schema) : schema
    }

    /// A source through a nullable to-one relation (`lead`, `lead.username`), or a nullable column.
    public static func openAPISourceMayBeNull(_ source: String) -> Bool {
        guard source != "*" else { return false }
        var layout = ModelLayout.of(M.self)
        for name in source.split(separator: ".").map(String.init) {
            if let relation = layout.relation(named: name) {
                guard relation.isForward else { return false }
                if relation.isNullable { return true }
                layout = relation.target()
            } else {
                return layout.index(ofField: name).map { layout.columns[$0].isNullable } ?? false
            }
        }
        return false
    }
}

extension ColumnType {
    /// The JSON Schema of a value of this type as `ReadOnlyField` writes it (`FieldValue.json`):
    /// numbers for integer and float columns, text for decimals, UUIDs, dates, times and
    /// intervals. Nil where the column does not say (JSON holds anything).
    var readOnlySchema: JSON? {
        switch self {
        case .int, .smallint: return ["type": "integer"]
        case .text: return ["type": "string"]
        case .bool: return ["type": "boolean"]
        case .double, .real: return ["type": "number"]
        case .numeric: return ["type": "string", "format": "decimal"]
        case .timestamptz: return ["type": "string", "format": "date-time"]
        case .date: return ["type": "string", "format": "date"]
        case .time: return ["type": "string", "format": "time"]
        case .uuid: return ["type": "string", "format": "uuid"]
        case .interval, .bytea: return ["type": "string"]
        case .textArray: return ["type": "array", "items": ["type": ["string", "null"]]]
        case .smallintArray, .integerArray, .bigintArray: return ["type": "array", "items": ["type": ["integer", "null"]]]
        case .json, .jsonb: return nil
        }
    }
}
