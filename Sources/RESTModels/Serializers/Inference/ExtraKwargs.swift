import RESTFramework

/// DRF's `Meta.extra_kwargs` for one inferred field: options that replace what the model
/// declaration gave (nil leaves it). Declared fields take none, as in DRF.
///
///     override class var extraKwargs: [String: ExtraKwargs] {
///         ["name": ExtraKwargs(minLength: 3), "lead": ExtraKwargs(writeOnly: true)]
///     }
///
/// DRF's `include_extra_kwargs` rules apply: `readOnly: true` drops `required`, `default`,
/// `allowBlank`, lengths, limits, validators and the related lookup; a `default` drops the
/// inferred `required: false`; a read-only field ignores `required`.
public struct ExtraKwargs: Sendable {
    public var readOnly: Bool?
    public var writeOnly: Bool?
    public var required: Bool?
    public var defaultValue: FieldDefault?
    public var allowNull: Bool?
    public var allowBlank: Bool?
    public var source: String?
    public var label: String?
    public var helpText: String?
    public var maxLength: Int?
    public var minLength: Int?
    public var maxValue: FieldValue?
    public var minValue: FieldValue?
    public var validators: [any Validator]?
    public var errorMessages: [String: String]?
    /// A relational field's candidates (DRF's `queryset`): `ModelRelatedLookup(...)`.
    public var lookup: (any RelatedLookup)?
    /// The `url` field's route and lookup (DRF's `view_name`, `lookup_field`): `lookupField: "slug"`.
    public var viewName: String?
    public var lookupField: String?

    public init(
        readOnly: Bool? = nil, writeOnly: Bool? = nil, required: Bool? = nil, default defaultValue: FieldDefault? = nil,
        allowNull: Bool? = nil, allowBlank: Bool? = nil, source: String? = nil, label: String? = nil,
        helpText: String? = nil, maxLength: Int? = nil, minLength: Int? = nil, maxValue: FieldValue? = nil,
        minValue: FieldValue? = nil, validators: [any Validator]? = nil, errorMessages: [String: String]? = nil,
        lookup: (any RelatedLookup)? = nil, viewName: String? = nil, lookupField: String? = nil
    ) {
        self.readOnly = readOnly
        self.writeOnly = writeOnly
        self.required = required
        self.defaultValue = defaultValue
        self.allowNull = allowNull
        self.allowBlank = allowBlank
        self.source = source
        self.label = label
        self.helpText = helpText
        self.maxLength = maxLength
        self.minLength = minLength
        self.maxValue = maxValue
        self.minValue = minValue
        self.validators = validators
        self.errorMessages = errorMessages
        self.lookup = lookup
        self.viewName = viewName
        self.lookupField = lookupField
    }

    /// `other`'s options over these (DRF's `dict.update`).
    func updated(with other: ExtraKwargs) -> ExtraKwargs {
        var merged = self
        if let v = other.readOnly { merged.readOnly = v }
        if let v = other.writeOnly { merged.writeOnly = v }
        if let v = other.required { merged.required = v }
        if let v = other.defaultValue { merged.defaultValue = v }
        if let v = other.allowNull { merged.allowNull = v }
        if let v = other.allowBlank { merged.allowBlank = v }
        if let v = other.source { merged.source = v }
        if let v = other.label { merged.label = v }
        if let v = other.helpText { merged.helpText = v }
        if let v = other.maxLength { merged.maxLength = v }
        if let v = other.minLength { merged.minLength = v }
        if let v = other.maxValue { merged.maxValue = v }
        if let v = other.minValue { merged.minValue = v }
        if let v = other.validators { merged.validators = v }
        if let v = other.errorMessages { merged.errorMessages = v }
        if let v = other.lookup { merged.lookup = v }
        if let v = other.viewName { merged.viewName = v }
        if let v = other.lookupField { merged.lookupField = v }
        return merged
    }
}
