/// A `RelatedQueryset` that can also list its rows, so the browsable API's HTML form shows a
/// related field as a `<select>` of them (DRF's `RelatedField.get_choices`). The model layer's
/// `ModelRelatedQueryset` adopts it; a queryset that only looks values up is a text input.
///
///     struct TagChoices: ListableRelatedQueryset {
///         func keyType(of field: String) -> RelatedKeyType { .text }
///         func primaryKey(where field: String, equals value: FieldValue, context: SerializerContext) throws -> FieldValue? { nil }
///         func candidates(limit: Int, context: SerializerContext) throws -> [any FieldReadable] { [] }
///     }
public protocol ListableRelatedQueryset: RelatedQueryset {
    /// The first `limit` rows the field accepts, in the queryset's order (DRF's
    /// `queryset[:cutoff]`), for the request in `context` (the rows may depend on the user).
    func candidates(limit: Int, context: SerializerContext) throws -> [any FieldReadable]
}

/// The related fields whose input is looked up in a `queryset`.
protocol QuerysetRelatedField: RelatedField {
    var queryset: (any RelatedQueryset)? { get }
}

extension PrimaryKeyRelatedField: QuerysetRelatedField {}
extension SlugRelatedField: QuerysetRelatedField {}
extension HyperlinkedRelatedField: QuerysetRelatedField {}

/// A related field's options in an HTML form: DRF's `iter_options(get_choices(cutoff), cutoff,
/// cutoff_text)`.
struct RelatedChoices {
    /// Each row as the field writes it (the option's value, what the form sends back) and as
    /// Django's `str()` shows it.
    var options: [(value: String, display: String)]
    /// When the rows reached the cutoff: DRF's disabled last option, "More than 1000 items...".
    var cutoffText: String?
    var many: Bool
    /// Whether the select offers an empty choice (DRF's `allow_null`).
    var allowNull: Bool

    /// Nil when the field is read-only or its queryset cannot list rows (then a text input).
    static func of(_ field: any SerializerField, cutoff: Int, cutoffText: String, context: SerializerContext) throws
        -> RelatedChoices?
    {
        guard !field.readOnly, let related = field as? any QuerysetRelatedField,
            let queryset = related.queryset as? any ListableRelatedQueryset
        else { return nil }
        // No cutoff (DRF's `html_cutoff=None`): every row.
        let limit = cutoff > 0 ? cutoff : Int(Int32.max)
        let options = try queryset.candidates(limit: limit, context: context).prefix(limit).map { row in
            (
                value: BrowsableForms.formText(try related.representation(ofRelated: row, context: context)),
                display: StringRelatedField.text(of: row)
            )
        }
        return RelatedChoices(
            options: options,
            cutoffText: cutoff > 0 && options.count >= cutoff ? cutoffText.replacingOccurrences(of: "{count}", with: String(cutoff)) : nil,
            many: related.many, allowNull: related.allowNull)
    }
}
