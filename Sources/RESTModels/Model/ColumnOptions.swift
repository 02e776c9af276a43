import RESTFramework

/// What Django says on a model field beyond its type (`max_length`, `unique`, `default`,
/// `blank`, `editable`, `verbose_name`, `help_text`, `validators`, a decimal's digits): what a
/// `ModelSerializer` derives its fields from. Declared with the column, once:
///
///     static let fields = Fields(
///         Options.init,
///         Field("slug", \.slug, .maxLength(50), .unique),
///         Field("status", \.status, .maxLength(10), .default("planned")),
///         Field("description", \.description, .blank, .hasDefault),
///         Field("created", \.created, .hasDefault, .editable(false)))
///
/// Only serializers read these; queries and row decoding do not. `ModelCheck` compares
/// `maxLength` with a `varchar(n)` column and a declared default with the table's.
public struct ColumnOptions: Sendable {
    /// `varchar(n)`'s n (Django's `max_length`): the field's `max_length`.
    public var maxLength: Int?
    /// A unique column: the field gets a `UniqueValidator`.
    public var isUnique = false
    /// The unique validator's message (Django's `error_messages={"unique": ...}`); nil for
    /// Django's "<model> with this <field> already exists.".
    public var uniqueMessage: String?
    /// The table fills the column when an INSERT leaves it out (a `DEFAULT`, a serial, an
    /// identity): the field is optional (Django's `has_default()`).
    public var hasDefault = false
    /// The default's value when the model knows it (`.default("planned")`): what a field of a
    /// unique-together set takes as its default, as DRF gives it the model field's default.
    public var defaultValue: FieldValue?
    /// Django's `blank=True`: text may be empty (`allow_blank`), and the field is optional.
    public var blank = false
    /// Django's `editable=False` (`auto_now_add` implies it): the field is read-only.
    public var editable = true
    /// Django's `verbose_name`; nil for the column name with spaces (`date_joined` → "date joined").
    public var verboseName: String?
    public var helpText: String?
    /// The model field's own validators (Django's `validators=[...]`), run before the field's own.
    public var validators: [any Validator] = []
    /// A `numeric(p, s)` column's precision and scale (Django's `max_digits`, `decimal_places`).
    public var maxDigits: Int?
    public var decimalPlaces: Int?
    /// The smallest and largest value the column's integer type holds (what Django's
    /// `IntegerField` validators take from the database: smallint, integer, bigint); from the
    /// property's Swift type (`Int16`, `Int32`, `Int64`), nil for other types.
    public var integerRange: ClosedRange<Int64>?

    public init() {}

    @usableFromInline
    init(_ options: [ColumnOption], integerRange: ClosedRange<Int64>?) {
        self.integerRange = integerRange
        for option in options { option.apply(&self) }
    }

    /// The integer range of a property type: `Int16` smallint, `Int32` integer, `Int64`/`Int`
    /// bigint (optional or not); nil for anything else.
    @usableFromInline
    static func integerRange(of type: Any.Type) -> ClosedRange<Int64>? {
        switch ObjectIdentifier(type) {
        case ObjectIdentifier(Int16.self), ObjectIdentifier(Int16?.self): return Int64(Int16.min)...Int64(Int16.max)
        case ObjectIdentifier(Int32.self), ObjectIdentifier(Int32?.self): return Int64(Int32.min)...Int64(Int32.max)
        case ObjectIdentifier(Int64.self), ObjectIdentifier(Int64?.self), ObjectIdentifier(Int.self),
            ObjectIdentifier(Int?.self):
            return Int64.min...Int64.max
        default: return nil
        }
    }
}

/// One of a column's `ColumnOptions`, as written in its declaration (`.maxLength(100)`, `.unique`).
public struct ColumnOption: Sendable {
    let apply: @Sendable (inout ColumnOptions) -> Void

    /// Django's `max_length` (the `n` of `varchar(n)`).
    public static func maxLength(_ length: Int) -> ColumnOption { ColumnOption { $0.maxLength = length } }
    /// Django's `unique=True`.
    public static let unique = ColumnOption { $0.isUnique = true }
    /// `unique=True` with Django's `error_messages={"unique": message}`.
    public static func unique(message: String) -> ColumnOption {
        ColumnOption {
            $0.isUnique = true
            $0.uniqueMessage = message
        }
    }
    /// The table has a default for the column (`DEFAULT ...`, serial, identity), its value not
    /// known to the model.
    public static let hasDefault = ColumnOption { $0.hasDefault = true }
    /// The table's default, known to the model: `.default("planned")`.
    public static func `default`(_ value: FieldValue) -> ColumnOption {
        ColumnOption {
            $0.hasDefault = true
            $0.defaultValue = value
        }
    }
    /// Django's `blank=True`.
    public static let blank = ColumnOption { $0.blank = true }
    /// Django's `editable`: `.editable(false)` for a column the API never writes.
    public static func editable(_ editable: Bool) -> ColumnOption { ColumnOption { $0.editable = editable } }
    public static func verboseName(_ name: String) -> ColumnOption { ColumnOption { $0.verboseName = name } }
    public static func helpText(_ text: String) -> ColumnOption { ColumnOption { $0.helpText = text } }
    public static func validators(_ validators: [any Validator]) -> ColumnOption {
        ColumnOption { $0.validators = validators }
    }
    /// A `numeric(maxDigits, decimalPlaces)` column.
    public static func decimal(maxDigits: Int, decimalPlaces: Int) -> ColumnOption {
        ColumnOption {
            $0.maxDigits = maxDigits
            $0.decimalPlaces = decimalPlaces
        }
    }
}
