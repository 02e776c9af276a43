import RESTFramework

/// Annotations over the same related rows computed by one `LEFT JOIN LATERAL` rather than one
/// correlated subquery each (not compiled: SQL):
///
///     SELECT ..., "T5"."task_count" AS "task_count", "T5"."open_task_count" AS "open_task_count"
///     FROM (<the page>) AS "projects" ... LEFT JOIN LATERAL (SELECT COUNT("T6"."id") AS "task_count",
///       COUNT("T6"."id") FILTER (WHERE "T6"."done" = $2) AS "open_task_count"
///       FROM "tasks" AS "T6" WHERE "T6"."project_id" = "projects"."id") AS "T5" ON TRUE
///
/// Why: Django's `Count("tasks")` and `Count("tasks", filter=Q(done=False))` read the same
/// rows; as two subqueries PostgreSQL reads them twice per row (two index scans a project: 200
/// on a page of 100, most of the projects list's database time). The lateral reads them once.
/// The values are the same: an aggregate without GROUP BY gives one row even over no rows
/// (COUNT 0, SUM NULL, then the `default`), and `agg(...) FILTER (WHERE f)` over the rows is
/// `agg` over the rows where `f` is true, as the subquery's `WHERE ... AND f` is.
///
/// Only where the statement's `FROM` holds just the rows it returns (the page already cut by
/// its `LIMIT`: `countedPage`, `pagesBeforeJoining`): joined before a `LIMIT`, the lateral
/// would run for every matching row, where PostgreSQL evaluates a select list's subqueries
/// after the `LIMIT`. Only the select list names the lateral's columns; a filter or an
/// ordering by an annotation compiles to its subquery as before. An annotation alone over its
/// rows keeps its subquery (one read either way).
extension AnnotationScope {
    /// What identifies the related rows an annotation reads: aggregates with equal keys can
    /// share one lateral subquery.
    struct RowsKey: Hashable {
        var objects: [ObjectIdentifier] = []
        var columns: [Int] = []
        var names: [String] = []
    }

    /// The key of `resolved`'s rows; nil when it may not share them (a correlation with
    /// filters of its own: they would have to be compared).
    static func rowsKey(_ resolved: AggregateCompiler.Resolved) -> RowsKey? {
        var key = RowsKey()
        switch resolved.source {
        case .own:
            return nil
        case .correlated(let correlation, _, let outer):
            guard correlation.predicates.isEmpty else { return nil }
            key.objects = [ObjectIdentifier(correlation.layout)]
            key.columns = [outer]
            key.names = [correlation.foreignKey]
        case .related(let path):
            for hop in path.hops {
                key.objects += [ObjectIdentifier(hop.relation), ObjectIdentifier(hop.target)]
                key.columns += [hop.local, hop.remote]
            }
            key.names = ["path"]
        }
        return key
    }

    /// The entries' groups over shared rows, two or more entries each (by position in `entries`).
    static func lateralGroups(_ entries: [Entry]) -> [[Int]] {
        guard entries.count > 1 else { return [] }
        var groups: [[Int]] = []
        var keys: [RowsKey] = []
        for (position, entry) in entries.enumerated() {
            guard let key = rowsKey(entry.resolved) else { continue }
            if let group = keys.firstIndex(of: key) {
                groups[group].append(position)
            } else {
                keys.append(key)
                groups.append([position])
            }
        }
        return groups.filter { $0.count > 1 }
    }
}

extension SQLBuilder {
    /// Starts naming the scope's shared annotations by their lateral's column (the select list
    /// of a statement that then calls `appendAnnotationLaterals` after its joins). Returns
    /// whether there are any.
    mutating func beginLateralAnnotations() -> Bool {
        guard let scope = annotations, !scope.lateralGroups.isEmpty else { return false }
        scope.namesLaterals = true
        return true
    }

    /// Stops naming them (the select list is done; filters and orderings compile the subquery).
    mutating func endLateralAnnotations() {
        annotations?.namesLaterals = false
    }

    /// `"T5"."task_count"`: the entry's column of its group's lateral, the alias made the
    /// first time the group is named.
    mutating func appendLateralColumn(_ entry: AnnotationScope.Entry, group: Int, of scope: AnnotationScope) {
        if scope.lateralAliases[group] == 0 { scope.lateralAliases[group] = newAlias() }
        append(alias: scope.lateralAliases[group])
        append(".")
        append(.quotedName, of: entry.resolved.layout, column: entry.column)
    }

    /// ` LEFT JOIN LATERAL (...) AS "Tn" ON TRUE` for each group the select list named.
    mutating func appendAnnotationLaterals() {
        guard let scope = annotations else { return }
        scope.namesLaterals = false
        // The lateral's own columns are the related rows' and the annotated row's key.
        annotations = nil
        defer { annotations = scope }
        for (group, alias) in scope.lateralAliases.enumerated() where alias != 0 {
            append(" LEFT JOIN LATERAL ")
            do {
                try AggregateCompiler.appendLateral(scope.lateralGroups[group].map { scope.entries[$0] }, into: &self)
            } catch {
                if deferredError == nil { deferredError = error }
            }
            append(" AS ")
            append(alias: alias)
            append(" ON TRUE")
        }
    }
}

extension AggregateCompiler {
    /// `(SELECT <aggregate> AS "name", ... FROM <rows> WHERE <correlation>)` for entries that
    /// share their rows (`AnnotationScope.lateralGroups`); each aggregate's filter is its
    /// `FILTER (WHERE ...)`.
    static func appendLateral(_ entries: [AnnotationScope.Entry], into sql: inout SQLBuilder) throws {
        guard let first = entries.first else { return }
        switch first.resolved.source {
        case .own:
            throw ModelError.unsupported("a lateral annotation over the row's own columns")
        case .correlated(let correlation, _, let outer):
            let inner = correlation.layout
            sql.append("(SELECT ")
            for (position, entry) in entries.enumerated() {
                guard case .correlated(_, let column, _) = entry.resolved.source else {
                    throw ModelError.unsupported("annotations over different rows in one lateral")
                }
                if position > 0 { sql.append(", ") }
                try appendFiltered(entry, column: column.map { (inner, $0, 0) }, into: &sql) { filter, sql in
                    try correlation.compile(filter, &sql)
                }
            }
            sql.append(" FROM ")
            sql.append(.table, of: inner)
            sql.append(" WHERE ")
            sql.append(.columnSQL, of: inner, column: inner.index(ofField: correlation.foreignKey) ?? 0)
            sql.append(" = ")
            sql.append(.columnSQL, of: first.resolved.layout, column: outer)
            sql.append(")")
        case .related(let path):
            try path.appendLateral(entries, into: &sql)
        }
    }

    /// `<call> [FILTER (WHERE <filter>)] AS "name"`, cast and defaulted as `append` does.
    static func appendFiltered(
        _ entry: AnnotationScope.Entry, column: (ModelLayout, Int, alias: Int)?, into sql: inout SQLBuilder,
        compileFilter: (Predicate, inout SQLBuilder) throws -> Void
    ) throws {
        let resolved = entry.resolved
        let aggregate = resolved.aggregate
        let defaultValue = aggregate.function == .count ? nil : aggregate.defaultValue.flatMap { $0.isNull ? nil : $0 }
        if defaultValue != nil { sql.append("COALESCE(") }
        if resolved.cast != nil { sql.append("(") }
        call(aggregate, column: column, into: &sql)
        if let filter = aggregate.filter {
            sql.append(" FILTER (WHERE ")
            try compileFilter(filter, &sql)
            sql.append(")")
        }
        if let cast = resolved.cast {
            sql.append(")")
            sql.append(cast)
        }
        if let defaultValue {
            sql.append(", ")
            sql.bind(SQLParameter.make(try resolved.type.coerce(defaultValue, field: aggregate.field), as: resolved.type))
            sql.append(")")
        }
        sql.append(" AS ")
        sql.append(.quotedName, of: resolved.layout, column: entry.column)
    }
}
