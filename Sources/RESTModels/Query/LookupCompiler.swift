import PostgreSQL
import RESTFramework

/// One field lookup as SQL, with `InMemoryEvaluation`'s semantics: values coerced to the
/// column's type (`FieldValue.coerced`), `.exact(.null)` as `IS NULL`, NULLs in `in` ignored,
/// `contains`/`startswith`/`endswith` literal, i-lookups through `UPPER`, non-text columns
/// matched on their `::text` form (the session runs in UTC, so timestamps read `...+00`), `date`
/// and `year` as UTC bounds on the timestamp itself.
enum LookupCompiler {
    /// When a compiled lookup can evaluate to NULL (the caller guards it under NOT).
    enum Nulls { case never, whenColumnIsNull, always }

    /// A column of a model, as the statement refers to it.
    struct ColumnRef {
        let layout: ModelLayout
        let index: Int
        /// The table's alias in the statement (0: its own name; see `SQLBuilder.append(column:of:alias:)`).
        var alias = 0
        var type: ColumnType { layout.columns[index].type }
    }

    private enum Comparison {
        case equal, less, lessOrEqual, greater, greaterOrEqual
        var sql: StaticString {
            switch self {
            case .equal: " = "
            case .less: " < "
            case .lessOrEqual: " <= "
            case .greater: " > "
            case .greaterOrEqual: " >= "
            }
        }
    }

    /// Appends the lookup's SQL to `sql`; returns when it can be NULL.
    static func compile(
        _ lookup: Lookup, on column: ColumnRef, field: String,
        into sql: inout SQLBuilder
    ) throws -> Nulls {
        let type = column.type
        func expression(_ sql: inout SQLBuilder) {
            sql.append(column: column.index, of: column.layout, alias: column.alias)
        }
        /// The column as text: itself for a text column, else `<column>::text`.
        func textExpression(_ sql: inout SQLBuilder) {
            expression(&sql)
            if type != .text { sql.append("::text") }
        }
        func never(_ sql: inout SQLBuilder) -> Nulls {
            sql.append("FALSE")
            return .never
        }
        /// True for every row whose value is not NULL.
        func notNull(_ sql: inout SQLBuilder) -> Nulls {
            expression(&sql)
            sql.append(" IS NOT NULL")
            return .never
        }
        func coerce(_ value: FieldValue) throws -> FieldValue {
            try type.coerce(value, field: field)
        }
        /// The column as compared with a parameter: `json` has no `=`, so JSON is compared as
        /// jsonb (a `JSON` property may be either column; on jsonb the cast is a no-op).
        func comparedExpression(_ sql: inout SQLBuilder) {
            expression(&sql)
            if type == .json || type == .jsonb { sql.append("::jsonb") }
        }
        /// JSON has equality but no order a user would expect (InMemoryEvaluation refuses it too).
        func requireOrder() throws {
            if type == .json || type == .jsonb { throw QueryValueError.orderingOnJSON(field: field) }
        }
        func comparison(
            _ op: Comparison, _ value: FieldValue, coerced alreadyCoerced: Bool = false,
            into sql: inout SQLBuilder
        ) throws -> Nulls {
            guard !value.isNull else { throw QueryValueError.unsupported("None as a query value for '\(field)'") }
            // Coercion is idempotent (a coerced value is of the column's kind), so `exact`, which
            // coerces first, does not pay for it twice.
            let coerced = alreadyCoerced ? value : try coerce(value)
            if type == .int, case .double(let d) = coerced, d.isInfinite {
                // An integer beyond 64 bits: below or above every row (Django 5's overflow rule).
                let everyRowIsBelow = d > 0
                switch op {
                case .less, .lessOrEqual: return everyRowIsBelow ? notNull(&sql) : never(&sql)
                default: return everyRowIsBelow ? never(&sql) : notNull(&sql)
                }
            }
            if case .string(let text) = coerced, SQL.containsNUL(text) {
                // PostgreSQL text cannot hold NUL, so no stored value equals it; order is undefined.
                guard op == .equal else { throw QueryValueError.cannotCoerce(field: field, value: value, to: "text without NUL") }
                return never(&sql)
            }
            if op != .equal { try requireOrder() }
            comparedExpression(&sql)
            sql.append(op.sql)
            sql.bind(SQLParameter.make(coerced, as: type))
            return .whenColumnIsNull
        }
        func like(_ pattern: String, caseInsensitive: Bool, into sql: inout SQLBuilder) -> Nulls {
            // A NUL can be in no stored text.
            guard !SQL.containsNUL(pattern) else { return never(&sql) }
            if caseInsensitive {
                sql.append("UPPER(")
                textExpression(&sql)
                sql.append(") LIKE UPPER(")
                sql.bind(pattern)
                sql.append(")")
            } else {
                textExpression(&sql)
                sql.append(" LIKE ")
                sql.bind(pattern)
            }
            return .whenColumnIsNull
        }

        /// `start <= column < end` on a timestamp column: the day or year without a cast, so
        /// an index on the column serves it (Django compiles `year` to a BETWEEN the same way).
        func within(_ bounds: DateLookupBounds, lookup: String, into sql: inout SQLBuilder) throws -> Nulls {
            let (start, end): (FieldValue, FieldValue)
            switch type {
            case .timestamptz: (start, end) = (.dateTime(bounds.start), .dateTime(bounds.end))
            case .date: (start, end) = (.date(bounds.days.start), .date(bounds.days.end))
            default: throw QueryValueError.unsupported("the lookup '\(lookup)' on '\(field)', which is not a timestamp or a date")
            }
            sql.append("(")
            expression(&sql)
            sql.append(" >= ")
            sql.bind(SQLParameter.make(start, as: type))
            sql.append(" AND ")
            expression(&sql)
            sql.append(" < ")
            sql.bind(SQLParameter.make(end, as: type))
            sql.append(")")
            return .whenColumnIsNull
        }

        switch lookup {
        case .isNull(let wanted):
            expression(&sql)
            sql.append(wanted ? " IS NULL" : " IS NOT NULL")
            return .never
        case .exact(.null):
            expression(&sql)  // Django's `field=None`
            sql.append(" IS NULL")
            return .never
        case .exact(let value):
            let coerced = try coerce(value)
            if type == .int, case .double(let d) = coerced, d.isInfinite { return never(&sql) }
            return try comparison(.equal, coerced, coerced: true, into: &sql)
        case .lt(let value): return try comparison(.less, value, into: &sql)
        case .lte(let value): return try comparison(.lessOrEqual, value, into: &sql)
        case .gt(let value): return try comparison(.greater, value, into: &sql)
        case .gte(let value): return try comparison(.greaterOrEqual, value, into: &sql)
        case .in(let values):
            if ColumnType.arrayTypes.contains(type) { throw QueryValueError.inOnArray(field: field) }
            var candidates: [FieldValue] = []
            for value in values where !value.isNull {
                let coerced = try coerce(value)
                if case .double(let d) = coerced, type == .int, d.isInfinite { continue }
                if case .string(let text) = coerced, SQL.containsNUL(text) { continue }
                candidates.append(coerced)
            }
            guard !candidates.isEmpty else { return never(&sql) }
            // One array parameter: the statement's text is the same for any number of values.
            comparedExpression(&sql)
            sql.append(" = ANY(")
            sql.bind(SQLParameter.array(candidates, as: type))
            sql.append(")")
            return .whenColumnIsNull
        case .iexact(let text):
            guard !SQL.containsNUL(text) else { return never(&sql) }
            sql.append("UPPER(")
            textExpression(&sql)
            sql.append(") = UPPER(")
            sql.bind(text)
            sql.append(")")
            return .whenColumnIsNull
        case .contains(let needle):
            return like("%" + SQL.likeEscaped(needle) + "%", caseInsensitive: false, into: &sql)
        case .icontains(let needle):
            return like("%" + SQL.likeEscaped(needle) + "%", caseInsensitive: true, into: &sql)
        case .startswith(let prefix):
            return like(SQL.likeEscaped(prefix) + "%", caseInsensitive: false, into: &sql)
        case .istartswith(let prefix):
            return like(SQL.likeEscaped(prefix) + "%", caseInsensitive: true, into: &sql)
        case .endswith(let suffix):
            return like("%" + SQL.likeEscaped(suffix), caseInsensitive: false, into: &sql)
        case .iendswith(let suffix):
            return like("%" + SQL.likeEscaped(suffix), caseInsensitive: true, into: &sql)
        case .range(let low, let high):
            guard !low.isNull, !high.isNull else { throw QueryValueError.unsupported("None as a query value for '\(field)'") }
            try requireOrder()
            let (lowValue, highValue) = (try coerce(low), try coerce(high))
            func isPlain(_ value: FieldValue) -> Bool {
                switch value {
                case .double(let d) where type == .int: return d.isFinite
                case .string(let text): return !SQL.containsNUL(text)
                default: return true
                }
            }
            if isPlain(lowValue), isPlain(highValue) {
                sql.append("(")
                expression(&sql)
                sql.append(" BETWEEN ")
                sql.bind(SQLParameter.make(lowValue, as: type))
                sql.append(" AND ")
                sql.bind(SQLParameter.make(highValue, as: type))
                sql.append(")")
            } else {
                // An end beyond 64 bits or holding a NUL: the two comparisons' own rules for it.
                sql.append("(")
                _ = try comparison(.greaterOrEqual, lowValue, coerced: true, into: &sql)
                sql.append(" AND ")
                _ = try comparison(.lessOrEqual, highValue, coerced: true, into: &sql)
                sql.append(")")
            }
            return .whenColumnIsNull
        case .regex(let pattern), .iregex(let pattern):
            // No stored text holds a NUL (and libpq cannot send one).
            guard !SQL.containsNUL(pattern) else { return never(&sql) }
            textExpression(&sql)
            sql.append(lookup == .regex(pattern) ? " ~ " : " ~* ")
            sql.bind(pattern)
            return .whenColumnIsNull
        case .fieldComparison(let comparison, let other):
            guard let otherIndex = column.layout.index(ofField: other.field) else {
                throw column.layout.unknownField(other.field)
            }
            let otherType = column.layout.columns[otherIndex].type
            let numeric: Set<ColumnType> = [.int, .double, .smallint, .real, .numeric]
            guard otherType == type || (numeric.contains(type) && numeric.contains(otherType)) else {
                throw QueryValueError.unsupported("comparing '\(field)' with F(\"\(other.field)\"), a column of another type")
            }
            expression(&sql)
            switch comparison {
            case .exact: sql.append(Comparison.equal.sql)
            case .lt: sql.append(Comparison.less.sql)
            case .lte: sql.append(Comparison.lessOrEqual.sql)
            case .gt: sql.append(Comparison.greater.sql)
            case .gte: sql.append(Comparison.greaterOrEqual.sql)
            }
            sql.append(column: otherIndex, of: column.layout, alias: column.alias)
            return .always  // NULL when either column is
        case .date(let value):
            return try within(DateLookupBounds.day(value, field: field), lookup: "date", into: &sql)
        case .year(let value):
            return try within(DateLookupBounds.year(value, field: field), lookup: "year", into: &sql)
        }
    }
}
