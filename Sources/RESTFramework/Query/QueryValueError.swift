/// A predicate that cannot be evaluated against the data: a value that cannot be coerced to the
/// field's type (Django's "Field 'id' expected a number but got 'x'."). (An unknown field is a
/// `FieldError`.)
///
/// Query values from clients arrive as text (a cursor's position is `.string("42")`); the
/// compiler coerces them to the column's type as Django's `get_prep_value` does and throws this
/// when it cannot. Callers that put client text into a predicate catch it and answer with their
/// own 4xx (`CursorPagination` answers `Invalid cursor`).
///
///     throw QueryValueError.cannotCoerce(field: "id", value: .string("abc"), to: "integer")
public enum QueryValueError: Error, Sendable, Equatable, CustomStringConvertible {
    case cannotCoerce(field: String, value: FieldValue, to: String)
    case unsupported(String)
    /// A `regex`/`iregex` pattern that does not compile. Django lets PostgreSQL's error through
    /// (a `DataError`, so a 500); views do the same with this and with PostgreSQL's own error.
    case invalidRegularExpression(field: String, pattern: String)

    public var description: String {
        switch self {
        case .cannotCoerce(let field, let value, let type):
            return "Field '\(field)' expected \(type) but got '\(value)'."
        case .unsupported(let what):
            return "Unsupported in this queryset: \(what)."
        case .invalidRegularExpression(let field, let pattern):
            return "Invalid regular expression for '\(field)': '\(pattern)'."
        }
    }
}

// The lookups the column types refuse, worded once for the SQL compiler and the in-memory
// evaluator.
extension QueryValueError {
    /// `lt`/`lte`/`gt`/`gte`/`range` on a JSON field: jsonb's order is not one a filter means.
    package static func orderingOnJSON(field: String) -> QueryValueError {
        .unsupported("ordering comparisons (lt, lte, gt, gte, range) on '\(field)', a JSON field")
    }

    /// `in` on an array field (each candidate would itself be an array).
    package static func inOnArray(field: String) -> QueryValueError {
        .unsupported("the lookup 'in' on '\(field)', an array field")
    }
}
