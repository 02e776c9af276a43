import RESTFramework

/// DRF's `serializer_field_mapping` (and `serializer_related_field`, `serializer_choice_field`,
/// `serializer_url_field`): the one table that turns a model column's kwargs into a serializer
/// field. A column type without a field class here is a configuration error naming the type
/// (declare that field explicitly); adding a field class for it is adding its case below.
enum ModelFieldMapping {
    /// The field for `kwargs`, or nil when this column type has no field class yet.
    static func field(_ kwargs: ModelFieldKwargs) -> (any SerializerField)? {
        switch kwargs.kind {
        case .url(let viewName):
            return HyperlinkedIdentityField(
                kwargs.name, viewName: viewName, lookupField: kwargs.lookupField ?? "pk", label: kwargs.label,
                helpText: kwargs.helpText)
        case .property:
            return ReadOnlyField(kwargs.name, source: kwargs.source, label: kwargs.label, helpText: kwargs.helpText)
        case .relation:
            // (DRF's PrimaryKeyRelatedField; keys beyond Int64 are the relations work's.)
            var field = PrimaryKeyRelatedField(
                kwargs.name, lookup: kwargs.readOnly == true ? nil : kwargs.lookup, readOnly: kwargs.readOnly ?? false)
            field.options = kwargs.fieldOptions
            return field
        case .column(let type):
            if let choices = kwargs.choices { return choiceField(kwargs, choices: choices) }
            return standardField(type, kwargs)
        }
    }

    /// DRF's `ChoiceField` for a column with choices (a `ColumnEnum`), with DRF's valid kwargs
    /// only (no lengths, limits or digits: `inferredKwargs` leaves them out).
    static func choiceField(_ kwargs: ModelFieldKwargs, choices: [Choice]) -> (any SerializerField)? {
        // fieldsb (ChoiceField): `ChoiceField(kwargs.name, choices: choices, allowBlank: kwargs.allowBlank ?? false)`
        // with `options = kwargs.fieldOptions`.
        nil
    }

    /// The field class of each column type (DRF's `serializer_field_mapping` by model field class).
    static func standardField(_ type: ColumnType, _ kwargs: ModelFieldKwargs) -> (any SerializerField)? {
        let options = kwargs.fieldOptions
        switch type {
        case .int, .smallint:
            var field = IntegerField(kwargs.name, maxValue: kwargs.maxValue?.intValue, minValue: kwargs.minValue?.intValue)
            field.options = options
            return field
        case .text:
            var field = CharField(
                kwargs.name, allowBlank: kwargs.allowBlank ?? false, maxLength: kwargs.maxLength, minLength: kwargs.minLength)
            field.options = options
            return field
        case .bool:
            var field = BooleanField(kwargs.name)
            field.options = options
            return field
        case .timestamptz:
            var field = DateTimeField(kwargs.name)
            field.options = options
            return field
        // The field classes being built in issue 14 §1 plug in here:
        // fieldsa: FloatField (.double, .real), DecimalField (.numeric: kwargs.maxDigits,
        // kwargs.decimalPlaces, kwargs.maxValue/minValue), UUIDField (.uuid), DateField (.date),
        // TimeField (.time), DurationField (.interval: kwargs.maxValue/minValue).
        case .double, .real, .numeric, .uuid, .date, .time, .interval:
            return nil
        // fieldsb: JSONField (.json, .jsonb), ListField with the element's field as child
        // (DRF's ArrayField → ListField(child=...)).
        case .json, .jsonb, .textArray, .smallintArray, .integerArray, .bigintArray:
            return nil
        // DRF maps BinaryField to its ModelField; no counterpart here.
        case .bytea:
            return nil
        }
    }
}
