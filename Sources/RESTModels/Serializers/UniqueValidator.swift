import RESTFramework

/// DRF's `UniqueValidator`: the value must not exist yet in the column among the queryset's
/// rows, ignoring the instance being updated. The message is configurable; the column is the
/// field's source unless given (`owner` → `owner_id` as for writes).
///
///     CharField("username", maxLength: 150, validators: [
///         UniqueValidator(User.objects, message: "A user with that username already exists."),
///     ])
///
/// It checks before the INSERT, so a rejected create takes no id from the sequence. Two
/// requests may still both pass it; the loser's unique violation (23505) is turned into the
/// same 400 by `ModelSerializer` (see `UniqueViolation`).
public struct UniqueValidator<M: Model>: Validator, UniquenessValidator {
    public static var defaultMessage: String { "This field must be unique." }

    public let query: ModelQuery<M>
    public let column: String?
    public let message: String
    /// `.iexact` for a case-insensitive uniqueness (Django's `unique=True` on a citext-like rule).
    public let caseInsensitive: Bool

    public init(_ queryset: QuerySet<M>, column: String? = nil, message: String? = nil, caseInsensitive: Bool = false) {
        query = queryset.query
        self.column = column
        self.message = message ?? Self.defaultMessage
        self.caseInsensitive = caseInsensitive
    }

    public init(_ model: M.Type, column: String? = nil, message: String? = nil, caseInsensitive: Bool = false) {
        self.init(M.objects, column: column, message: message, caseInsensitive: caseInsensitive)
    }

    public func validate(_ value: FieldValue, context: FieldValidationContext) throws {
        // A unique constraint lets any number of NULLs through; so does the validator.
        guard !value.isNull else { return }
        let name = try QuerySet<M>.writableColumn(column ?? Self.lastPart(of: context.source)).name
        var rows = QuerySet(query, connection: try context.serializerContext.database)
        if caseInsensitive, let text = value.stringValue {
            rows = rows.filter(.field(name, .iexact(text)))
        } else {
            rows = rows.filter(.field(name, .exact(value)))
        }
        // DRF's `exclude_current_instance`: an update does not collide with itself.
        if let instance = context.instance as? M {
            rows = rows.exclude(.and(instance.primaryKeyValues.map { .field($0.column, .exact($0.value)) }))
        }
        if try rows.exists() { throw ValidationError(message, code: "unique") }
    }

    public func covers(column name: String) -> Bool {
        (try? QuerySet<M>.writableColumn(column ?? name).name) == name
    }

    static func lastPart(of source: String) -> String {
        source.split(separator: ".").last.map(String.init) ?? source
    }
}

/// A validator that guarantees uniqueness of its field's column: `ModelSerializer` asks it for
/// the message when the database reports a unique violation on that column.
public protocol UniquenessValidator: Validator {
    var message: String { get }
    /// Whether this validator guards `column` (when its field's source maps to it).
    func covers(column: String) -> Bool
}
