/// A serializer used as a field (DRF's `lead = UserBriefSerializer(read_only=True)`): the
/// related row at `source` rendered by `serializer`, `null` when there is none; with `many`, a
/// list (a to-many relation). OPTIONS shows it as DRF does: `"nested object"` with `children`,
/// or with `many` a `"field"` whose `child` is that nested object.
///
///     final class LeadSerializer: Serializer {
///         override class var fields: [any SerializerField] { [IntegerField("id", readOnly: true), CharField("username")] }
///     }
///     NestedSerializerField("lead", LeadSerializer.self, readOnly: true, allowNull: true)   // {"id":3,"username":"ada"} or null
///     NestedSerializerField("tags", TagSerializer.self, many: true, readOnly: true)
///
/// Writable (not `readOnly`), the input object is validated by `serializer` (its errors nested
/// under the field's name, `{"lead":{"username":["This field is required."]}}`) and the
/// validated value is `.jsonValue` of its validated data (a list of them with `many`). Saving
/// it is the parent serializer's `create`/`update` override, as in DRF (docs/framework.md,
/// "Writable nested serializers").
public struct NestedSerializerField: SerializerField, RelationReadingField {
    public var options: FieldOptions
    public let serializer: Serializer.Type
    public var many: Bool
    public var allowEmpty: Bool

    public init(
        _ name: String, _ serializer: Serializer.Type, many: Bool = false, allowEmpty: Bool = true,
        source: String? = nil, required: Bool? = nil, readOnly: Bool = false, writeOnly: Bool = false,
        default defaultValue: FieldDefault? = nil, allowNull: Bool = false, label: String? = nil,
        helpText: String? = nil, validators: [any Validator] = [], errorMessages: [String: String] = [:]
    ) {
        options = FieldOptions(
            name: name, source: source, required: required, readOnly: readOnly, writeOnly: writeOnly,
            default: defaultValue, allowNull: allowNull, label: label, helpText: helpText,
            validators: validators, errorMessages: errorMessages)
        self.serializer = serializer
        self.many = many
        self.allowEmpty = allowEmpty
    }

    // MARK: Output

    public func representation(of instance: any FieldReadable, context: SerializerContext) throws -> JSON? {
        guard let related = try instance.relatedInstances(atSource: source, context: context) else {
            throw SerializerConfigurationError(
                "NestedSerializerField `\(name)` reads the relation `\(source)`, which \(type(of: instance)) does not declare "
                    + "(declare it in the model's `relations`, or implement `relatedInstances` on the type).")
        }
        let child = context.nestedChildren?.child(serializer, context: context) ?? serializer.init(context: context)
        switch related {
        case .one(nil): return many ? .array([]) : .null
        case .one(let object?):
            let json = try child.toRepresentation(object)
            return many ? .array([json]) : json
        case .many(let objects): return .array(try objects.map { try child.toRepresentation($0) })
        }
    }

    public func toRepresentation(_ value: FieldValue, context: SerializerContext) throws -> JSON { value.json }

    // MARK: Input

    public func toInternalValue(_ data: JSON, context: FieldValidationContext) throws -> FieldValue {
        let serializerContext = context.serializerContext
        if many {
            let list = ListSerializer(
                child: serializer, data: data, partial: context.partial, context: serializerContext, allowEmpty: allowEmpty)
            guard try list.isValid() else { throw ValidationError(list.errors) }
            return .jsonValue(.array(list.validatedData.map(\.json)))
        }
        let nested = serializer.init(data: data, partial: context.partial, context: serializerContext)
        guard try nested.isValid() else {
            // DRF's nested "Invalid data. Expected a dictionary" is under non_field_errors too.
            throw ValidationError(nested.errors)
        }
        return .jsonValue(nested.validatedData.json)
    }

    // MARK: Metadata

    public var metadataType: String { many ? "field" : "nested object" }

    /// DRF's `children` (the nested serializer's fields), or with `many` its `child`.
    public var metadataAttributes: [(String, JSON)] {
        let children = serializer.init().fieldsMetadata
        guard many else { return [("children", children)] }
        let child: [(String, JSON)] = [
            ("type", .string("nested object")), ("required", .bool(options.required)),
            ("read_only", .bool(options.readOnly)), ("children", children),
        ]
        return [("child", .object(JSONObject(child)))]
    }

    /// The relation itself, and what the nested serializer reads across further (a to-one's
    /// hops only: paths under a to-many relation are not fetched for the page).
    public var relatedPaths: [String] {
        guard source != "*" else { return serializer.relatedPaths }
        let own = source.replacingOccurrences(of: ".", with: "__")
        return many ? [own] : [own] + serializer.relatedPaths.map { own + "__" + $0 }
    }
}

extension ValidatedData {
    /// The validated data of a writable `NestedSerializerField` (its value in the parent's
    /// validated data), for the parent's `create`/`update` override; nil when the value is
    /// null or absent. Values come back from JSON: text, numbers, booleans, lists (`.jsonValue`
    /// for arrays and objects), which the model layer coerces to its columns.
    ///
    ///     if let lead = ValidatedData(nested: validatedData["lead"]) { try Authors.insert(lead) }
    public init?(nested value: FieldValue?) {
        guard case .jsonValue(.object(let object))? = value else { return nil }
        self.init(object.pairs.map { ($0.key, RelatedKeyReading.asSent($0.value)) })
    }

    /// The validated data of each item of a writable `NestedSerializerField` with `many`.
    public static func nestedList(_ value: FieldValue?) -> [ValidatedData] {
        guard case .jsonValue(.array(let items))? = value else { return [] }
        return items.compactMap { ValidatedData(nested: .jsonValue($0)) }
    }
}
