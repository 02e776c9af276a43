import PostgreSQL
import RESTFramework

/// One field lookup as SQL, with `InMemoryEvaluation`'s semantics: values coerced to the
/// column's type (`FieldValue.coerced`), `.exact(.null)` as `IS NULL`, NULLs in `in` ignored,
/// `contains`/`startswith` literal, i-lookups through `UPPER`, non-text columns matched on
/// their `::text` form (the session runs in UTC, so timestamps read `...+00`).
enum LookupCompiler {
    /// A compiled lookup and when it can evaluate to NULL (the caller guards it under NOT).
    struct Leaf {
        enum Nulls { case never, whenColumnIsNull, always }
        var sql: String
        var nulls: Nulls
        init(_ sql: String, nulls: Nulls) {
            self.sql = sql
            self.nulls = nulls
        }
        static let never = Leaf("FALSE", nulls: .never)
        /// True for every row whose value is not NULL.
        static func notNull(_ expression: String) -> Leaf { Leaf(expression + " IS NOT NULL", nulls: .never) }
    }

    static func compile(_ lookup: Lookup, on expression: String, type: ColumnType, field: String,
                        into sql: inout SQLBuilder) throws -> Leaf {
        func coerce(_ value: FieldValue) throws -> FieldValue {
            // A value already of the column's kind is its own coercion (`InMemoryEvaluation.coerce`
            // returns it as is): skip the call.
            switch (type, value) {
            case (.int, .int), (.text, .string), (.bool, .bool), (.double, .double), (.double, .int),
                 (.timestamptz, .dateTime), (_, .null):
                return value
            default:
                return try value.coerced(like: type.sample, field: field)
            }
        }
        func comparison(_ op: String, _ value: FieldValue, coerced alreadyCoerced: Bool = false) throws -> Leaf {
            guard !value.isNull else { throw QueryValueError.unsupported("None as a query value for '\(field)'") }
            // Coercion is idempotent (a coerced value is of the column's kind), so `exact`, which
            // coerces first, does not pay for it twice.
            let coerced = alreadyCoerced ? value : try coerce(value)
            if type == .int, case .double(let d) = coerced, d.isInfinite {
                // An integer beyond 64 bits: below or above every row (Django 5's overflow rule).
                let everyRowIsBelow = d > 0
                switch op {
                case "<", "<=": return everyRowIsBelow ? .notNull(expression) : .never
                default: return everyRowIsBelow ? .never : .notNull(expression)
                }
            }
            if case .string(let text) = coerced, SQL.containsNUL(text) {
                // PostgreSQL text cannot hold NUL, so no stored value equals it; order is undefined.
                guard op == "=" else { throw QueryValueError.cannotCoerce(field: field, value: value, to: "text without NUL") }
                return .never
            }
            return Leaf(expression + " " + op + " " + sql.bind(SQLParameter.make(coerced, as: type)), nulls: .whenColumnIsNull)
        }
        func like(_ pattern: String, caseInsensitive: Bool) -> Leaf {
            // A NUL can be in no stored text.
            guard !SQL.containsNUL(pattern) else { return .never }
            let text = type == .text ? expression : expression + "::text"
            let placeholder = sql.bind(pattern)
            let condition = caseInsensitive ? "UPPER(" + text + ") LIKE UPPER(" + placeholder + ")" : text + " LIKE " + placeholder
            return Leaf(condition, nulls: .whenColumnIsNull)
        }

        switch lookup {
        case .isNull(let wanted):
            return Leaf(expression + (wanted ? " IS NULL" : " IS NOT NULL"), nulls: .never)
        case .exact(.null):
            return Leaf(expression + " IS NULL", nulls: .never)   // Django's `field=None`
        case .exact(let value):
            let coerced = try coerce(value)
            if type == .int, case .double(let d) = coerced, d.isInfinite { return .never }
            return try comparison("=", coerced, coerced: true)
        case .lt(let value): return try comparison("<", value)
        case .lte(let value): return try comparison("<=", value)
        case .gt(let value): return try comparison(">", value)
        case .gte(let value): return try comparison(">=", value)
        case .in(let values):
            var candidates: [FieldValue] = []
            for value in values where !value.isNull {
                let coerced = try coerce(value)
                if case .double(let d) = coerced, type == .int, d.isInfinite { continue }
                if case .string(let text) = coerced, SQL.containsNUL(text) { continue }
                candidates.append(coerced)
            }
            guard !candidates.isEmpty else { return .never }
            // One array parameter: the statement's text is the same for any number of values.
            return Leaf(expression + " = ANY(" + sql.bind(SQLParameter.array(candidates, as: type)) + ")",
                        nulls: .whenColumnIsNull)
        case .iexact(let text):
            guard !SQL.containsNUL(text) else { return .never }
            let column = type == .text ? expression : expression + "::text"
            return Leaf("UPPER(" + column + ") = UPPER(" + sql.bind(text) + ")", nulls: .whenColumnIsNull)
        case .contains(let needle):
            return like("%" + SQL.likeEscaped(needle) + "%", caseInsensitive: false)
        case .icontains(let needle):
            return like("%" + SQL.likeEscaped(needle) + "%", caseInsensitive: true)
        case .startswith(let prefix):
            return like(SQL.likeEscaped(prefix) + "%", caseInsensitive: false)
        case .istartswith(let prefix):
            return like(SQL.likeEscaped(prefix) + "%", caseInsensitive: true)
        }
    }
}
