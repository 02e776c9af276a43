/// A field that says its own JSON Schema (a custom field; the built-in ones are mapped by
/// `FieldSchema`). Nullability, `readOnly`/`writeOnly` and the description are added to it.
///
///     extension UpperCaseField: OpenAPIFieldDescribing {
///         var openAPISchema: JSON { ["type": "string", "pattern": "^[A-Z]*$"] }
///     }
public protocol OpenAPIFieldDescribing: SerializerField {
    var openAPISchema: JSON { get }
}

/// A serializer that knows what a `ReadOnlyField`'s `source` holds, so the document types it
/// (drf-spectacular follows the source through the model's fields; past it, a column's Swift
/// type also says its nullability across the relations). `ModelSerializer` adopts it: `owner_id`
/// is the key column's type, `account.name` the account's `name` column, nullable when the
/// `account` key is. Nil: not known (a model property, a plain serializer), left untyped.
public protocol ReadOnlySourceDescribing: Serializer {
    static func openAPISchema(ofSource source: String) -> JSON?
    /// Whether the value at `source` may be missing (a nullable key on the way): DRF answers
    /// null for any field whose source is None (`lead` of a project without one), so the
    /// answer's schema allows null even where the field does not say `allowNull`.
    static func openAPISourceMayBeNull(_ source: String) -> Bool
}

/// Which side of the wire a schema describes: what a client sends, or what it gets.
public enum SchemaDirection: Sendable {
    case request, response
}

/// A serializer field as OpenAPI 3.1's JSON Schema, drf-spectacular's `_map_serializer_field`:
/// formats (`uuid`, `date`, `date-time`, `duration`, `email`, `uri`), decimal strings with their
/// pattern, `maxLength`/`minLength`, `minimum`/`maximum`, `enum` for choices, nested serializers
/// as component references, and nullability as a type array (`["string", "null"]`).
///
///     var components = SchemaComponents()
///     let title = FieldSchema.schema(for: CharField("title", maxLength: 200), direction: .request, components: &components)
///     // {"maxLength":200,"type":"string"}
///     let due = FieldSchema.schema(for: DateField("due", allowNull: true), direction: .response, components: &components)
///     // {"format":"date","type":["string","null"]}
public enum FieldSchema {
    public static func schema(
        for field: any SerializerField, direction: SchemaDirection, components: inout SchemaComponents
    ) -> JSON {
        completed(baseSchema(for: field, direction: direction, components: &components), of: field)
    }

    /// `schema`, nullability and the access flags and description of `field` added.
    static func completed(_ schema: JSON, of field: any SerializerField) -> JSON {
        var schema = schema
        if field.allowNull { schema = nullable(schema) }
        guard case .object(var object) = schema else { return schema }
        if field.readOnly { object["readOnly"] = true }
        if field.writeOnly { object["writeOnly"] = true }
        if let help = field.options.helpText, !help.isEmpty { object["description"] = .string(help) }
        return .object(object)
    }

    /// The schema without nullability and access flags.
    static func baseSchema(for field: any SerializerField, direction: SchemaDirection, components: inout SchemaComponents) -> JSON {
        if let described = field as? any OpenAPIFieldDescribing { return described.openAPISchema }
        switch field {
        case let field as CharField: return text(field)
        case let field as EmailField: return formatted(field.text, "email")
        case let field as URLField: return formatted(field.text, "uri")
        case let field as SlugField:
            return merged(text(field.text), ["pattern": field.allowUnicode ? "^[-\\w]+$" : "^[-a-zA-Z0-9_]+$"])
        case let field as IntegerField:
            return bounded(["type": "integer"], min: field.minValue.map(JSON.int), max: field.maxValue.map(JSON.int))
        case let field as FloatField:
            return bounded(["type": "number", "format": "double"], min: field.minValue.map(limit), max: field.maxValue.map(limit))
        case let field as DecimalField: return decimal(field)
        case is BooleanField: return ["type": "boolean"]
        case let field as UUIDField:
            switch field.format {
            case .int: return ["type": "integer"]
            case .hex: return ["type": "string", "pattern": "^[0-9a-f]{32}$"]
            case .hexVerbose: return ["type": "string", "format": "uuid"]
            case .urn: return ["type": "string", "pattern": "^urn:uuid:[0-9a-f-]{36}$"]
            }
        case is DateField: return ["type": "string", "format": "date"]
        case is DateTimeField: return ["type": "string", "format": "date-time"]
        case is TimeField: return ["type": "string", "format": "time"]
        case let field as DurationField:
            // JSON Schema's `duration` is ISO 8601; Django's own text (`"1 02:00:00"`) gets a pattern.
            if field.format == .iso8601 { return ["type": "string", "format": "duration"] }
            return ["type": "string", "pattern": #"^-?(\d+ )?(\d+:)?(\d+:)?\d+(\.\d+)?$"#]
        case let field as ChoiceField: return choices(field.choices.map(\.value.json), blank: field.allowBlank, null: field.allowNull)
        case let field as MultipleChoiceField:
            return ["type": "array", "items": choices(field.choices.map(\.value.json), blank: field.allowBlank, null: false)]
        case let field as ListField:
            var array = JSONObject.schema([
                "type": "array", "items": schema(for: field.child, direction: direction, components: &components),
            ])
            if let max = field.maxLength { array["maxItems"] = JSON(max) }
            if let min = field.minLength { array["minItems"] = JSON(min) } else if !field.allowEmpty { array["minItems"] = 1 }
            return .object(array)
        case let field as DictField:
            return ["type": "object", "additionalProperties": schema(for: field.child, direction: direction, components: &components)]
        case let field as MethodField:
            // A closure returning a Swift value says its type; one returning JSON does not.
            return field.valueSchema ?? .object(JSONObject())
        case is JSONField, is ReadOnlyField:
            // Any JSON value: the field does not say what it holds (a model serializer types a
            // `ReadOnlyField` from its source's column, `ReadOnlySourceDescribing`).
            return .object(JSONObject())
        case let field as HyperlinkedIdentityField:
            _ = field
            return ["type": "string", "format": "uri"]
        case let field as HyperlinkedRelatedField: return many(["type": "string", "format": "uri"], field.many, field.allowEmpty)
        case let field as PrimaryKeyRelatedField:
            return many(keySchema(field.queryset?.keyType(of: "pk") ?? .integer), field.many, field.allowEmpty)
        case let field as SlugRelatedField:
            return many(keySchema(field.queryset?.keyType(of: field.slugField) ?? .text), field.many, field.allowEmpty)
        case let field as StringRelatedField: return many(["type": "string"], field.many, true)
        case let field as NestedSerializerField:
            let reference = components.reference(to: field.serializer, direction: direction, partial: false)
            return many(reference, field.many, field.allowEmpty)
        default:
            return fallback(field.metadataType)
        }
    }

    /// A field of another kind by what OPTIONS calls it.
    static func fallback(_ metadataType: String) -> JSON {
        switch metadataType {
        case "string", "email", "url", "slug", "regex", "choice": return ["type": "string"]
        case "integer": return ["type": "integer"]
        case "float", "decimal": return ["type": "number"]
        case "boolean": return ["type": "boolean"]
        case "date": return ["type": "string", "format": "date"]
        case "datetime": return ["type": "string", "format": "date-time"]
        case "list", "multiple choice": return ["type": "array", "items": .object(JSONObject())]
        case "nested object": return ["type": "object"]
        default: return .object(JSONObject())
        }
    }

    static func text(_ field: CharField) -> JSON {
        var object = JSONObject.schema(["type": "string"])
        if let max = field.maxLength { object["maxLength"] = JSON(max) }
        if let min = field.minLength { object["minLength"] = JSON(min) }
        return .object(object)
    }

    /// Text of a format; with `allowBlank`, `""` is valid too (a user without an email).
    static func formatted(_ field: CharField, _ format: String) -> JSON {
        guard field.allowBlank else { return merged(text(field), ["format": .string(format)]) }
        return merged(text(field), ["anyOf": [["format": .string(format)], ["const": ""]]])
    }

    /// DRF's decimal strings (`"1250.00"`) with drf-spectacular's pattern: at most
    /// `maxDigits - decimalPlaces` digits before the point and `decimalPlaces` after.
    static func decimal(_ field: DecimalField) -> JSON {
        guard field.coerceToString != false else {
            return bounded(["type": "number", "format": "double"], min: field.minValue.map(limit), max: field.maxValue.map(limit))
        }
        var object = JSONObject.schema(["type": "string", "format": "decimal"])
        if let digits = field.maxDigits, let places = field.decimalPlaces {
            object["pattern"] = .string(#"^-?\d{0,\#(max(digits - places, 0))}(?:\.\d{0,\#(places)})?$"#)
        } else if let places = field.decimalPlaces {
            object["pattern"] = .string(#"^-?\d*(?:\.\d{0,\#(places)})?$"#)
        }
        return .object(object)
    }

    static func limit(_ limit: NumberLimit) -> JSON {
        switch limit {
        case .int(let value): return .int(value)
        case .double(let value): return .double(value)
        default: return JSON.double(Double(limit.text) ?? 0)
        }
    }

    static func bounded(_ schema: JSON, min: JSON?, max: JSON?) -> JSON {
        var object = JSONObject.schema(schema)
        if let min { object["minimum"] = min }
        if let max { object["maximum"] = max }
        return .object(object)
    }

    /// `enum` with the JSON type of the values (drf-spectacular names these `StatusEnum`; here
    /// they stay inline, as the field says them).
    static func choices(_ values: [JSON], blank: Bool, null: Bool) -> JSON {
        var values = values
        if blank && !values.contains("") { values.append("") }
        var types: [String] = []
        for value in values {
            let type: String
            switch value {
            case .int, .bigInt: type = "integer"
            case .double: type = "number"
            case .bool: type = "boolean"
            default: type = "string"
            }
            if !types.contains(type) { types.append(type) }
        }
        var object = JSONObject()
        if types.count == 1 {
            object["type"] = .string(types[0])
        } else if !types.isEmpty {
            object["type"] = .array(types.map(JSON.string))
        }
        object["enum"] = .array(values)
        _ = null  // `nullable` adds null to the type and the values.
        return .object(object)
    }

    static func keySchema(_ type: RelatedKeyType) -> JSON {
        switch type {
        case .integer: return ["type": "integer"]
        case .uuid: return ["type": "string", "format": "uuid"]
        case .text: return ["type": "string"]
        case .other: return .object(JSONObject())
        }
    }

    static func many(_ item: JSON, _ many: Bool, _ allowEmpty: Bool) -> JSON {
        guard many else { return item }
        var array = JSONObject.schema(["type": "array", "items": item])
        if !allowEmpty { array["minItems"] = 1 }
        return .object(array)
    }

    static func merged(_ schema: JSON, _ extra: JSON) -> JSON {
        guard case .object(var object) = schema else { return schema }
        for (key, value) in JSONObject.schema(extra) { object[key] = value }
        return .object(object)
    }

    /// OpenAPI 3.1's nullability: `null` in the type array (and in `enum`), or a `oneOf` with
    /// `{"type":"null"}` around a reference; a schema without a type already allows null.
    public static func nullable(_ schema: JSON) -> JSON {
        guard case .object(var object) = schema else { return schema }
        if object["$ref"] != nil {
            return ["oneOf": [schema, ["type": "null"]]]
        }
        switch object["type"] {
        case .string(let type)?: object["type"] = [.string(type), "null"]
        case .array(var types)?:
            if !types.contains("null") { types.append("null") }
            object["type"] = .array(types)
        default: return schema
        }
        if case .array(var values)? = object["enum"], !values.contains(.null) {
            values.append(.null)
            object["enum"] = .array(values)
        }
        return .object(object)
    }
}
