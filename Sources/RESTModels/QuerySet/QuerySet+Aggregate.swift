import PostgreSQL
import RESTFramework

extension QuerySet {
    /// Django's `aggregate()`: aggregates over the matching rows, by name, in one statement.
    /// Over no rows Count is 0 and the others NULL (or their `default`), as in Django.
    ///
    ///     let totals = try Project.objects(on: request).filter(.field("status", .in(["planned", "active"])))
    ///         .aggregate(["count": Count("id"), "budget_total": Sum("budget")])
    ///     totals["count"]          // .int(4)
    ///     totals["budget_total"]   // of the column's type: .int, .double (a decimal stays exact)
    ///
    /// An annotation of the queryset aggregates like a column (`Sum("task_count")`), and a
    /// Django path reaches related rows (`Sum("tasks__estimate")`, each task once per project
    /// that reaches it, as Django's JOIN counts; see `AggregatePath`).
    public func aggregate(_ aggregates: KeyValuePairs<String, any AggregateExpression>) throws -> NamedValues {
        if let error = query.compositionError { throw error }
        guard !query.isSliced else {
            throw ModelError.unsupported("aggregate() over a sliced queryset is not supported: aggregate before slicing.")
        }
        let layout = ModelLayout.of(M.self)
        let resolved = try Self.resolveOwn(aggregates, over: layout)
        guard !resolved.isEmpty else { return NamedValues([]) }
        let query = query
        let statement = try SQLBuilder.statement { sql in
            sql.annotations = try AnnotationScope.make(query.annotations, over: layout)
            sql.append("SELECT ")
            for (position, entry) in resolved.enumerated() {
                if position > 0 { sql.append(", ") }
                try Self.appendAggregate(entry.resolved, rows: query.predicates, into: &sql)
            }
            // An aggregate across relations is a subquery over the queryset's rows of its own,
            // uncorrelated: alone, it needs no FROM (which would give it once per row).
            guard resolved.contains(where: { if case .own = $0.resolved.source { true } else { false } }) else { return }
            sql.append(" FROM ")
            sql.append(.table, of: layout)
            try QueryCompiler<M>.whereClause(query.predicates, in: layout, into: &sql)
        }
        let result = try StatementRunner.query(statement, on: requireConnection())
        let row = result[0]
        return NamedValues(
            try resolved.enumerated().map { position, entry in (entry.name, try entry.resolved.type.fieldValue(row, column: position)) })
    }

    /// Aggregates over the queryset's own rows, checked and named; a name given twice, or an
    /// aggregate over related rows, is an error.
    static func resolveOwn(
        _ aggregates: KeyValuePairs<String, any AggregateExpression>, over layout: ModelLayout
    ) throws -> [(name: String, resolved: AggregateCompiler.Resolved)] {
        var resolved: [(name: String, resolved: AggregateCompiler.Resolved)] = []
        for (name, expression) in aggregates {
            guard !resolved.contains(where: { $0.name == name }) else {
                throw ModelError.unsupported("The aggregate name '\(name)' is given twice.")
            }
            let entry = try AggregateCompiler.resolve(expression.aggregate, over: layout)
            if case .correlated = entry.source {
                throw ModelError.unsupported(
                    "\(expression.aggregate) over related rows cannot be aggregated directly: annotate the rows with it, "
                        + "then aggregate the annotation (Sum(\"name\")).")
            }
            resolved.append((name, entry))
        }
        return resolved
    }

    /// An aggregate over the queryset's own rows, its filter compiled against the model; one
    /// across relations joins them to `rows`, the queryset's predicates (`AggregatePath`).
    static func appendAggregate(
        _ resolved: AggregateCompiler.Resolved, rows: [Predicate] = [], into sql: inout SQLBuilder
    ) throws {
        let layout = resolved.layout
        try AggregateCompiler.append(
            resolved, rows: rows,
            compileOwn: { predicate, sql in try QueryCompiler<M>.compile(predicate, negated: false, in: layout, into: &sql) },
            into: &sql)
    }
}
