import PostgreSQL
import RESTFramework

/// Compiles a `ModelQuery` to SQL: identifiers from the model's declared columns only (any other
/// name is `QueryValueError.unknownField`), values as typed parameters, shapes that do not vary
/// with the values (`= ANY($1)` for `in`, `LIMIT $n`), so each shape is prepared once.
enum QueryCompiler<M: Model> {
    // MARK: Columns

    /// The column a field name means; `"pk"` is the primary key.
    static func column(_ name: String) throws -> ModelLayout.ColumnInfo {
        try column(name, in: ModelLayout.of(M.self))
    }

    static func column(_ name: String, in layout: ModelLayout) throws -> ModelLayout.ColumnInfo {
        guard let index = layout.index(ofField: name) else { throw QueryValueError.unknownField(name) }
        return layout.columns[index]
    }

    /// `"users"."id", "users"."username", (SELECT ...) AS "author"`
    static var selectList: String { ModelLayout.of(M.self).selectList }

    static var table: String { ModelLayout.of(M.self).table }

    // MARK: Statements

    /// `SELECT <list> FROM t WHERE ... ORDER BY ... LIMIT $n OFFSET $m`
    static func select(_ query: ModelQuery<M>, list: String? = nil, ordered: Bool = true,
                       into sql: inout SQLBuilder) throws -> String {
        if let error = query.compositionError { throw error }
        let layout = ModelLayout.of(M.self)
        var text = list.map { "SELECT " + $0 + " FROM " + layout.table } ?? layout.selectPrefix
        if !query.predicates.isEmpty { text += try whereClause(query.predicates, in: layout, into: &sql) }
        if ordered || query.isSliced {
            let ordering = query.ordering
            if !ordering.isEmpty { text += try orderClause(ordering, in: layout) }
        }
        if let limit = query.limit { text += " LIMIT " + sql.bind(Int64(limit)) }
        if query.offset > 0 { text += " OFFSET " + sql.bind(Int64(query.offset)) }
        return text
    }

    /// ` WHERE ...`, or nothing when there are no predicates.
    static func whereClause(_ predicates: [Predicate], into sql: inout SQLBuilder) throws -> String {
        try whereClause(predicates, in: ModelLayout.of(M.self), into: &sql)
    }

    static func whereClause(_ predicates: [Predicate], in layout: ModelLayout, into sql: inout SQLBuilder) throws -> String {
        guard !predicates.isEmpty else { return "" }
        let condition = predicates.count == 1 ? predicates[0] : .and(predicates)
        return " WHERE " + (try compile(condition, negated: false, in: layout, into: &sql))
    }

    /// ` ORDER BY "t"."a" DESC NULLS LAST, ...`, or nothing.
    static func orderClause(_ terms: [OrderTerm], in layout: ModelLayout) throws -> String {
        guard !terms.isEmpty else { return "" }
        var clause = " ORDER BY "
        for (position, term) in terms.enumerated() {
            if position > 0 { clause += ", " }
            clause += try column(term.field, in: layout).sql
            clause += term.descending ? " DESC" : " ASC"
            // PostgreSQL's default is already the spec's (LAST ascending, FIRST descending).
            if let nulls = term.nulls { clause += nulls == .first ? " NULLS FIRST" : " NULLS LAST" }
        }
        return clause
    }

    // MARK: Predicates

    /// A predicate as a boolean SQL expression.
    ///
    /// Django's two-valued logic: a comparison with NULL is false, and NOT keeps the rows where
    /// the field is NULL. Outside any NOT, SQL's NULL (unknown) already acts as false (AND and
    /// OR are monotonic, and WHERE drops unknown), so leaves are compiled plainly. Under an odd
    /// number of NOTs a leaf that can be NULL is wrapped in `COALESCE(..., FALSE)`.
    static func compile(_ predicate: Predicate, negated: Bool, in layout: ModelLayout,
                        into sql: inout SQLBuilder) throws -> String {
        switch predicate {
        case .constant(let value):
            return value ? "TRUE" : "FALSE"
        case .and(let parts):
            guard !parts.isEmpty else { return "TRUE" }
            return "(" + (try parts.map { try compile($0, negated: negated, in: layout, into: &sql) }.joined(separator: " AND ")) + ")"
        case .or(let parts):
            guard !parts.isEmpty else { return "FALSE" }
            return "(" + (try parts.map { try compile($0, negated: negated, in: layout, into: &sql) }.joined(separator: " OR ")) + ")"
        case .not(let inner):
            return "NOT " + (try compile(inner, negated: !negated, in: layout, into: &sql))
        case .field(let name, let lookup):
            let column = try column(name, in: layout)
            let leaf = try LookupCompiler.compile(lookup, on: column.sql, type: column.type, field: name, into: &sql)
            return guarded(leaf, nullable: column.isNullable, negated: negated)
        case .inSubquery(let name, let subquery):
            guard let subquery = subquery as? ModelSubquery else {
                throw QueryValueError.unsupported("a subquery of type \(type(of: subquery))")
            }
            let column = try column(name, in: layout)
            // NULL also when the subquery yields a NULL and nothing equal: `.always`.
            let leaf = LookupCompiler.Leaf(column.sql + " IN (" + (try subquery.render(&sql)) + ")", nulls: .always)
            return guarded(leaf, nullable: column.isNullable, negated: negated)
        }
    }

    private static func guarded(_ leaf: LookupCompiler.Leaf, nullable: Bool, negated: Bool) -> String {
        let canBeNull: Bool
        switch leaf.nulls {
        case .never: canBeNull = false
        // Declared nullability is trusted: a NOT NULL column never makes a comparison unknown.
        case .whenColumnIsNull: canBeNull = nullable
        case .always: canBeNull = true
        }
        guard negated, canBeNull else { return leaf.sql }
        return "COALESCE(" + leaf.sql + ", FALSE)"
    }
}
