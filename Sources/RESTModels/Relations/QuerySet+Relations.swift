#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PostgreSQL
import RESTFramework

/// Django's `select_related` and `prefetch_related`: a list page's related rows in a number of
/// queries that does not grow with the page.
extension QuerySet {
    /// Reads the related rows of to-one relations in the same statement, by JOIN (LEFT OUTER
    /// for a nullable key), filling each `ForeignKey`'s instance. Paths cross relations with
    /// double underscores; each hop along a path is selected too.
    ///
    ///     let issues = try Issue.objects(on: connection).selectRelated("project__account", "assignee").all()
    ///     let account = issues[0].project.instance?.account.instance   // no further query
    public func selectRelated(_ paths: String...) -> QuerySet {
        var related = query.state.related
        related.selectRelated += paths
        return QuerySet(ModelQuery(state: query.state.with(related: related)), connection: connection)
    }

    /// Reads the rows of each named relation (a many-to-many, a reverse relation, or a foreign
    /// key) for the whole page in one more statement (`WHERE issue_id = ANY($1)`), filling the
    /// `RelatedSet`, `RelatedObject` or `ForeignKey` of every row.
    ///
    ///     let issues = try Issue.objects(on: connection).prefetchRelated("labels", "project").all()
    ///     let names = issues.map { $0.labels.all?.map(\.name) ?? [] }
    public func prefetchRelated(_ names: String...) -> QuerySet {
        var related = query.state.related
        related.prefetchRelated += names
        return QuerySet(ModelQuery(state: query.state.with(related: related)), connection: connection)
    }

    // MARK: Running

    /// The rows of `query` with their related rows: one statement, then one per prefetch.
    func runRelated(_ query: ModelQuery<M>) throws -> [M] {
        let joins = try QueryCompiler<M>.joins(query)
        let statement = try SQLBuilder.statement { sql in try QueryCompiler<M>.select(query, joins: .some(joins), into: &sql) }
        let connection = try requireConnection()
        var rows = try Self.decode(try StatementRunner.query(statement, on: connection), joins: joins)
        try prefetch(query.state.related.prefetchRelated, into: &rows, on: connection)
        return rows
    }

    /// `countAndFetch` with related rows: the count and the page in one round trip, then the prefetches.
    func countAndFetchRelated(_ page: ModelQuery<M>, count: SQLStatement) throws -> (count: Int, rows: [M]) {
        let joins = try QueryCompiler<M>.joins(page)
        let select = try SQLBuilder.statement { sql in try QueryCompiler<M>.select(page, joins: .some(joins), into: &sql) }
        let connection = try requireConnection()
        let results = try StatementRunner.pipelined([count, select], on: connection)
        var rows = try Self.decode(results[1], joins: joins)
        try prefetch(page.state.related.prefetchRelated, into: &rows, on: connection)
        return (try results[0][0][0, as: Int.self], rows)
    }

    /// Runs each prefetch over the page (none for an empty page).
    func prefetch(_ names: [String], into rows: inout [M], on connection: Connection) throws {
        guard !names.isEmpty, !rows.isEmpty else { return }
        let relations = M.relations
        for name in names {
            guard let relation = relations.first(where: { $0.name == name }) else {
                throw FieldError(model: M.modelName, field: name, validFields: relations.map(\.name))
            }
            try relation.prefetch(&rows, connection)
        }
    }

    /// The models of a `SELECT` with the selected related rows after each model's columns.
    static func decode(_ result: QueryResult, joins: JoinPlan?) throws -> [M] {
        let layout = ModelLayout.of(M.self)
        var models: [M] = []
        models.reserveCapacity(result.count)
        guard let joins, joins.hasSelected else {
            let cursor = ModelRow.Cursor()
            for index in 0..<result.count { models.append(try M(row: ModelRow(result[index], layout: layout, cursor: cursor))) }
            return models
        }
        let plan = joins.joins
        if plan.allSatisfy({ !$0.selected || $0.relation.access != nil }) {
            return try decodeInPlace(result, plan: plan, layout: layout)
        }
        for index in 0..<result.count {
            let row = result[index]
            var instances = [(any Model)?](repeating: nil, count: plan.count)
            for (position, join) in plan.enumerated() where join.selected {
                // A LEFT JOIN that found no row gives NULL in every column, the key included.
                if row.isNull(join.offset + (join.layout.primaryKeyIndex ?? 0)) { continue }
                instances[position] = try join.relation.decodeTarget(ModelRow(row, layout: join.layout, offset: join.offset))
            }
            // Deepest first: an account goes into its project before the project into the task.
            for position in plan.indices.reversed() where plan[position].selected && plan[position].parent >= 0 {
                guard var owner = instances[plan[position].parent] else { continue }
                plan[position].relation.attach?(&owner, instances[position])
                instances[plan[position].parent] = owner
            }
            var model: any Model = try M(row: ModelRow(row, layout: layout, offset: 0))
            for position in plan.indices where plan[position].selected && plan[position].parent < 0 {
                plan[position].relation.attach?(&model, instances[position])
            }
            guard let decoded = model as? M else { throw ModelError.unsupported("a related row could not be attached to \(M.modelName)") }
            models.append(decoded)
        }
        return models
    }

    /// Each row's related instances decoded and stored straight into their owners, deepest
    /// first, through the relations' `RelatedAccess` (no `any Model` per related row).
    private static func decodeInPlace(_ result: QueryResult, plan: [JoinPlan.Join], layout: ModelLayout) throws -> [M] {
        var models: [M] = []
        models.reserveCapacity(result.count)
        // The selected joins hanging from each join (index + 1; 0: the model's own table).
        var children = [[Int]](repeating: [], count: plan.count + 1)
        for (position, join) in plan.enumerated() where join.selected { children[join.parent + 1].append(position) }
        for index in 0..<result.count {
            let row = result[index]
            func fill(_ parent: Int, _ owner: UnsafeMutableRawPointer) throws {
                for position in children[parent + 1] {
                    let join = plan[position]
                    // A LEFT JOIN that found no row gives NULL in every column, the key included.
                    if row.isNull(join.offset + (join.layout.primaryKeyIndex ?? 0)) { continue }
                    try join.relation.access!.decodeInto(ModelRow(row, layout: join.layout, offset: join.offset), owner) {
                        try fill(position, $0)
                    }
                }
            }
            var model = try M(row: ModelRow(row, layout: layout, offset: 0))
            try withUnsafeMutablePointer(to: &model) { try fill(-1, UnsafeMutableRawPointer($0)) }
            models.append(model)
        }
        return models
    }
}

/// The statement of one prefetch: the target's rows for a page of owners' keys, grouped by key.
@usableFromInline
enum RelationPrefetch {
    /// `keyType`: the owner's key column's type (how the keys are sent, and read back for a
    /// many-to-many). `byKey`: a forward relation (the keys are the targets' primary keys).
    static func rows<T: Model>(
        _ relation: RelationInfo, _ target: T.Type, for keys: [FieldValue], keyType: ColumnType,
        on connection: Connection
    ) throws -> [FieldValue: [T]] {
        var unique: [FieldValue] = []
        var seen = Set<FieldValue>()
        for key in keys where !key.isNull && seen.insert(key).inserted { unique.append(key) }
        guard !unique.isEmpty else { return [:] }
        let layout = ModelLayout.of(T.self)
        let result = try query(relation, T.self, keys: unique, keyType: keyType, on: connection)
        var grouped: [FieldValue: [T]] = [:]
        let ownerColumn = layout.names.count
        for index in 0..<result.count {
            let row = result[index]
            let model = try T(row: ModelRow(row, layout: layout, offset: 0))
            let key: FieldValue
            if relation.through != nil {
                key = try decodeKey(row, column: ownerColumn, type: keyType)
            } else {
                key = model.fieldValue(relation.remoteColumn) ?? .null
            }
            grouped[key, default: []].append(model)
        }
        return grouped
    }

    /// The owners' key column (the one the relation starts from), in row order.
    @usableFromInline
    static func ownerKeys<M: Model>(of rows: [M], _ relation: RelationInfo) throws -> [FieldValue] {
        let layout = ModelLayout.of(M.self)
        let read = layout.readers[try relation.index(of: relation.localColumn, in: layout)].read
        return rows.withUnsafeBufferPointer { owners in owners.indices.map { read(UnsafeRawPointer(owners.baseAddress! + $0)) } }
    }

    /// `SELECT <target's columns> [, <join table's owner key>] FROM ... WHERE <key> = ANY($1)
    /// ORDER BY <target's ordering>`: `keys` are the owners' distinct non-null keys.
    static func query<T: Model>(
        _ relation: RelationInfo, _ target: T.Type, keys unique: [FieldValue], keyType: ColumnType,
        on connection: Connection
    ) throws -> QueryResult {
        let layout = ModelLayout.of(T.self)
        let remote = try relation.index(of: relation.remoteColumn, in: layout)
        let ordering = T.ordering.allSatisfy { layout.index(ofField: $0.field) != nil } ? T.ordering : [OrderTerm("pk")]
        let statement = try SQLBuilder.statement { sql in
            sql.append("SELECT ")
            sql.append(.selectList, of: layout)
            if relation.through != nil {
                sql.append(", ")
                sql.append(.throughTable, of: relation)
                sql.append(".")
                sql.append(.throughSource, of: relation)
            }
            sql.append(" FROM ")
            sql.append(.table, of: layout)
            if relation.through != nil {
                sql.append(" INNER JOIN ")
                sql.append(.throughTable, of: relation)
                sql.append(" ON ")
                sql.append(.throughTable, of: relation)
                sql.append(".")
                sql.append(.throughTarget, of: relation)
                sql.append(" = ")
                sql.append(.columnSQL, of: layout, column: remote)
                sql.append(" WHERE ")
                sql.append(.throughTable, of: relation)
                sql.append(".")
                sql.append(.throughSource, of: relation)
            } else {
                sql.append(" WHERE ")
                sql.append(.columnSQL, of: layout, column: remote)
            }
            sql.append(" = ANY(")
            sql.bind(SQLParameter.array(unique, as: keyType))
            sql.append(")")
            try QueryCompiler<T>.orderClause(ordering, in: layout, into: &sql)
        }
        return try StatementRunner.query(statement, on: connection)
    }

    /// A key column's value as the owner's `fieldValue` gives it (the types a primary key has).
    static func decodeKey(_ row: Row, column: Int, type: ColumnType) throws -> FieldValue {
        if row.isNull(column) { return .null }
        switch type {
        case .int, .smallint: return .int(try row[column])
        case .text: return .string(try row[column])
        case .uuid: return try UUID.decode(row, column: column).fieldValue
        default: throw ModelError.unsupported("a many-to-many from a model whose key is of type \(type)")
        }
    }
}
