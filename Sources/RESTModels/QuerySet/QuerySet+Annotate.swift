import RESTFramework

extension QuerySet {
    /// Django's `annotate(name=Aggregate(...))`: each row with an aggregate of its related
    /// rows, selected in the same statement (a correlated subquery per annotation). The name is
    /// a property the model declares with `Column.annotated`, which the row then carries; the
    /// name filters and orders like a column (`.field("task_count", .gt(0))`,
    /// `OrderTerm("-task_count", nulls: .last)`), `OrderingFilter` and serializers included.
    ///
    ///     let projects = try Project.objects(on: request)
    ///         .annotate([
    ///             "task_count": Count("id", from: Task.objects, on: "project_id"),
    ///             "open_task_count": Count("id", from: Task.objects, on: "project_id", filter: .field("done", .exact(false))),
    ///         ])
    ///         .filter(.field("task_count", .gt(0)))
    ///         .orderBy("-task_count", "name")
    ///         .all()
    ///     projects[0].taskCount
    ///
    /// Checked when the query runs: an unknown or undeclared name, an aggregate whose type is
    /// not the property's, or one that can be NULL (Sum over no rows) behind a non-Optional
    /// property is a `ModelError` that says what to declare.
    public func annotate(_ annotations: KeyValuePairs<String, any AggregateExpression>) -> QuerySet {
        let added = annotations.map { QueryAnnotation(name: $0.key, aggregate: $0.value.aggregate) }
        return QuerySet(query.annotated(added), connection: connection)
    }

    /// ` RETURNING <the model's columns>`: with the query's annotations computed for the row
    /// written (so a create or update answers them as a read would), else the precomputed list.
    func appendReturning(into sql: inout SQLBuilder) throws {
        let layout = ModelLayout.of(M.self)
        guard !query.annotations.isEmpty else { return sql.append(.returning, of: layout) }
        let outer = sql.annotations
        defer { sql.annotations = outer }
        sql.annotations = try AnnotationScope.make(query.annotations, over: layout)
        sql.append(" RETURNING ")
        sql.appendColumns(of: layout)
    }
}
