/// What `ListField` and `DictField` share: their `child`, which validates and renders each item
/// (DRF binds it under the name `""`: its own name is not used, and OPTIONS shows no label for
/// it unless one was given), and DRF's default child, which takes any value as it is.
enum ChildField {
    /// DRF's `_UnvalidatedField`: any value, null and `""` included.
    static let unvalidated: any SerializerField = UnvalidatedField(options: FieldOptions(name: "", allowNull: true))

    /// DRF's `run_child_validation` for one item: its value, or its errors in the field's shape.
    static func validate(_ child: any SerializerField, _ item: JSON, context: FieldValidationContext) throws -> Result<
        FieldValue, ValidationError
    > {
        do {
            return .success(try child.runValidation(item, context: context) ?? .null)
        } catch let error as ValidationError {
            return .failure(error)
        }
    }

    /// An item's errors as DRF keeps them: a list (a lone message made one), or an object.
    static func errors(_ error: ValidationError) -> JSON { Serializer.fieldErrors(error.detail) }

    /// An item to output JSON: null as null without asking the child (DRF's `if item is not None`).
    static func represent(_ child: any SerializerField, _ item: FieldValue, context: SerializerContext) throws -> JSON {
        item.isNull ? .null : try child.toRepresentation(item, context: context)
    }

    /// SimpleMetadata's `child`: the child's info, without the label DRF's `bind(field_name="")`
    /// leaves empty (a label given explicitly stays).
    static func metadata(_ child: any SerializerField) -> JSON {
        guard case .object(let info) = child.metadataInfo else { return child.metadataInfo }
        let derived = child.label == FieldOptions.label(forName: child.name)
        return .object(
            JSONObject(info.pairs.filter { !($0.key == "label" && (derived || child.label.isEmpty)) }.map { ($0.key, $0.value) }))
    }
}

/// DRF's `_UnvalidatedField`, the default child: input kept as it is, output as stored.
struct UnvalidatedField: SerializerField {
    var options: FieldOptions

    func toInternalValue(_ data: JSON, context: FieldValidationContext) throws -> FieldValue {
        StructuredValue.fieldValue(data)
    }

    func toRepresentation(_ value: FieldValue, context: SerializerContext) throws -> JSON { value.json }
}

/// JSON values as field values and back, for the fields that hold lists and objects.
enum StructuredValue {
    /// A parsed JSON value as a field value: scalars as the scalar cases (a string is `.string`, so
    /// a child `CharField` renders it as text), arrays and objects as `.jsonValue`.
    static func fieldValue(_ json: JSON) -> FieldValue {
        switch json {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .double(let d): return .double(d)
        case .string(let s): return .string(s)
        case .bigInt, .array, .object: return .jsonValue(json)
        }
    }

    /// What Python's iteration of the stored value gives: a list's items, a JSON array's, a JSON
    /// object's keys, a string's code points.
    static func items(of value: FieldValue) -> [FieldValue] {
        switch value {
        case .list(let items): return items
        case .jsonValue(.array(let items)): return items.map(fieldValue)
        case .jsonValue(.object(let object)): return object.keys.map(FieldValue.string)
        case .string(let text): return text.unicodeScalars.map { .string(String($0)) }
        case .null: return []
        default: return [value]
        }
    }

    /// A stored mapping's members (a `jsonb` object), in order.
    static func members(of value: FieldValue) -> [(key: String, value: FieldValue)] {
        switch value {
        case .jsonValue(.object(let object)): return object.pairs.map { ($0.key, fieldValue($0.value)) }
        default: return []
        }
    }
}
