/// DRF's `RelatedField`, with `many=True` (DRF's `ManyRelatedField`) as a flag: a field whose
/// value is another row. Input names the row (its pk, a slug, a hyperlink) and validates to its
/// primary key (`.list` of them with `many`), which `ModelSerializer` writes into the key
/// column, or makes the many-to-many's rows (`related(\.x, on:).set`). Output reads the related
/// row(s) at `source` through `FieldReadable.relatedInstances` (filled by `selectRelated` /
/// `prefetchRelated`, which a list view applies from `Serializer.relatedPaths`).
///
/// A conformer implements the two per-row steps; `relatedValidation` and `relatedRepresentation`
/// add DRF's surrounding rules (an empty string is null; a list with `many`).
///
///     SlugRelatedField("tags", slugField: "slug", queryset: ModelRelatedQueryset(Tag.objects), many: true)
public protocol RelatedField: SerializerField {
    /// DRF's `many=True`: a list of related rows (input and output).
    var many: Bool { get }
    /// With `many`: whether `[]` is accepted (DRF's `allow_empty`).
    var allowEmpty: Bool { get }
    /// One item of input to the related row's primary key (DRF's `to_internal_value` of the
    /// child relation); throws `ValidationError` with the field's message.
    func relatedKey(_ data: JSON, context: FieldValidationContext) throws -> FieldValue
    /// One related row's output (DRF's `to_representation(value)`).
    func representation(ofRelated object: any FieldReadable, context: SerializerContext) throws -> JSON
}

extension RelatedField {
    var manyMessages: ErrorMessages {
        ErrorMessages(
            defaults: [
                "not_a_list": "Expected a list of items but got type \"{input_type}\".",
                "empty": "This list may not be empty.",
            ], overrides: options.errorMessages)
    }

    /// DRF's `RelatedField.run_validation` (an empty string is null) or, with `many`,
    /// `ManyRelatedField.run_validation` (the standard rules, then a list).
    public func relatedValidation(_ data: JSON?, context: FieldValidationContext) throws -> FieldValue? {
        if !many, case .string("")? = data { return try runStandardValidation(.null, context: context) }
        return try runStandardValidation(data, context: context)
    }

    /// `relatedKey` for one item, or each item of a list (the first failure is the field's error,
    /// as DRF stops at it). Duplicates are kept, as DRF keeps them (a write links once).
    public func relatedInternalValue(_ data: JSON, context: FieldValidationContext) throws -> FieldValue {
        guard many else { return try relatedKey(data, context: context) }
        let items: [JSON]
        switch data {
        case .array(let array): items = array
        // DRF iterates what is iterable: a dict gives its keys.
        case .object(let object): items = object.pairs.map { .string($0.key) }
        default: throw manyMessages.fail("not_a_list", ["input_type": data.pythonTypeName])
        }
        if items.isEmpty && !allowEmpty { throw manyMessages.fail("empty") }
        return .list(try items.map { try relatedKey($0, context: context) })
    }

    /// The related row(s) at `source`, each as `representation(ofRelated:)` makes it; null for
    /// an empty to-one relation.
    public func relatedRepresentation(of instance: any FieldReadable, context: SerializerContext) throws -> JSON? {
        guard let related = try instance.relatedInstances(atSource: source, context: context) else {
            throw SerializerConfigurationError(
                "`\(type(of: self))` `\(name)` reads the relation `\(source)`, which \(type(of: instance)) does not declare "
                    + "(declare it in the model's `relations`, or implement `relatedInstances` on the type).")
        }
        switch related {
        case .one(nil): return many ? .array([]) : .null
        case .one(let object?):
            let json = try representation(ofRelated: object, context: context)
            return many ? .array([json]) : json
        case .many(let objects): return .array(try objects.map { try representation(ofRelated: $0, context: context) })
        }
    }

    /// The relation paths the field reads (`"tags"`, `"project__account"`), for `Serializer.relatedPaths`.
    var readPath: String { source.replacingOccurrences(of: ".", with: "__") }
}

/// What a field reads across relations, so a list view can fetch it for the whole page
/// (`Serializer.relatedPaths`). Fields with a dotted `source` need nothing more: their path is
/// worked out from it.
public protocol RelationReadingField: SerializerField {
    /// Relation paths with Django's double underscores (`"lead"`, `"project__account"`).
    var relatedPaths: [String] { get }
}
