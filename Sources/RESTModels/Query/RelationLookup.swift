import RESTFramework

/// Lookups across relations in a WHERE clause, one hop at a time, each an `EXISTS` subquery.
/// `project__account__name = 'Acme'` on tasks is `EXISTS (SELECT 1 FROM "projects" AS "T1"
/// WHERE "T1"."id" = "tasks"."project_id" AND EXISTS (SELECT 1 FROM "accounts" AS "T2" WHERE
/// "T2"."id" = "T1"."account_id" AND "T2"."name" = $1::text))`; `tags__slug` goes through the
/// join table: `EXISTS (SELECT 1 FROM "task_tags" AS "T1" INNER JOIN "tags" AS "T2" ON
/// "T2"."id" = "T1"."tag_id" WHERE "T1"."task_id" = "tasks"."id" AND "T2"."slug" = $1::text)`.
///
/// Why EXISTS rather than Django's JOIN (plus DISTINCT for to-many lookups): the rows are the
/// same, none is ever repeated, so `count(*)`, LIMIT/OFFSET pagination, UPDATE and DELETE take
/// the WHERE clause as it is, and ordering needs no DISTINCT-compatible select list. `exclude`
/// over a to-many relation is `NOT EXISTS`, as Django compiles it. PostgreSQL plans each EXISTS
/// as a semi-join. Each lookup is its own EXISTS: two conditions on one to-many relation may
/// be met by different related rows (Django's chained `filter()` calls, not one `filter()`
/// with both).
enum RelationLookup {
    /// A leaf whose name is not a column of `scope`'s model.
    /// (`M` is the compiler's: any model, its predicate code does not depend on it.)
    static func compile<M: Model>(
        _ name: String, _ lookup: Lookup, negated: Bool, in scope: QueryScope, into sql: inout SQLBuilder, compiler: M.Type
    ) throws {
        let layout = scope.layout
        let (head, rest) = split(name)
        guard let relation = layout.relation(named: head) else { throw layout.unknownField(head) }
        let wantsNull: Bool?
        switch lookup {
        case .isNull(let wanted): wantsNull = wanted
        case .exact(.null): wantsNull = true
        default: wantsNull = nil
        }
        if rest == nil && relation.isForward {
            // `lead=3`, `lead__isnull=True`: the key column itself.
            let index = try relation.index(of: relation.localColumn, in: layout)
            let column = LookupCompiler.ColumnRef(layout: layout, index: index, alias: scope.alias)
            let before = sql.beginLeaf()
            let nulls = try LookupCompiler.compile(lookup, on: column, field: name, into: &sql)
            sql.endLeaf(before, coalesced: negated && nulls != .never && (nulls == .always || layout.columns[index].isNullable))
            return
        }
        switch (rest, wantsNull) {
        case (nil, let wanted?):
            // `tags__isnull=True`: no related row.
            if wanted { sql.append("NOT ") }
            try exists(relation, from: scope, compiler: M.self, where: nil, into: &sql)
        case (nil, nil):
            // `tags=3`, `tags__in=[1, 2]`: a related row's primary key.
            try exists(relation, from: scope, compiler: M.self, where: .field("pk", lookup), into: &sql)
        case (let rest?, true?) where !relation.isToMany:
            // NULL across a to-one relation: no related row with a value (a missing row is NULL,
            // as Django's LEFT JOIN makes it).
            sql.append("NOT ")
            try exists(relation, from: scope, compiler: M.self, where: .field(rest, .isNull(false)), into: &sql)
        case (let rest?, true?):
            sql.append("(NOT ")
            try exists(relation, from: scope, compiler: M.self, where: nil, into: &sql)
            sql.append(" OR ")
            try exists(relation, from: scope, compiler: M.self, where: .field(rest, .isNull(true)), into: &sql)
            sql.append(")")
        case (let rest?, _):
            try exists(relation, from: scope, compiler: M.self, where: .field(rest, lookup), into: &sql)
        }
    }

    /// `.inSubquery("project__account", memberships)`: the key column when the name is a
    /// forward relation's, else an EXISTS whose inner lookup is the subquery.
    static func compile<M: Model>(
        _ name: String, inSubquery subquery: ModelSubquery, negated: Bool, in scope: QueryScope, into sql: inout SQLBuilder,
        compiler: M.Type
    ) throws {
        let layout = scope.layout
        let (head, rest) = split(name)
        guard let relation = layout.relation(named: head) else { throw layout.unknownField(head) }
        if rest == nil && relation.isForward {
            let key = layout.names[try relation.index(of: relation.localColumn, in: layout)]
            return try QueryCompiler<M>.compile(.inSubquery(key, subquery), negated: negated, in: scope, into: &sql)
        }
        try exists(relation, from: scope, compiler: M.self, where: .inSubquery(rest ?? "pk", subquery), into: &sql)
    }

    /// `EXISTS (SELECT 1 FROM <target> WHERE <target's key> = <owner's key> [AND <inner>])`;
    /// `inner` is compiled against the target, under fresh aliases.
    static func exists<M: Model>(
        _ relation: RelationInfo, from scope: QueryScope, compiler: M.Type, where inner: Predicate?, into sql: inout SQLBuilder
    ) throws {
        let target = relation.target()
        let local = try relation.index(of: relation.localColumn, in: scope.layout)
        sql.append("EXISTS (SELECT 1 FROM ")
        let targetAlias: Int
        if relation.through != nil {
            let through = sql.newAlias()
            targetAlias = sql.newAlias()
            sql.append(.throughTable, of: relation)
            sql.append(" AS ")
            sql.append(alias: through)
            sql.append(" INNER JOIN ")
            sql.append(.table, of: target)
            sql.append(" AS ")
            sql.append(alias: targetAlias)
            sql.append(" ON ")
            sql.append(column: try relation.index(of: relation.remoteColumn, in: target), of: target, alias: targetAlias)
            sql.append(" = ")
            sql.append(alias: through)
            sql.append(".")
            sql.append(.throughTarget, of: relation)
            sql.append(" WHERE ")
            sql.append(alias: through)
            sql.append(".")
            sql.append(.throughSource, of: relation)
        } else {
            targetAlias = sql.newAlias()
            sql.append(.table, of: target)
            sql.append(" AS ")
            sql.append(alias: targetAlias)
            sql.append(" WHERE ")
            sql.append(column: try relation.index(of: relation.remoteColumn, in: target), of: target, alias: targetAlias)
        }
        sql.append(" = ")
        sql.append(column: local, of: scope.layout, alias: scope.alias)
        if let inner {
            sql.append(" AND ")
            try QueryCompiler<M>.compile(inner, negated: false, in: QueryScope(target, alias: targetAlias), into: &sql)
        }
        sql.append(")")
    }

    /// `"project__account__name"` → `("project", "account__name")`.
    static func split(_ name: String) -> (head: String, rest: String?) {
        guard let range = LookupSeparator.first(in: name[...]) else { return (name, nil) }
        return (String(name[..<range.lowerBound]), String(name[range.upperBound...]))
    }
}
