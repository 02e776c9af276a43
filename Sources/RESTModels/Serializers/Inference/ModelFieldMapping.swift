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
        case .hyperlinkedRelation(let viewName):
            let readOnly = kwargs.readOnly == true || kwargs.lookup == nil
            var field = HyperlinkedRelatedField(
                kwargs.name, viewName: viewName, queryset: readOnly ? nil : kwargs.queryset, readOnly: readOnly)
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
        var field = ChoiceField(kwargs.name, choices: choices, allowBlank: kwargs.allowBlank ?? false)
        field.options = kwargs.fieldOptions
        return field
    }

    /// A column's limit as DRF shows a model validator's (`MinValueValidator(0)`: `0`).
    static func limit(_ value: FieldValue?) -> NumberLimit? {
        switch value {
        case .int(let number): .int(number)
        case .double(let number): .double(number)
        case .decimal(let number): .decimal(number)
        default: nil
        }
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
        case .double, .real:
            var field = FloatField(kwargs.name, maxValue: limit(kwargs.maxValue), minValue: limit(kwargs.minValue))
            field.options = options
            return field
        case .numeric:
            var field = DecimalField(
                kwargs.name, maxDigits: kwargs.maxDigits, decimalPlaces: kwargs.decimalPlaces,
                maxValue: limit(kwargs.maxValue), minValue: limit(kwargs.minValue))
            field.options = options
            return field
        case .uuid:
            var field = UUIDField(kwargs.name)
            field.options = options
            return field
        case .date:
            var field = DateField(kwargs.name)
            field.options = options
            return field
        case .time:
            var field = TimeField(kwargs.name)
            field.options = options
            return field
        case .interval:
            var field = DurationField(kwargs.name, maxValue: kwargs.maxValue?.durationValue, minValue: kwargs.minValue?.durationValue)
            field.options = options
            return field
        case .json, .jsonb:
            var field = JSONField(kwargs.name)
            field.options = options
            return field
        // DRF's ArrayField → ListField(child=<the element's field>).
        case .textArray:
            var field = ListField(kwargs.name, child: CharField(""))
            field.options = options
            return field
        case .smallintArray, .integerArray, .bigintArray:
            var field = ListField(kwargs.name, child: IntegerField(""))
            field.options = options
            return field
        // DRF maps BinaryField to its ModelField; no counterpart here.
        case .bytea:
            return nil
        }
    }
}
