import RESTFramework

/// What DRF's `build_field` hands the field class: the keyword arguments worked out from a
/// model column or relation (`get_field_kwargs`, `get_relation_kwargs`), then
/// `extra_kwargs` (`include_extra_kwargs`). `ModelFieldMapping` makes the field from them.
///
/// nil means "not passed" (the field's own default), as a missing key in DRF's dictionary.
public struct ModelFieldKwargs: Sendable {
    /// What the column is: the mapping table's key.
    public enum Kind: Sendable, Equatable {
        /// A column of this type (DRF's `build_standard_field`).
        case column(ColumnType)
        /// A foreign key or one-to-one by its relation name (`build_relational_field`).
        case relation
        /// The same in a `HyperlinkedModelSerializer`: a `HyperlinkedRelatedField` to the
        /// target's `<model>-detail` (DRF's `serializer_related_field` there).
        case hyperlinkedRelation(viewName: String)
        /// An annotation, a foreign key's `_id` column, anything else the instance has
        /// (`build_property_field`: a `ReadOnlyField`).
        case property
        /// `url` (`build_url_field`: a `HyperlinkedIdentityField` to `<model>-detail`).
        case url(viewName: String)
    }

    public var kind: Kind
    public var name: String
    /// nil: the name.
    public var source: String?
    public var readOnly: Bool?
    public var writeOnly: Bool?
    public var required: Bool?
    public var defaultValue: FieldDefault?
    public var allowNull: Bool?
    public var allowBlank: Bool?
    public var label: String?
    public var helpText: String?
    public var maxLength: Int?
    public var minLength: Int?
    public var maxValue: FieldValue?
    public var minValue: FieldValue?
    public var maxDigits: Int?
    public var decimalPlaces: Int?
    /// A column with choices: the mapping makes a `ChoiceField` (DRF's `serializer_choice_field`).
    public var choices: [Choice]?
    public var validators: [any Validator]?
    public var errorMessages: [String: String]?
    /// A relational field's candidates (DRF's `queryset`).
    public var lookup: (any RelatedLookup)?
    /// A hyperlinked relation's candidates (the target's rows), kept while `lookup` is.
    public var queryset: (any RelatedQueryset)?
    /// The `url` field's lookup (DRF's `lookup_field`); nil: `pk`.
    public var lookupField: String?

    public init(kind: Kind, name: String) {
        self.kind = kind
        self.name = name
    }

    /// DRF's `include_extra_kwargs`.
    mutating func include(_ extra: ExtraKwargs) {
        var extra = extra
        if extra.readOnly == true {
            required = nil
            defaultValue = nil
            allowBlank = nil
            minLength = nil
            maxLength = nil
            minValue = nil
            maxValue = nil
            validators = nil
            lookup = nil
        }
        if extra.defaultValue != nil && required == false { required = nil }
        if extra.readOnly ?? readOnly ?? false { extra.required = nil }
        if let v = extra.readOnly { readOnly = v }
        if let v = extra.writeOnly { writeOnly = v }
        if let v = extra.required { required = v }
        if let v = extra.defaultValue { defaultValue = v }
        if let v = extra.allowNull { allowNull = v }
        if let v = extra.allowBlank { allowBlank = v }
        if let v = extra.source { source = v }
        if let v = extra.label { label = v }
        if let v = extra.helpText { helpText = v }
        if let v = extra.maxLength { maxLength = v }
        if let v = extra.minLength { minLength = v }
        if let v = extra.maxValue { maxValue = v }
        if let v = extra.minValue { minValue = v }
        if let v = extra.validators { validators = v }
        if let v = extra.errorMessages { errorMessages = v }
        if let v = extra.lookup { lookup = v }
        if let v = extra.viewName, case .url = kind { kind = .url(viewName: v) }
        if let v = extra.lookupField { lookupField = v }
    }

    /// The arguments every field takes, as `FieldOptions` resolves them.
    public var fieldOptions: FieldOptions {
        let readOnly = self.readOnly ?? false
        return FieldOptions(
            name: name, source: source, required: readOnly ? nil : required, readOnly: readOnly,
            writeOnly: writeOnly ?? false, default: defaultValue, allowNull: allowNull ?? false,
            label: label, helpText: helpText, validators: validators ?? [], errorMessages: errorMessages ?? [:])
    }
}
