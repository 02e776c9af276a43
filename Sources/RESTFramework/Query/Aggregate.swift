/// Django's aggregate expressions as data (`Count`, `Sum`, `Avg`, `Min`, `Max`): what
/// `annotate`, `aggregate` and `values([...]).annotate` compute. Pure data like `Predicate`: the
/// model layer compiles it to SQL (`COUNT(...) FILTER (WHERE ...)`, a correlated subquery), the
/// in-memory queryset evaluates it.
///
///     let open = Count("id", filter: .field("done", .exact(false)))   // Count("id", filter=Q(done=False))
///     let total = Sum("budget", default: 0)                             // Sum("budget", default=0)
public struct Aggregate: AggregateExpression, Sendable, CustomStringConvertible {
    public enum Function: String, Sendable, Hashable {
        case count = "Count", sum = "Sum", avg = "Avg", min = "Min", max = "Max"
    }

    public var function: Function
    /// What is aggregated: a field of the rows (`"budget"`, `"pk"`; `"*"` counts rows), or a
    /// Django path across a relation (`"tasks"`), which the model layer resolves.
    public var field: String
    /// The rows aggregated when they are not the queryset's own: each row's related rows of
    /// another table (the model layer's `Count("id", from: Task.objects, on: "project_id")`).
    public var rows: (any CorrelatedRowsExpression)?
    /// Only the rows matching it count (Django's `filter=Q(...)`).
    public var filter: Predicate?
    /// Each distinct value once (`COUNT(DISTINCT ...)`).
    public var distinct: Bool
    /// The value over no rows instead of NULL (Django 4's `default=`); Count's is always 0.
    public var defaultValue: FieldValue?

    public init(
        _ function: Function, _ field: String, rows: (any CorrelatedRowsExpression)? = nil, filter: Predicate? = nil,
        distinct: Bool = false, default defaultValue: FieldValue? = nil
    ) {
        self.function = function
        self.field = field
        self.rows = rows
        self.filter = filter
        self.distinct = distinct
        self.defaultValue = defaultValue
    }

    public var aggregate: Aggregate { self }

    /// Whether the result can be NULL: Sum, Avg, Min and Max over no rows (or only NULLs)
    /// without a default. Count is 0 then.
    public var canBeNull: Bool { function != .count && (defaultValue == nil || defaultValue == .null) }

    public var description: String {
        var arguments = ["\"\(field)\""]
        if distinct { arguments.append("distinct: true") }
        if filter != nil { arguments.append("filter: ...") }
        if let defaultValue { arguments.append("default: \(defaultValue)") }
        return function.rawValue + "(" + arguments.joined(separator: ", ") + ")"
    }
}

/// An aggregate: `Count`, `Sum`, `Avg`, `Min`, `Max`, or an `Aggregate` itself. What
/// `annotate([...])` and `aggregate([...])` take, so a literal can mix them:
///
///     let summary: KeyValuePairs<String, any AggregateExpression> = ["count": Count("id"), "budget_total": Sum("budget")]
public protocol AggregateExpression: Sendable {
    var aggregate: Aggregate { get }
}

/// Rows of another table correlated with each row of a queryset, which an aggregate in
/// `annotate` runs over (a correlated subquery): the model layer's
/// `Count("id", from: Task.objects, on: "project_id")`.
public protocol CorrelatedRowsExpression: Sendable {}

/// Django's `Count`: the rows whose field is not NULL (`"*"`: every row); 0 over no rows.
///
///     Count("id", filter: .field("done", .exact(false)))
public struct Count: AggregateExpression {
    public let aggregate: Aggregate
    public init(_ field: String, distinct: Bool = false, filter: Predicate? = nil) {
        aggregate = Aggregate(.count, field, filter: filter, distinct: distinct)
    }
    /// Over rows the model layer correlates (see `CorrelatedRowsExpression`).
    public init(_ field: String, rows: any CorrelatedRowsExpression, distinct: Bool = false, filter: Predicate? = nil) {
        aggregate = Aggregate(.count, field, rows: rows, filter: filter, distinct: distinct)
    }
}

/// Django's `Sum`: NULL over no rows unless a `default` is given. Of an integer field an
/// integer, of a double a double (of a decimal, an exact decimal).
public struct Sum: AggregateExpression {
    public let aggregate: Aggregate
    public init(_ field: String, distinct: Bool = false, filter: Predicate? = nil, default value: FieldValue? = nil) {
        aggregate = Aggregate(.sum, field, filter: filter, distinct: distinct, default: value)
    }
    public init(
        _ field: String, rows: any CorrelatedRowsExpression, distinct: Bool = false, filter: Predicate? = nil,
        default value: FieldValue? = nil
    ) {
        aggregate = Aggregate(.sum, field, rows: rows, filter: filter, distinct: distinct, default: value)
    }
}

/// Django's `Avg`: a double of an integer or double field (as Django's `FloatField` output).
public struct Avg: AggregateExpression {
    public let aggregate: Aggregate
    public init(_ field: String, distinct: Bool = false, filter: Predicate? = nil, default value: FieldValue? = nil) {
        aggregate = Aggregate(.avg, field, filter: filter, distinct: distinct, default: value)
    }
    public init(
        _ field: String, rows: any CorrelatedRowsExpression, distinct: Bool = false, filter: Predicate? = nil,
        default value: FieldValue? = nil
    ) {
        aggregate = Aggregate(.avg, field, rows: rows, filter: filter, distinct: distinct, default: value)
    }
}

/// Django's `Min`: the smallest non-NULL value, of the field's type.
public struct Min: AggregateExpression {
    public let aggregate: Aggregate
    public init(_ field: String, filter: Predicate? = nil, default value: FieldValue? = nil) {
        aggregate = Aggregate(.min, field, filter: filter, default: value)
    }
    public init(_ field: String, rows: any CorrelatedRowsExpression, filter: Predicate? = nil, default value: FieldValue? = nil) {
        aggregate = Aggregate(.min, field, rows: rows, filter: filter, default: value)
    }
}

/// Django's `Max`: the largest non-NULL value, of the field's type.
public struct Max: AggregateExpression {
    public let aggregate: Aggregate
    public init(_ field: String, filter: Predicate? = nil, default value: FieldValue? = nil) {
        aggregate = Aggregate(.max, field, filter: filter, default: value)
    }
    public init(_ field: String, rows: any CorrelatedRowsExpression, filter: Predicate? = nil, default value: FieldValue? = nil) {
        aggregate = Aggregate(.max, field, rows: rows, filter: filter, default: value)
    }
}
