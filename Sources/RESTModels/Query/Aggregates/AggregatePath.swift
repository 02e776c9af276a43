import RESTFramework

/// An aggregate's field named as Django names it across relations: `Count("tasks")`,
/// `Sum("tasks__estimate")`, `Count("tags")` (many-to-many), `Max("project__budget")`, and
/// longer paths (`Count("projects__tasks")`). Each hop follows a declared relation; the last
/// name is a column of the last model reached (a relation's name alone means its target's
/// primary key, or a forward relation's key column with no hop at all, as Django counts
/// `assignee_id` for `Count("assignee")`).
///
/// In `annotate` it compiles to a correlated subquery, as `Count("id", from: Task.objects,
/// on: "project_id")` does, the hops joined inside it under their own aliases (`Count("tags")`
/// is `(SELECT COUNT("T2"."id") FROM "task_tags" AS "T1" INNER JOIN "tags" AS "T2" ON
/// "T2"."id" = "T1"."tag_id" WHERE "T1"."task_id" = "tasks"."id")`), so two annotations over two to-many relations never multiply each other's rows (Django's
/// JOINs would, unless each used `distinct`). In `aggregate()` the queryset's own rows are joined
/// to the related ones inside one subquery, `(SELECT SUM("T1"."estimate") FROM "projects" INNER
/// JOIN "tasks" AS "T1" ON ... WHERE <the queryset's filters>)`: each related row once per own
/// row that reaches it, as Django's JOIN counts it, and the other aggregates untouched.
///
/// The aggregate's `filter` names fields of the related rows (`Count("tasks", filter:
/// .field("done", .exact(false)))`); Django's spelling from the annotated model,
/// `Q(tasks__done=False)`, is accepted too (the path's prefix is dropped).
struct AggregatePath {
    struct Hop {
        let relation: RelationInfo
        /// The column of the model the hop starts from.
        let local: Int
        let target: ModelLayout
        /// The target's column it ends at (`remoteColumn`).
        let remote: Int
    }

    let hops: [Hop]
    /// The last target's column aggregated.
    let column: Int
    /// `"tasks"` for `"tasks__estimate"`: the prefix a Django-style filter repeats.
    let prefix: String

    var target: ModelLayout { hops[hops.count - 1].target }

    /// The hops and column `path` names from `layout`; no hops when it names the model's own
    /// column (or a forward relation's key column).
    static func resolve(_ path: String, from layout: ModelLayout) throws -> (hops: [Hop], column: Int, prefix: String) {
        let segments = LookupSeparator.split(path)
        var current = layout
        var hops: [Hop] = []
        var walked: [String] = []
        for (position, segment) in segments.enumerated() {
            let isLast = position == segments.count - 1
            if isLast, let index = current.index(ofField: segment) {
                return (hops, index, walked.joined(separator: "__"))
            }
            guard let relation = current.relation(named: segment) else { throw current.unknownField(segment) }
            if isLast && relation.isForward {
                return (hops, try relation.index(of: relation.localColumn, in: current), walked.joined(separator: "__"))
            }
            let target = relation.target()
            hops.append(
                Hop(
                    relation: relation, local: try relation.index(of: relation.localColumn, in: current), target: target,
                    remote: try relation.index(of: relation.remoteColumn, in: target)))
            walked.append(segment)
            current = target
            if isLast {
                guard let key = current.index(ofField: "pk") else { throw current.unknownField("pk") }
                return (hops, key, walked.joined(separator: "__"))
            }
        }
        throw layout.unknownField(path)
    }

    // MARK: SQL

    /// `(SELECT <call> FROM <hops> WHERE <first hop> = <outer row's column> AND <filter>)`.
    func appendCorrelated(
        _ aggregate: Aggregate, cast: StaticString?, outer: ModelLayout, into sql: inout SQLBuilder
    ) throws {
        let aliases = newAliases(&sql)
        sql.append("(SELECT ")
        AggregateCompiler.call(aggregate, column: (target, column, aliases[hops.count - 1].target), into: &sql)
        if let cast { sql.append(cast) }
        try appendRows(aliases, outer: outer, into: &sql)
        if let filter = aggregate.filter {
            sql.append(" AND ")
            try appendFilter(filter, alias: aliases[hops.count - 1].target, into: &sql)
        }
        sql.append(")")
    }

    /// `(SELECT <call> FILTER (WHERE <filter>) AS "name", ... FROM <hops> WHERE <first hop> =
    /// <outer row's column>)`: annotations over this path's rows in one lateral subquery
    /// (`AnnotationLaterals.swift`); each entry's path has these hops.
    func appendLateral(_ entries: [AnnotationScope.Entry], into sql: inout SQLBuilder) throws {
        let aliases = newAliases(&sql)
        let last = aliases[hops.count - 1].target
        sql.append("(SELECT ")
        for (position, entry) in entries.enumerated() {
            guard case .related(let path) = entry.resolved.source, path.hops.count == hops.count else {
                throw ModelError.unsupported("annotations over different rows in one lateral")
            }
            if position > 0 { sql.append(", ") }
            try AggregateCompiler.appendFiltered(entry, column: (target, path.column, last), into: &sql) { filter, sql in
                try path.appendFilter(filter, alias: last, into: &sql)
            }
        }
        try appendRows(aliases, outer: entries[0].resolved.layout, into: &sql)
        sql.append(")")
    }

    /// The aliases of each hop's join table (0 without) and target.
    private func newAliases(_ sql: inout SQLBuilder) -> [(through: Int, target: Int)] {
        hops.map { hop in (through: hop.relation.through == nil ? 0 : sql.newAlias(), target: sql.newAlias()) }
    }

    /// ` FROM <hops> WHERE <first hop> = <outer row's column>`
    private func appendRows(_ aliases: [(through: Int, target: Int)], outer: ModelLayout, into sql: inout SQLBuilder) throws {
        sql.append(" FROM ")
        // The first hop's tables, then the others joined to it.
        let first = hops[0]
        if first.relation.through != nil {
            sql.append(.throughTable, of: first.relation)
            sql.append(" AS ")
            sql.append(alias: aliases[0].through)
            Self.appendTargetJoin(first, through: aliases[0].through, alias: aliases[0].target, into: &sql)
        } else {
            sql.append(.table, of: first.target)
            sql.append(" AS ")
            sql.append(alias: aliases[0].target)
        }
        for index in hops.indices.dropFirst() {
            try Self.appendJoin(hops[index], from: (hops[index - 1].target, aliases[index - 1].target), aliases: aliases[index], into: &sql)
        }
        sql.append(" WHERE ")
        if first.relation.through != nil {
            sql.append(alias: aliases[0].through)
            sql.append(".")
            sql.append(.throughSource, of: first.relation)
        } else {
            sql.append(column: first.remote, of: first.target, alias: aliases[0].target)
        }
        sql.append(" = ")
        sql.append(.columnSQL, of: outer, column: first.local)
    }

    /// `(SELECT <call> FROM <own table> INNER JOIN <hops> WHERE <own predicates> AND <filter>)`:
    /// over the queryset's rows (`aggregate()`); `compileOwn` compiles a predicate over them.
    func appendOverRows(
        _ aggregate: Aggregate, cast: StaticString?, own: ModelLayout, predicates: [Predicate],
        compileOwn: (Predicate, inout SQLBuilder) throws -> Void, into sql: inout SQLBuilder
    ) throws {
        let aliases = newAliases(&sql)
        sql.append("(SELECT ")
        AggregateCompiler.call(aggregate, column: (target, column, aliases[hops.count - 1].target), into: &sql)
        if let cast { sql.append(cast) }
        sql.append(" FROM ")
        // The own table under its name: the queryset's filters (and annotations) name it so.
        sql.append(.table, of: own)
        var from = (own, 0)
        for index in hops.indices {
            try Self.appendJoin(hops[index], from: from, aliases: aliases[index], into: &sql)
            from = (hops[index].target, aliases[index].target)
        }
        // Each parenthesized: an OR of one predicate must not bind to the next one's AND.
        for (position, predicate) in predicates.enumerated() {
            sql.append(position == 0 ? " WHERE (" : " AND (")
            try compileOwn(predicate, &sql)
            sql.append(")")
        }
        if let filter = aggregate.filter {
            sql.append(predicates.isEmpty ? " WHERE " : " AND ")
            try appendFilter(filter, alias: aliases[hops.count - 1].target, into: &sql)
        }
        sql.append(")")
    }

    /// ` INNER JOIN <target> AS "Tn" ON "Tn".<remote> = <from>.<local>`, through the join table
    /// for a many-to-many.
    private static func appendJoin(
        _ hop: Hop, from: (layout: ModelLayout, alias: Int), aliases: (through: Int, target: Int), into sql: inout SQLBuilder
    ) throws {
        sql.append(" INNER JOIN ")
        if hop.relation.through != nil {
            sql.append(.throughTable, of: hop.relation)
            sql.append(" AS ")
            sql.append(alias: aliases.through)
            sql.append(" ON ")
            sql.append(alias: aliases.through)
            sql.append(".")
            sql.append(.throughSource, of: hop.relation)
            sql.append(" = ")
            sql.append(column: hop.local, of: from.layout, alias: from.alias)
            appendTargetJoin(hop, through: aliases.through, alias: aliases.target, into: &sql)
            return
        }
        sql.append(.table, of: hop.target)
        sql.append(" AS ")
        sql.append(alias: aliases.target)
        sql.append(" ON ")
        sql.append(column: hop.remote, of: hop.target, alias: aliases.target)
        sql.append(" = ")
        sql.append(column: hop.local, of: from.layout, alias: from.alias)
    }

    /// ` INNER JOIN <target> AS "Tn" ON "Tn".<key> = "Tj".<join table's target column>`
    private static func appendTargetJoin(_ hop: Hop, through: Int, alias: Int, into sql: inout SQLBuilder) {
        sql.append(" INNER JOIN ")
        sql.append(.table, of: hop.target)
        sql.append(" AS ")
        sql.append(alias: alias)
        sql.append(" ON ")
        sql.append(column: hop.remote, of: hop.target, alias: alias)
        sql.append(" = ")
        sql.append(alias: through)
        sql.append(".")
        sql.append(.throughTarget, of: hop.relation)
    }

    /// The aggregate's filter over the last target's rows.
    func appendFilter(_ filter: Predicate, alias: Int, into sql: inout SQLBuilder) throws {
        let hop = hops[hops.count - 1]
        try hop.relation.compileOnTarget(Self.droppingPrefix(prefix, from: filter), QueryScope(target, alias: alias), &sql)
    }

    /// Django's filter spells the related rows' fields from the annotated model
    /// (`Q(tasks__done=False)`): the path's prefix is dropped from each name that carries it.
    static func droppingPrefix(_ prefix: String, from predicate: Predicate) -> Predicate {
        let head = prefix + "__"
        func strip(_ name: String) -> String { name.hasPrefix(head) ? String(name.dropFirst(head.count)) : name }
        switch predicate {
        case .constant: return predicate
        case .and(let parts): return .and(parts.map { droppingPrefix(prefix, from: $0) })
        case .or(let parts): return .or(parts.map { droppingPrefix(prefix, from: $0) })
        case .not(let inner): return .not(droppingPrefix(prefix, from: inner))
        case .field(let name, let lookup): return .field(strip(name), lookup)
        case .inSubquery(let name, let subquery): return .inSubquery(strip(name), subquery)
        }
    }
}
