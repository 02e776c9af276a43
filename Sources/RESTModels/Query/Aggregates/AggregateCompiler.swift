import RESTFramework

/// Compiles an `Aggregate` to SQL over a model's rows, in one of two forms:
///
/// - over the queryset's own rows (`aggregate()`, `values([...]).annotate`):
///   `SUM("projects"."budget") FILTER (WHERE ...)`, one value per group;
/// - over each row's related rows (`annotate`): a correlated subquery,
///   `(SELECT COUNT("tasks"."id") FROM "tasks" WHERE "tasks"."project_id" = "projects"."id" AND ...)`,
///   the filter in its `WHERE` (where the foreign key's index serves it).
///
/// Either way a `default` is `COALESCE(..., $n)` and the result is cast to the type Django
/// gives (`ColumnType.aggregateResult`).
enum AggregateCompiler {
    /// An aggregate with its rows, column and result type worked out.
    struct Resolved {
        enum Source {
            /// The queryset's own rows; the column aggregated (nil: `*`).
            case own(column: Int?)
            /// Each row's related rows; the column of the related model (nil: `*`) and the
            /// annotated model's column they are correlated with.
            case correlated(ModelCorrelation, column: Int?, outer: Int)
            /// The rows a Django path reaches across relations (`"tasks__estimate"`): each
            /// row's in `annotate`, the queryset's rows' in `aggregate()`.
            case related(AggregatePath)
        }
        let aggregate: Aggregate
        let source: Source
        let type: ColumnType
        let cast: StaticString?
        /// The layout the aggregate runs over (the queryset's model).
        let layout: ModelLayout

        var canBeNull: Bool { aggregate.canBeNull }
    }

    /// Checks `aggregate` against the model of `layout`: its field (or related rows), and that
    /// PostgreSQL has the aggregate for the field's type.
    static func resolve(_ aggregate: Aggregate, over layout: ModelLayout) throws -> Resolved {
        let source: Resolved.Source
        let fieldType: ColumnType
        if let rows = aggregate.rows {
            guard let correlation = rows as? ModelCorrelation else {
                throw QueryValueError.unsupported("aggregated rows of type \(type(of: rows))")
            }
            if let problem = correlation.problem { throw problem }
            guard correlation.layout !== layout else {
                throw ModelError.unsupported("An aggregate over related rows of the model's own table is not supported.")
            }
            let inner = correlation.layout
            let column = try column(aggregate, in: inner)
            guard inner.index(ofField: correlation.foreignKey) != nil else { throw inner.unknownField(correlation.foreignKey) }
            guard let outer = layout.index(ofField: correlation.outer) else { throw layout.unknownField(correlation.outer) }
            source = .correlated(correlation, column: column, outer: outer)
            fieldType = column.map { inner.columns[$0].type } ?? .int
        } else if aggregate.field == "*" || layout.index(ofField: aggregate.field) != nil {
            let column = try column(aggregate, in: layout)
            source = .own(column: column)
            fieldType = column.map { layout.columns[$0].type } ?? .int
        } else {
            return try relationPath(aggregate, over: layout)
        }
        guard let (type, cast) = fieldType.aggregateResult(aggregate.function) else {
            throw QueryValueError.unsupported("\(aggregate.function.rawValue) of '\(aggregate.field)', a \(fieldType) column")
        }
        return Resolved(aggregate: aggregate, source: source, type: type, cast: cast, layout: layout)
    }

    /// A field that is no column of the model: Django's path across relations, `"tasks"`,
    /// `"tasks__estimate"`, `"tags"`, `"project__budget"` (see `AggregatePath`). A path that
    /// ends at the model's own column (a forward relation's name: its key column) is `.own`.
    static func relationPath(_ aggregate: Aggregate, over layout: ModelLayout) throws -> Resolved {
        guard !layout.relations.isEmpty else { throw layout.unknownField(aggregate.field) }
        let (hops, column, prefix) = try AggregatePath.resolve(aggregate.field, from: layout)
        let source: Resolved.Source
        let fieldType: ColumnType
        if hops.isEmpty {
            source = .own(column: column)
            fieldType = layout.columns[column].type
        } else {
            let path = AggregatePath(hops: hops, column: column, prefix: prefix)
            guard path.target.columns[column].isWritable else {
                throw ModelError.unsupported(
                    "\(aggregate): \(path.target.typeName)'s '\(path.target.names[column])' is an annotation, "
                        + "which cannot be aggregated across a relation")
            }
            source = .related(path)
            fieldType = path.target.columns[column].type
        }
        guard let (type, cast) = fieldType.aggregateResult(aggregate.function) else {
            throw QueryValueError.unsupported("\(aggregate.function.rawValue) of '\(aggregate.field)', a \(fieldType) column")
        }
        return Resolved(aggregate: aggregate, source: source, type: type, cast: cast, layout: layout)
    }

    /// The column an aggregate reads in `layout`; nil for `"*"` (Count only).
    private static func column(_ aggregate: Aggregate, in layout: ModelLayout) throws -> Int? {
        if aggregate.field == "*" {
            guard aggregate.function == .count else {
                throw QueryValueError.unsupported("\(aggregate.function.rawValue)(\"*\")")
            }
            return nil
        }
        guard let index = layout.index(ofField: aggregate.field) else { throw layout.unknownField(aggregate.field) }
        return index
    }

    /// Appends the aggregate's SQL. `compileOwn` compiles a predicate over the queryset's model
    /// (the `FILTER` of an aggregate over its own rows). `rows`: the queryset's predicates when
    /// the aggregate runs over the queryset's rows (`aggregate()`); nil for each row's own value
    /// (`annotate`).
    static func append(
        _ resolved: Resolved, rows: [Predicate]? = nil, compileOwn: (Predicate, inout SQLBuilder) throws -> Void,
        into sql: inout SQLBuilder
    ) throws {
        let aggregate = resolved.aggregate
        let defaultValue = aggregate.function == .count ? nil : aggregate.defaultValue.flatMap { $0.isNull ? nil : $0 }
        if defaultValue != nil { sql.append("COALESCE(") }
        switch resolved.source {
        case .own(let column):
            if resolved.cast != nil { sql.append("(") }
            call(aggregate, column: column.map { (resolved.layout, $0, 0) }, into: &sql)
            if let filter = aggregate.filter {
                sql.append(" FILTER (WHERE ")
                try compileOwn(filter, &sql)
                sql.append(")")
            }
            if let cast = resolved.cast {
                sql.append(")")
                sql.append(cast)
            }
        case .correlated(let correlation, let column, let outer):
            let inner = correlation.layout
            sql.append("(SELECT ")
            call(aggregate, column: column.map { (inner, $0, 0) }, into: &sql)
            if let cast = resolved.cast { sql.append(cast) }
            sql.append(" FROM ")
            sql.append(.table, of: inner)
            sql.append(" WHERE ")
            sql.append(.columnSQL, of: inner, column: inner.index(ofField: correlation.foreignKey) ?? 0)
            sql.append(" = ")
            sql.append(.columnSQL, of: resolved.layout, column: outer)
            for predicate in correlation.predicates + (aggregate.filter.map { [$0] } ?? []) {
                sql.append(" AND ")
                try correlation.compile(predicate, &sql)
            }
            sql.append(")")
        case .related(let path):
            if let rows {
                try path.appendOverRows(
                    aggregate, cast: resolved.cast, own: resolved.layout, predicates: rows, compileOwn: compileOwn, into: &sql)
            } else {
                try path.appendCorrelated(aggregate, cast: resolved.cast, outer: resolved.layout, into: &sql)
            }
        }
        if let defaultValue {
            sql.append(", ")
            let coerced = try resolved.type.coerce(defaultValue, field: aggregate.field)
            sql.bind(SQLParameter.make(coerced, as: resolved.type))
            sql.append(")")
        }
    }

    /// `COUNT(*)`, `SUM("t"."c")`, `COUNT(DISTINCT "t"."c")`; the column under its table's
    /// alias (0: the table's name).
    static func call(_ aggregate: Aggregate, column: (ModelLayout, Int, alias: Int)?, into sql: inout SQLBuilder) {
        switch aggregate.function {
        case .count: sql.append("COUNT(")
        case .sum: sql.append("SUM(")
        case .avg: sql.append("AVG(")
        case .min: sql.append("MIN(")
        case .max: sql.append("MAX(")
        }
        if let (layout, index, alias) = column {
            if aggregate.distinct { sql.append("DISTINCT ") }
            sql.append(column: index, of: layout, alias: alias)
        } else {
            sql.append("*")
        }
        sql.append(")")
    }
}
