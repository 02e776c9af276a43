/// How a query value for a field is read before it filters: django-filter's filter class for
/// the model field's type (`FILTER_FOR_DBFIELD_DEFAULTS`), each backed by a Django form field
/// whose messages a client sees.
///
///     FilterFieldKind.number(.decimal)   // NumberFilter: "Enter a number."
public enum FilterFieldKind: Sendable, Hashable {
    /// `CharFilter` (`forms.CharField`): stripped text, no NUL characters.
    case text
    /// `NumberFilter` (`forms.DecimalField`, at most 1e50): the value as the column reads a
    /// `Decimal` (an integer column truncates it, as Django's `int(Decimal)`).
    case number(NumberStorage)
    /// `BooleanFilter` with DRF's `BooleanWidget`: `true`/`false`/`1`/`0`, anything else no filter.
    case boolean
    /// `IsoDateTimeFilter` (`IsoDateTimeField`): "Enter a valid date/time."
    case dateTime
    /// `DateFilter` (`forms.DateField` with the English input formats): "Enter a valid date."
    case date
    /// `TimeFilter` (`forms.TimeField`): "Enter a valid time."
    case time
    /// `UUIDFilter` (`forms.UUIDField`): "Enter a valid UUID."
    case uuid
    /// `DurationFilter` (`forms.DurationField`, Django's `parse_duration`): "Enter a valid duration."
    case duration

    /// How a number column holds what `NumberFilter` reads.
    public enum NumberStorage: Sendable, Hashable {
        /// `smallint`/`integer`/`bigint`: Django's `int(Decimal)` truncates toward zero.
        case integer
        /// `double precision`/`real`: Django's `float(Decimal)`.
        case float
        /// `numeric`: the decimal as written.
        case decimal
    }
}

/// What the field filter backend needs to know of one field a view filters on (a column, or
/// the last field of a path across relations such as `lead__username`).
///
///     FilterField(.text, choices: ["planned", "active", "done"])   // a ChoiceFilter for `exact`
///     FilterField(.number(.integer), choices: [1, 2, 3])
///     FilterField(.number(.integer), relatedColumn: "account_id")   // a ModelChoiceFilter
public struct FilterField: Sendable, Hashable {
    public var kind: FilterFieldKind
    /// Django's `field.choices`, their values: an `exact` filter accepts only these
    /// (`ChoiceFilter`, which compares the query text with `str()` of each). Nil: no choices.
    public var choices: [FieldValue]?
    /// For a foreign key (`account`, Django's `ModelChoiceFilter`): the field the filter compares
    /// (the relation's name or path, `account`, `project__account`, which the queryset takes to
    /// the key column; or the column itself, `account_id`), the related row's key being of
    /// `kind`. Nil for any other field.
    public var relatedColumn: String?

    public init(_ kind: FilterFieldKind, choices: [FieldValue]? = nil, relatedColumn: String? = nil) {
        self.kind = kind
        self.choices = choices
        self.relatedColumn = relatedColumn
    }
}

/// A queryset that can describe its model's fields to `DjangoFilterBackend` (django-filter reads
/// `queryset.model`). The model layer's `QuerySet` answers from its columns' types, the in-memory
/// queryset from what its test declares.
///
///     func budgetField(of queryset: some FilterFieldDescribing) -> FilterField? { queryset.filterField(named: "budget") }
public protocol FilterFieldDescribing {
    /// The field a `filtersetFields` name means (`budget`, `account`, `lead__username`); nil when
    /// the model has no such field.
    func filterField(named name: String) -> FilterField?
    /// Whether the row a foreign key filter names exists (django-filter's `ModelChoiceFilter`
    /// gets it from the related model's default manager): `field` is the filter's field
    /// (`account`), `key` the related row's key, already of the field's kind.
    func relatedRowExists(field: String, key: FieldValue) throws -> Bool
}
