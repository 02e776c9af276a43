import PostgreSQL
import RESTFramework

/// Django's `values("status")` and `values("status").annotate(n=Count("id"))`: rows of named
/// values rather than models. With aggregates, one row per distinct combination of the fields
/// (`GROUP BY`), each aggregate over that group's rows; without, each row's fields.
///
///     let byStatus = try Project.objects(on: request).filter(.field("account_id", .exact(7)))
///         .values(["status"])
///         .annotate(["n": Count("id"), "budget": Sum("budget")])
///         .orderBy("status")
///         .all()
///     // [{status: active, n: 2, budget: 3500}, {status: done, n: 1, budget: NULL}, ...]
///
/// Ordered by the fields and annotations given to `orderBy` (Django ignores `Meta.ordering`
/// once a query groups); without aggregates, by the queryset's ordering.
public struct ValuesQuerySet<M: Model> {
    public let query: ModelQuery<M>
    public let connection: Connection?
    /// The fields each row holds (and, with aggregates, groups by).
    public let fields: [String]
    let aggregates: [(name: String, aggregate: Aggregate)]
    let explicitOrdering: [OrderTerm]?

    /// Django's `annotate(name=Aggregate(...))` after `values()`: aggregates per group.
    public func annotate(_ aggregates: KeyValuePairs<String, any AggregateExpression>) -> ValuesQuerySet {
        ValuesQuerySet(
            query: query, connection: connection, fields: fields,
            aggregates: self.aggregates + aggregates.map { ($0.key, $0.value.aggregate) }, explicitOrdering: explicitOrdering)
    }

    /// Orders the rows by fields and annotation names (`"-n"`, nulls placement as `OrderTerm`'s).
    public func orderBy(_ terms: [OrderTerm]) -> ValuesQuerySet {
        ValuesQuerySet(query: query, connection: connection, fields: fields, aggregates: aggregates, explicitOrdering: terms)
    }

    public func orderBy(_ terms: String...) -> ValuesQuerySet { orderBy(terms.map { OrderTerm($0) }) }

    /// The rows, each with the fields and then the aggregates, in the order given.
    public func all() throws -> [NamedValues] {
        if let error = query.compositionError { throw error }
        guard !query.isSliced else {
            throw ModelError.unsupported("values([...]) over a sliced queryset is not supported: take values before slicing.")
        }
        guard let connection else { throw ModelError.notBound(model: M.modelName) }
        let layout = ModelLayout.of(M.self)
        let columns = try fields.map { name in
            guard let index = layout.index(ofField: name) else { throw layout.unknownField(name) }
            return index
        }
        let resolved = try aggregates.map { entry in (entry.name, try AggregateCompiler.resolve(entry.aggregate, over: layout)) }
        for (name, entry) in resolved {
            guard case .own = entry.source else {
                throw ModelError.unsupported(
                    "\(entry.aggregate) over related rows cannot be grouped; annotate the model's rows with it, then group "
                        + "with Sum of the annotation.")
            }
            guard !fields.contains(name), resolved.filter({ $0.0 == name }).count == 1 else {
                throw ModelError.unsupported("The annotation '\(name)' conflicts with another name in values().")
            }
        }
        let grouped = !resolved.isEmpty
        let ordering = explicitOrdering ?? (grouped ? [] : query.ordering)
        // Each term: a field's column, or an aggregate's position.
        let orderTargets = try ordering.map { term -> (term: OrderTerm, column: Int?, aggregate: Int?) in
            if let position = resolved.firstIndex(where: { $0.0 == term.field }) { return (term, nil, position) }
            guard let index = layout.index(ofField: term.field) else { throw layout.unknownField(term.field) }
            guard !grouped || columns.contains(index) else {
                throw ModelError.unsupported("Order grouped values by their fields or annotations, not by '\(term.field)'.")
            }
            return (term, index, nil)
        }
        let query = query
        let statement = try SQLBuilder.statement { sql in
            sql.annotations = try AnnotationScope.make(query.annotations, over: layout)
            sql.append("SELECT ")
            for (position, column) in columns.enumerated() {
                if position > 0 { sql.append(", ") }
                sql.append(.columnSQL, of: layout, column: column)
            }
            for (position, entry) in resolved.enumerated() {
                if position > 0 || !columns.isEmpty { sql.append(", ") }
                try QuerySet<M>.appendAggregate(entry.1, into: &sql)
            }
            sql.append(" FROM ")
            sql.append(.table, of: layout)
            try QueryCompiler<M>.whereClause(query.predicates, in: layout, into: &sql)
            if grouped && !columns.isEmpty {
                sql.append(" GROUP BY ")
                for (position, column) in columns.enumerated() {
                    if position > 0 { sql.append(", ") }
                    sql.append(.columnSQL, of: layout, column: column)
                }
            }
            for (position, target) in orderTargets.enumerated() {
                sql.append(position == 0 ? " ORDER BY " : ", ")
                if let column = target.column {
                    sql.append(.columnSQL, of: layout, column: column)
                } else if let aggregate = target.aggregate {
                    try QuerySet<M>.appendAggregate(resolved[aggregate].1, into: &sql)
                }
                sql.append(target.term.descending ? " DESC" : " ASC")
                if let nulls = target.term.nulls { sql.append(nulls == .first ? " NULLS FIRST" : " NULLS LAST") }
            }
        }
        let result = try StatementRunner.query(statement, on: connection)
        let names = fields + resolved.map(\.0)
        let types = columns.map { layout.columns[$0].type } + resolved.map(\.1.type)
        return try result.map { row in
            NamedValues(try names.indices.map { position in (names[position], try types[position].fieldValue(row, column: position)) })
        }
    }
}

extension QuerySet {
    /// Django's `values("a", "b")`: rows of these fields as named values; with `annotate`, one
    /// row per group (see `ValuesQuerySet`). (One field without the array is
    /// `values_list(flat=True)` as a subquery.)
    public func values(_ fields: [String]) -> ValuesQuerySet<M> {
        ValuesQuerySet(query: query, connection: connection, fields: fields, aggregates: [], explicitOrdering: nil)
    }
}
