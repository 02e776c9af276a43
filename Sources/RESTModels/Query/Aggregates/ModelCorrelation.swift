import RESTFramework

/// Each row's related rows of another model, for an aggregate in `annotate`: the rows of
/// `rows` whose `foreignKey` equals the annotated row's `outer` column, compiled to a
/// correlated subquery (one statement; PostgreSQL runs it per row, by the foreign key's index).
///
///     Count("id", from: Task.objects.filter(.field("done", .exact(false))), on: "project_id")
///     // (SELECT COUNT("tasks"."id") FROM "tasks" WHERE "tasks"."project_id" = "projects"."id" AND NOT "tasks"."done")
struct ModelCorrelation: CorrelatedRowsExpression {
    let layout: ModelLayout
    let modelName: String
    /// The related rows' own filters (the queryset's).
    let predicates: [Predicate]
    let foreignKey: String
    let outer: String
    /// Why the related queryset cannot be correlated (sliced, annotated), thrown when compiled.
    let problem: ModelError?
    /// `QueryCompiler<R>.compile` for a predicate over the related model.
    let compile: @Sendable (Predicate, inout SQLBuilder) throws -> Void

    init<R: Model>(_ rows: QuerySet<R>, foreignKey: String, outer: String) {
        let layout = ModelLayout.of(R.self)
        self.layout = layout
        modelName = R.modelName
        predicates = rows.query.predicates
        self.foreignKey = foreignKey
        self.outer = outer
        if let error = rows.query.compositionError {
            problem = error
        } else if rows.query.isSliced {
            problem = .unsupported("An aggregate's related rows cannot be a sliced queryset.")
        } else if !rows.query.annotations.isEmpty {
            problem = .unsupported("An aggregate's related rows cannot be an annotated queryset.")
        } else {
            problem = nil
        }
        compile = { predicate, sql in try QueryCompiler<R>.compile(predicate, negated: false, in: layout, into: &sql) }
    }
}

// MARK: Aggregates over related rows

extension Count {
    /// Django's `Count("tasks", filter=...)` before relations: the related rows named
    /// explicitly, `rows` whose `foreignKey` is the annotated row's `outer` column (its primary
    /// key by default). `"*"` counts the rows.
    ///
    ///     .annotate(["open_task_count": Count("id", from: Task.objects, on: "project_id", filter: .field("done", .exact(false)))])
    public init<R: Model>(
        _ field: String, from rows: QuerySet<R>, on foreignKey: String, to outer: String = "pk", distinct: Bool = false,
        filter: Predicate? = nil
    ) {
        self.init(field, rows: ModelCorrelation(rows, foreignKey: foreignKey, outer: outer), distinct: distinct, filter: filter)
    }
}

extension Sum {
    /// The sum over each row's related rows (see `Count.init(_:from:on:to:distinct:filter:)`).
    public init<R: Model>(
        _ field: String, from rows: QuerySet<R>, on foreignKey: String, to outer: String = "pk", distinct: Bool = false,
        filter: Predicate? = nil, default value: FieldValue? = nil
    ) {
        self.init(
            field, rows: ModelCorrelation(rows, foreignKey: foreignKey, outer: outer), distinct: distinct, filter: filter,
            default: value)
    }
}

extension Avg {
    /// The average over each row's related rows (see `Count.init(_:from:on:to:distinct:filter:)`).
    public init<R: Model>(
        _ field: String, from rows: QuerySet<R>, on foreignKey: String, to outer: String = "pk", distinct: Bool = false,
        filter: Predicate? = nil, default value: FieldValue? = nil
    ) {
        self.init(
            field, rows: ModelCorrelation(rows, foreignKey: foreignKey, outer: outer), distinct: distinct, filter: filter,
            default: value)
    }
}

extension Min {
    /// The smallest value among each row's related rows.
    public init<R: Model>(
        _ field: String, from rows: QuerySet<R>, on foreignKey: String, to outer: String = "pk", filter: Predicate? = nil,
        default value: FieldValue? = nil
    ) {
        self.init(field, rows: ModelCorrelation(rows, foreignKey: foreignKey, outer: outer), filter: filter, default: value)
    }
}

extension Max {
    /// The largest value among each row's related rows.
    public init<R: Model>(
        _ field: String, from rows: QuerySet<R>, on foreignKey: String, to outer: String = "pk", filter: Predicate? = nil,
        default value: FieldValue? = nil
    ) {
        self.init(field, rows: ModelCorrelation(rows, foreignKey: foreignKey, outer: outer), filter: filter, default: value)
    }
}
