import PostgreSQL
import RESTFramework

/// Compiles a `ModelQuery` to SQL: identifiers from the model's declared columns only (any other
/// name is a `FieldError`), values as typed parameters, shapes that do not vary
/// with the values (`= ANY($1)` for `in`, `LIMIT $n`), so each shape is prepared once.
///
/// Everything is appended to a `SQLBuilder`, piece by piece, so that a statement's text is
/// built only the first time its shape is seen (`SQLBuilder.statement`).
enum QueryCompiler<M: Model> {
    // MARK: Columns

    /// The column a field name means; `"pk"` is the primary key.
    static func column(_ name: String) throws -> ModelLayout.ColumnInfo {
        let layout = ModelLayout.of(M.self)
        return layout.columns[try columnIndex(name, in: layout)]
    }

    static func column(_ name: String, in layout: ModelLayout) throws -> ModelLayout.ColumnInfo {
        layout.columns[try columnIndex(name, in: layout)]
    }

    static func columnIndex(_ name: String, in layout: ModelLayout) throws -> Int {
        guard let index = layout.index(ofField: name) else { throw layout.unknownField(name) }
        return index
    }

    // MARK: Statements

    /// What a `SELECT` selects.
    enum SelectList {
        /// The model's columns (whole rows).
        case model
        /// `1` (`count`, `exists`, `EXPLAIN`).
        case one
        /// One column (a subquery's).
        case column(Int)

        var isModel: Bool {
            if case .model = self { return true }
            return false
        }
    }

    /// `SELECT <list> FROM t WHERE ... ORDER BY ... LIMIT $n OFFSET $m`
    static func select(
        _ query: ModelQuery<M>, list: SelectList = .model, ordered: Bool = true,
        into sql: inout SQLBuilder
    ) throws {
        try select(query, list: list, ordered: ordered, joins: nil, into: &sql)
    }

    /// The joins `select` makes for `query` (selected related rows, ordering across relations).
    static func joins(_ query: ModelQuery<M>, list: SelectList = .model, ordered: Bool = true) throws -> JoinPlan? {
        let layout = ModelLayout.of(M.self)
        let isOrdered = ordered || query.isSliced
        guard !layout.relations.isEmpty || query.state.loadsRelated else { return nil }
        return try JoinPlan.make(
            layout, selectRelated: list.isModel ? query.state.related.selectRelated : [],
            ordering: isOrdered ? query.ordering : [])
    }

    /// `select` with the joins planned already (`joins(_:)`): the caller decodes the related
    /// rows by the plan's offsets.
    static func select(
        _ query: ModelQuery<M>, list: SelectList = .model, ordered: Bool = true, joins planned: JoinPlan??,
        into sql: inout SQLBuilder
    ) throws {
        if let error = query.compositionError { throw error }
        let layout = ModelLayout.of(M.self)
        let outerAnnotations = try sql.enterAnnotations(of: query)
        defer { sql.annotations = outerAnnotations }
        // (Most models declare no relations: no plan to look for.)
        let joins =
            try planned
            ?? (layout.relations.isEmpty && !query.state.loadsRelated
                ? nil : self.joins(query, list: list, ordered: ordered))
        if let joins {
            // A statement with relations: the joins' aliases come first.
            sql.nextAlias = max(sql.nextAlias, joins.nextAlias)
            let pagesFirst = list.isModel && pagesBeforeJoining(query, joins: joins, layout: layout)
            switch list {
            case .model:
                sql.append("SELECT ")
                // Per-query annotations replace their slots' expressions (`AnnotationScope`);
                // over the page alone, those sharing rows read them in one lateral each.
                let laterals = pagesFirst && sql.beginLateralAnnotations()
                if sql.annotations != nil { sql.appendColumns(of: layout) } else { sql.append(.selectList, of: layout) }
                if laterals { sql.endLateralAnnotations() }
                try joins.appendSelectedColumns(into: &sql)
            case .one:
                sql.append("SELECT 1")
            case .column(let index):
                sql.append("SELECT ")
                sql.append(.columnSQL, of: layout, column: index)
            }
            sql.append(" FROM ")
            if pagesFirst { return try appendPageFirst(query, layout: layout, joins: joins, into: &sql) }
            sql.append(.table, of: layout)
            try joins.appendJoins(into: &sql)
        } else {
            switch list {
            case .model where sql.annotations != nil:
                sql.append("SELECT ")
                // A page whose annotations share rows: the page first, then their laterals.
                let laterals = query.isSliced && ordersByOwnColumns(query, layout) && sql.beginLateralAnnotations()
                sql.appendColumns(of: layout)
                sql.append(" FROM ")
                if laterals {
                    sql.endLateralAnnotations()
                    return try appendPageFirst(query, layout: layout, joins: nil, into: &sql)
                }
                sql.append(.table, of: layout)
            case .model:
                sql.append(.selectPrefix, of: layout)
            case .one:
                sql.append("SELECT 1 FROM ")
                sql.append(.table, of: layout)
            case .column(let index):
                sql.append("SELECT ")
                sql.append(.columnSQL, of: layout, column: index)
                sql.append(" FROM ")
                sql.append(.table, of: layout)
            }
        }
        let scope = QueryScope(layout, joins: joins)
        try whereClause(query.predicates, in: scope, into: &sql)
        if ordered || query.isSliced {
            if case .model = list { sql.annotations?.byAlias = true }
            try orderClause(query.ordering, in: scope, into: &sql)
            sql.annotations?.byAlias = false
        }
        appendSlice(query, into: &sql)
    }

    /// ` LIMIT $n OFFSET $m`, each when set.
    static func appendSlice(_ query: ModelQuery<M>, into sql: inout SQLBuilder) {
        if let limit = query.limit {
            sql.append(" LIMIT ")
            sql.bind(Int64(limit))
        }
        if query.offset > 0 {
            sql.append(" OFFSET ")
            sql.bind(Int64(query.offset))
        }
    }

    /// Whether a sliced `SELECT` with `selectRelated` joins takes its page from the table alone
    /// and joins only the page's rows: `FROM (SELECT "t".* FROM "t" WHERE ... ORDER BY ...
    /// LIMIT $1 OFFSET $2) AS "t" JOIN ...`. Joined first, PostgreSQL joins every row up to the
    /// end of the page and throws the first OFFSET away (page 11 of 100 joined 1,100 rows: 1.4 ms
    /// against 0.3 ms, docs/profile.md). The rows are the same: a to-one join neither drops
    /// a row (an INNER JOIN follows a NOT NULL foreign key to the row it must reference) nor
    /// repeats one (it ends at a primary key). It applies when nothing but the selected rows
    /// needs a join: the filters never join (`RelationLookup`), and the ordering must name the
    /// table's own columns, not a related row's or an annotation (whose value the subquery
    /// does not have); otherwise the statement joins first, as Django's does.
    static func pagesBeforeJoining(_ query: ModelQuery<M>, joins: JoinPlan, layout: ModelLayout) -> Bool {
        guard query.isSliced, joins.joins.allSatisfy(\.selected) else { return false }
        return ordersByOwnColumns(query, layout)
    }

    /// Whether every ordering term names a column of the table (not a related row's, not an
    /// annotation).
    static func ordersByOwnColumns(_ query: ModelQuery<M>, _ layout: ModelLayout) -> Bool {
        query.ordering.allSatisfy { term in
            guard let index = layout.index(ofField: term.field) else { return false }
            return layout.columns[index].isWritable
        }
    }

    /// ` (SELECT "t".* FROM "t" WHERE ... ORDER BY ... LIMIT ...) AS "t" <joins> <annotation
    /// laterals> ORDER BY ...`: the page first, then what only its rows need (see
    /// `pagesBeforeJoining`, `AnnotationLaterals.swift`). The subquery keeps the table's name,
    /// so the select list, the joins and annotations read it as the table itself.
    static func appendPageFirst(
        _ query: ModelQuery<M>, layout: ModelLayout, joins: JoinPlan?, into sql: inout SQLBuilder
    ) throws {
        sql.append("(SELECT ")
        sql.append(.table, of: layout)
        sql.append(".* FROM ")
        sql.append(.table, of: layout)
        let inner = QueryScope(layout)
        try whereClause(query.predicates, in: inner, into: &sql)
        try orderClause(query.ordering, in: inner, into: &sql)
        appendSlice(query, into: &sql)
        sql.append(") AS ")
        sql.append(.table, of: layout)
        try joins?.appendJoins(into: &sql)
        sql.appendAnnotationLaterals()
        try orderClause(query.ordering, in: inner, into: &sql)
    }

    /// ` WHERE ...`, or nothing when there are no predicates.
    static func whereClause(_ predicates: [Predicate], in layout: ModelLayout, into sql: inout SQLBuilder) throws {
        try whereClause(predicates, in: QueryScope(layout), into: &sql)
    }

    static func whereClause(_ predicates: [Predicate], in scope: QueryScope, into sql: inout SQLBuilder) throws {
        guard !predicates.isEmpty else { return }
        sql.append(" WHERE ")
        if predicates.count == 1 {
            try compile(predicates[0], negated: false, in: scope, into: &sql)
        } else {
            try compile(.and(predicates), negated: false, in: scope, into: &sql)
        }
    }

    /// ` ORDER BY "t"."a" DESC NULLS LAST, ...`, or nothing.
    static func orderClause(_ terms: [OrderTerm], in layout: ModelLayout, into sql: inout SQLBuilder) throws {
        try orderClause(terms, in: QueryScope(layout), into: &sql)
    }

    /// (A name across relations is a column of one of the scope's joins: `JoinPlan` made them.)
    static func orderClause(_ terms: [OrderTerm], in scope: QueryScope, into sql: inout SQLBuilder) throws {
        guard !terms.isEmpty else { return }
        let layout = scope.layout
        sql.append(" ORDER BY ")
        for (position, term) in terms.enumerated() {
            if position > 0 { sql.append(", ") }
            if let index = layout.index(ofField: term.field) {
                sql.append(column: index, of: layout, alias: scope.alias)
            } else if let joins = scope.joins {
                let (column, _) = try joins.column(term.field, purpose: "order by")
                sql.append(column: column.index, of: column.layout, alias: column.alias)
            } else {
                throw layout.unknownField(term.field)
            }
            appendDirection(of: term, into: &sql)
        }
    }

    /// ` DESC`, ` ASC`, and the NULLS placement when the term names one.
    static func appendDirection(of term: OrderTerm, into sql: inout SQLBuilder) {
        sql.append(term.descending ? " DESC" : " ASC")
        // PostgreSQL's default is already the spec's (LAST ascending, FIRST descending).
        if let nulls = term.nulls { sql.append(nulls == .first ? " NULLS FIRST" : " NULLS LAST") }
    }

    // MARK: Predicates

    /// A predicate as a boolean SQL expression.
    ///
    /// Django's two-valued logic: a comparison with NULL is false, and NOT keeps the rows where
    /// the field is NULL. Outside any NOT, SQL's NULL (unknown) already acts as false (AND and
    /// OR are monotonic, and WHERE drops unknown), so leaves are compiled plainly. Under an odd
    /// number of NOTs a leaf that can be NULL is wrapped in `COALESCE(..., FALSE)`.
    static func compile(
        _ predicate: Predicate, negated: Bool, in layout: ModelLayout,
        into sql: inout SQLBuilder
    ) throws {
        try compile(predicate, negated: negated, in: QueryScope(layout), into: &sql)
    }

    /// (`scope.alias`: the table's name in the statement, not 0 inside a lookup across relations.)
    static func compile(
        _ predicate: Predicate, negated: Bool, in scope: QueryScope,
        into sql: inout SQLBuilder
    ) throws {
        let layout = scope.layout
        switch predicate {
        case .constant(let value):
            sql.append(value ? "TRUE" : "FALSE")
        case .and(let parts):
            try join(parts, with: " AND ", empty: "TRUE", negated: negated, in: scope, into: &sql)
        case .or(let parts):
            try join(parts, with: " OR ", empty: "FALSE", negated: negated, in: scope, into: &sql)
        case .not(let inner):
            sql.append("NOT ")
            try compile(inner, negated: !negated, in: scope, into: &sql)
        case .field(let name, let lookup):
            guard let index = layout.index(ofField: name) else {
                guard !layout.relations.isEmpty else { throw layout.unknownField(name) }
                return try RelationLookup.compile(name, lookup, negated: negated, in: scope, into: &sql, compiler: M.self)
            }
            if scope.alias != 0 && !layout.columns[index].isWritable {
                throw ModelError.unsupported("a lookup on \(layout.typeName)'s annotation '\(name)' across a relation")
            }
            let before = sql.beginLeaf()
            let nulls = try LookupCompiler.compile(
                lookup, on: .init(layout: layout, index: index, alias: scope.alias), field: name, into: &sql)
            sql.endLeaf(before, coalesced: guarded(nulls, nullable: layout.columns[index].isNullable, negated: negated))
        case .inSubquery(let name, let subquery):
            guard let subquery = subquery as? ModelSubquery else {
                throw QueryValueError.unsupported("a subquery of type \(type(of: subquery))")
            }
            guard let index = layout.index(ofField: name) else {
                guard !layout.relations.isEmpty else { throw layout.unknownField(name) }
                return try RelationLookup.compile(
                    name, inSubquery: subquery, negated: negated, in: scope, into: &sql, compiler: M.self)
            }
            let before = sql.beginLeaf()
            sql.append(column: index, of: layout, alias: scope.alias)
            sql.append(subquery.isArray ? " = ANY(ARRAY(" : " IN (")
            try subquery.render(&sql)
            sql.append(subquery.isArray ? "))" : ")")
            // NULL also when the subquery yields a NULL and nothing equal: `.always`.
            sql.endLeaf(before, coalesced: guarded(.always, nullable: layout.columns[index].isNullable, negated: negated))
        }
    }

    /// `(a AND b AND c)`, or `empty` for no parts.
    private static func join(
        _ parts: [Predicate], with separator: StaticString, empty: StaticString, negated: Bool,
        in scope: QueryScope, into sql: inout SQLBuilder
    ) throws {
        guard !parts.isEmpty else { return sql.append(empty) }
        sql.append("(")
        for (position, part) in parts.enumerated() {
            if position > 0 { sql.append(separator) }
            try compile(part, negated: negated, in: scope, into: &sql)
        }
        sql.append(")")
    }

    /// Whether a leaf is wrapped in `COALESCE(..., FALSE)`.
    private static func guarded(_ nulls: LookupCompiler.Nulls, nullable: Bool, negated: Bool) -> Bool {
        let canBeNull: Bool
        switch nulls {
        case .never: canBeNull = false
        // Declared nullability is trusted: a NOT NULL column never makes a comparison unknown.
        case .whenColumnIsNull: canBeNull = nullable
        case .always: canBeNull = true
        }
        return negated && canBeNull
    }
}
