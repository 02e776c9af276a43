import PostgreSQL
import RESTFramework

/// A paginated list's count and page in one statement that finds the matching rows once
/// (not compiled: SQL):
///
///     WITH "__matched" AS MATERIALIZED (SELECT "tasks"."id" FROM "tasks" WHERE <filter>)
///     SELECT <columns>, "__total"."n"
///     FROM (SELECT count(*) AS "n" FROM "__matched") AS "__total"
///     LEFT JOIN ((SELECT "tasks".* FROM "tasks" WHERE "tasks"."id" = ANY(ARRAY(
///                  SELECT "__matched"."id" FROM "__matched" ORDER BY ... LIMIT $n OFFSET $m))) AS "tasks"
///                <selectRelated joins> <annotation laterals>) ON TRUE
///                                                   (no outer parentheses without joins or laterals)
///     ORDER BY ...
///
/// Why: Django's paginator runs `count()` and then the page, and each evaluates the filter.
/// When the filter reads other tables (a lookup across relations, a subquery such as "the
/// accounts this user is a member of"), that is most of the work, done twice; and a prepared
/// page statement's generic plan, picked by PostgreSQL after five executions, walks the
/// primary key index through the semi-join up to the OFFSET (page 75 of the benchmark's
/// tasks list: 2.4 ms against 0.8 ms for the custom plan's hash join and top-N sort). Here the
/// filter runs once, its keys are counted and sorted, and only the page's rows are read and
/// joined: twice the database throughput on the part-2 tasks list (docs/profile.md).
///
/// The price: the matching keys (and the ordering's columns) are materialized, so a page near
/// the start of a huge match costs about what its count costs, where a plain `LIMIT` could stop
/// early; the count reads them all anyway. A filter on the table's own columns keeps the two
/// statements, which the planner serves from indexes.
///
/// The `LEFT JOIN ... ON TRUE` gives one row even when the page is empty (past the end, or
/// no match): its columns are NULL, its count is the count.
///
/// The page's keys come back as an array, not a joined subquery: a generic plan cannot know
/// `LIMIT $n` and guesses a tenth of the match (hash joins over whole tables), where an array
/// from a subquery is planned as about ten keys: primary-key lookups, and nested loops for the
/// page's joins (docs/profile.md).
extension QueryCompiler {
    /// Whether `countAndFetch` uses the one statement for `page` (the unsliced query with its
    /// page's slice): its filter reads other tables, it orders by the table's own columns, it
    /// has a single-column primary key, and its joins (if any) are only `selectRelated`'s.
    static func countsWithPage(_ page: ModelQuery<M>, joins: JoinPlan?) -> Bool {
        let layout = ModelLayout.of(M.self)
        guard page.compositionError == nil, layout.primaryKeyIndex != nil, readsOtherTables(page.predicates, layout) else {
            return false
        }
        if let joins, !joins.joins.allSatisfy(\.selected) { return false }
        return page.ordering.allSatisfy { term in
            guard let index = layout.index(ofField: term.field) else { return false }
            return layout.columns[index].isWritable
        }
    }

    /// A lookup across a relation, a subquery, or an annotation (a subquery too).
    private static func readsOtherTables(_ predicates: [Predicate], _ layout: ModelLayout) -> Bool {
        predicates.contains { predicate in
            switch predicate {
            case .constant: false
            case .and(let parts), .or(let parts): readsOtherTables(parts, layout)
            case .not(let inner): readsOtherTables([inner], layout)
            case .inSubquery: true
            case .field(let name, _):
                layout.index(ofField: name).map { !layout.columns[$0].isWritable } ?? true
            }
        }
    }

    /// The statement above; `page` must pass `countsWithPage`. Its last column is the count.
    static func countedPage(_ page: ModelQuery<M>, joins: JoinPlan?, into sql: inout SQLBuilder) throws {
        if let error = page.compositionError { throw error }
        let layout = ModelLayout.of(M.self)
        guard let key = layout.primaryKeyIndex else { throw ModelError.unsupported("a counted page without a primary key") }
        let outerAnnotations = try sql.enterAnnotations(of: page)
        defer { sql.annotations = outerAnnotations }
        if let joins { sql.nextAlias = max(sql.nextAlias, joins.nextAlias) }
        // The key and the ordering's columns, each once (a CTE's column names must differ).
        var kept = [key]
        for term in page.ordering {
            if let index = layout.index(ofField: term.field), !kept.contains(index) { kept.append(index) }
        }
        sql.append("WITH \"__matched\" AS MATERIALIZED (SELECT ")
        for (position, index) in kept.enumerated() {
            if position > 0 { sql.append(", ") }
            sql.append(column: index, of: layout, alias: 0)
        }
        sql.append(" FROM ")
        sql.append(.table, of: layout)
        try whereClause(page.predicates, in: QueryScope(layout), into: &sql)
        sql.append(") SELECT ")
        // Annotations over shared rows: one lateral per rows, joined to the page's rows only.
        let laterals = sql.beginLateralAnnotations()
        if sql.annotations != nil { sql.appendColumns(of: layout) } else { sql.append(.selectList, of: layout) }
        sql.endLateralAnnotations()
        try joins?.appendSelectedColumns(into: &sql)
        sql.append(", \"__total\".\"n\" FROM (SELECT count(*) AS \"n\" FROM \"__matched\") AS \"__total\" LEFT JOIN ")
        // Parentheses group the page with its joins; around a lone subquery they are an error.
        let grouped = joins != nil || laterals
        if grouped { sql.append("(") }
        sql.append("(SELECT ")
        sql.append(.table, of: layout)
        sql.append(".* FROM ")
        sql.append(.table, of: layout)
        sql.append(" WHERE ")
        sql.append(column: key, of: layout, alias: 0)
        sql.append(" = ANY(ARRAY(SELECT \"__matched\".")
        sql.append(.quotedName, of: layout, column: key)
        sql.append(" FROM \"__matched\"")
        for (position, term) in page.ordering.enumerated() {
            sql.append(position == 0 ? " ORDER BY \"__matched\"." : ", \"__matched\".")
            // (`countsWithPage` checked that every term is a column.)
            sql.append(.quotedName, of: layout, column: layout.index(ofField: term.field) ?? key)
            appendDirection(of: term, into: &sql)
        }
        appendSlice(page, into: &sql)
        sql.append("))) AS ")
        sql.append(.table, of: layout)
        try joins?.appendJoins(into: &sql)
        if laterals { sql.appendAnnotationLaterals() }
        if grouped { sql.append(")") }
        sql.append(" ON TRUE")
        try orderClause(page.ordering, in: QueryScope(layout), into: &sql)
    }
}
