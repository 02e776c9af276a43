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
    }

    /// `SELECT <list> FROM t WHERE ... ORDER BY ... LIMIT $n OFFSET $m`
    static func select(
        _ query: ModelQuery<M>, list: SelectList = .model, ordered: Bool = true,
        into sql: inout SQLBuilder
    ) throws {
        if let error = query.compositionError { throw error }
        let layout = ModelLayout.of(M.self)
        let outerAnnotations = try sql.enterAnnotations(of: query)
        defer { sql.annotations = outerAnnotations }
        switch list {
        case .model where sql.annotations != nil:
            sql.append("SELECT ")
            sql.appendColumns(of: layout)
            sql.append(" FROM ")
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
        try whereClause(query.predicates, in: layout, into: &sql)
        if ordered || query.isSliced {
            if case .model = list { sql.annotations?.byAlias = true }
            try orderClause(query.ordering, in: layout, into: &sql)
            sql.annotations?.byAlias = false
        }
        if let limit = query.limit {
            sql.append(" LIMIT ")
            sql.bind(Int64(limit))
        }
        if query.offset > 0 {
            sql.append(" OFFSET ")
            sql.bind(Int64(query.offset))
        }
    }

    /// ` WHERE ...`, or nothing when there are no predicates.
    static func whereClause(_ predicates: [Predicate], in layout: ModelLayout, into sql: inout SQLBuilder) throws {
        guard !predicates.isEmpty else { return }
        sql.append(" WHERE ")
        if predicates.count == 1 {
            try compile(predicates[0], negated: false, in: layout, into: &sql)
        } else {
            try compile(.and(predicates), negated: false, in: layout, into: &sql)
        }
    }

    /// ` ORDER BY "t"."a" DESC NULLS LAST, ...`, or nothing.
    static func orderClause(_ terms: [OrderTerm], in layout: ModelLayout, into sql: inout SQLBuilder) throws {
        guard !terms.isEmpty else { return }
        sql.append(" ORDER BY ")
        for (position, term) in terms.enumerated() {
            if position > 0 { sql.append(", ") }
            sql.append(.columnSQL, of: layout, column: try columnIndex(term.field, in: layout))
            sql.append(term.descending ? " DESC" : " ASC")
            // PostgreSQL's default is already the spec's (LAST ascending, FIRST descending).
            if let nulls = term.nulls { sql.append(nulls == .first ? " NULLS FIRST" : " NULLS LAST") }
        }
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
        switch predicate {
        case .constant(let value):
            sql.append(value ? "TRUE" : "FALSE")
        case .and(let parts):
            try join(parts, with: " AND ", empty: "TRUE", negated: negated, in: layout, into: &sql)
        case .or(let parts):
            try join(parts, with: " OR ", empty: "FALSE", negated: negated, in: layout, into: &sql)
        case .not(let inner):
            sql.append("NOT ")
            try compile(inner, negated: !negated, in: layout, into: &sql)
        case .field(let name, let lookup):
            let index = try columnIndex(name, in: layout)
            let before = sql.beginLeaf()
            let nulls = try LookupCompiler.compile(lookup, on: .init(layout: layout, index: index), field: name, into: &sql)
            sql.endLeaf(before, coalesced: guarded(nulls, nullable: layout.columns[index].isNullable, negated: negated))
        case .inSubquery(let name, let subquery):
            guard let subquery = subquery as? ModelSubquery else {
                throw QueryValueError.unsupported("a subquery of type \(type(of: subquery))")
            }
            let index = try columnIndex(name, in: layout)
            let before = sql.beginLeaf()
            sql.append(.columnSQL, of: layout, column: index)
            sql.append(" IN (")
            try subquery.render(&sql)
            sql.append(")")
            // NULL also when the subquery yields a NULL and nothing equal: `.always`.
            sql.endLeaf(before, coalesced: guarded(.always, nullable: layout.columns[index].isNullable, negated: negated))
        }
    }

    /// `(a AND b AND c)`, or `empty` for no parts.
    private static func join(
        _ parts: [Predicate], with separator: StaticString, empty: StaticString, negated: Bool,
        in layout: ModelLayout, into sql: inout SQLBuilder
    ) throws {
        guard !parts.isEmpty else { return sql.append(empty) }
        sql.append("(")
        for (position, part) in parts.enumerated() {
            if position > 0 { sql.append(separator) }
            try compile(part, negated: negated, in: layout, into: &sql)
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
