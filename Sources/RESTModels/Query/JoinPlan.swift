import RESTFramework

/// Where a statement's field names are resolved: a model's table under its alias (0: the table's
/// own name), with the to-one joins of the statement when it has any.
struct QueryScope {
    let layout: ModelLayout
    var alias = 0
    var joins: JoinPlan? = nil

    init(_ layout: ModelLayout, alias: Int = 0, joins: JoinPlan? = nil) {
        self.layout = layout
        self.alias = alias
        self.joins = joins
    }
}

/// The to-one JOINs of a `SELECT`: those `selectRelated` asks for (their columns selected after
/// the model's) and those an ordering across relations needs. Filters never join (a lookup
/// across a relation is an EXISTS, see `RelationLookup`), so counting, updating and deleting
/// take the same WHERE clause as selecting, and no row is repeated.
///
/// A joined table keeps its own name when the statement has no other use of it (so an
/// annotation's SQL, written against the table's name, still reads it), else it is `"T<n>"`.
struct JoinPlan {
    struct Join {
        /// `"project__account"`
        let path: String
        let relation: RelationInfo
        /// The join it hangs from; -1: the model's own table.
        let parent: Int
        let layout: ModelLayout
        let alias: Int
        /// LEFT OUTER when this or an earlier hop may have no row.
        let isLeft: Bool
        /// Whether `selectRelated` selects its columns.
        var selected: Bool
        /// Where its columns start in a row (when selected).
        var offset = 0
    }

    let root: ModelLayout
    private(set) var joins: [Join] = []
    /// The aliases taken, `SQLBuilder.nextAlias` for the statement's other tables.
    private(set) var nextAlias = 1

    /// The joins for `selectRelated` paths and the ordering's names across relations; nil when
    /// there are none.
    static func make(
        _ root: ModelLayout, selectRelated: [String], ordering: [OrderTerm]
    ) throws -> JoinPlan? {
        guard !selectRelated.isEmpty || !root.relations.isEmpty else { return nil }
        var plan = JoinPlan(root: root)
        for path in selectRelated { try plan.selectRelated(path) }
        for term in ordering where root.index(ofField: term.field) == nil {
            _ = try plan.resolve(term.field, creating: true, purpose: "order by")
        }
        guard !plan.joins.isEmpty else { return nil }
        var offset = root.names.count
        for index in plan.joins.indices where plan.joins[index].selected {
            plan.joins[index].offset = offset
            offset += plan.joins[index].layout.names.count
        }
        return plan
    }

    private mutating func selectRelated(_ path: String) throws {
        var parent = -1
        var layout = root
        var walked = ""
        for segment in LookupSeparator.split(path) {
            guard let relation = layout.relation(named: segment), !relation.isToMany else {
                throw FieldError(
                    model: layout.typeName, field: segment,
                    validFields: layout.relations.filter { !$0.isToMany }.map(\.name))
            }
            walked = walked.isEmpty ? segment : walked + "__" + segment
            parent = try join(relation, path: walked, parent: parent)
            joins[parent].selected = true
            layout = joins[parent].layout
        }
    }

    /// The join for `relation` hanging from `parent`, made if missing; its index.
    private mutating func join(_ relation: RelationInfo, path: String, parent: Int) throws -> Int {
        if let existing = joins.firstIndex(where: { $0.path == path }) { return existing }
        let layout = relation.target()
        let taken = layout === root || joins.contains { $0.alias == 0 && $0.layout === layout }
        let alias: Int
        if taken {
            alias = nextAlias
            nextAlias += 1
        } else {
            alias = 0
        }
        let isLeft = relation.isNullable || (parent >= 0 && joins[parent].isLeft)
        joins.append(
            Join(path: path, relation: relation, parent: parent, layout: layout, alias: alias, isLeft: isLeft, selected: false))
        return joins.count - 1
    }

    /// The column a name across to-one relations means (`project__account__name`), and whether
    /// it can be NULL through a LEFT JOIN. `creating`: while planning, before the FROM clause.
    func column(_ name: String, purpose: String) throws -> (LookupCompiler.ColumnRef, nullable: Bool) {
        var copy = self
        return try copy.resolve(name, creating: false, purpose: purpose)
    }

    private mutating func resolve(
        _ name: String, creating: Bool, purpose: String
    ) throws -> (LookupCompiler.ColumnRef, nullable: Bool) {
        let segments = LookupSeparator.split(name)
        var layout = root
        var alias = 0
        var parent = -1
        var walked = ""
        for (position, segment) in segments.enumerated() {
            let isLast = position == segments.count - 1
            let left = parent >= 0 && joins[parent].isLeft
            if isLast, let index = layout.index(ofField: segment) {
                return (.init(layout: layout, index: index, alias: alias), layout.columns[index].isNullable || left)
            }
            guard let relation = layout.relation(named: segment) else { throw layout.unknownField(segment) }
            guard !relation.isToMany else {
                throw ModelError.unsupported(
                    "Cannot \(purpose) '\(name)': '\(segment)' is a to-many relation, which would repeat rows.")
            }
            if isLast && relation.isForward {
                let index = try relation.index(of: relation.localColumn, in: layout)
                return (.init(layout: layout, index: index, alias: alias), relation.isNullable || left)
            }
            walked = walked.isEmpty ? segment : walked + "__" + segment
            if creating {
                parent = try join(relation, path: walked, parent: parent)
            } else {
                guard let found = joins.firstIndex(where: { $0.path == walked }) else {
                    throw ModelError.unsupported("'\(name)' was not joined when the statement was planned")
                }
                parent = found
            }
            layout = joins[parent].layout
            alias = joins[parent].alias
            if isLast {
                // A reverse one-to-one's own name: the related row's primary key.
                guard let index = layout.index(ofField: "pk") else { throw layout.unknownField("pk") }
                return (.init(layout: layout, index: index, alias: alias), true)
            }
        }
        throw layout.unknownField(name)
    }

    // MARK: SQL

    /// ` INNER JOIN "projects" ON "projects"."id" = "tasks"."project_id" LEFT OUTER JOIN ...`
    func appendJoins(into sql: inout SQLBuilder) throws {
        for join in joins {
            let (parentLayout, parentAlias) = join.parent < 0 ? (root, 0) : (joins[join.parent].layout, joins[join.parent].alias)
            sql.append(join.isLeft ? " LEFT OUTER JOIN " : " INNER JOIN ")
            sql.append(.table, of: join.layout)
            if join.alias != 0 {
                sql.append(" AS ")
                sql.append(alias: join.alias)
            }
            sql.append(" ON ")
            sql.append(column: try join.relation.index(of: join.relation.remoteColumn, in: join.layout), of: join.layout, alias: join.alias)
            sql.append(" = ")
            sql.append(
                column: try join.relation.index(of: join.relation.localColumn, in: parentLayout), of: parentLayout, alias: parentAlias)
        }
    }

    /// `, "projects"."id", ...` for each selected join, in `offset` order.
    func appendSelectedColumns(into sql: inout SQLBuilder) throws {
        for join in joins where join.selected {
            sql.append(", ")
            if join.alias == 0 {
                sql.append(.selectList, of: join.layout)
                continue
            }
            for index in join.layout.columns.indices {
                guard join.layout.columns[index].isWritable else {
                    throw ModelError.unsupported(
                        "selectRelated(\"\(join.path)\"): \(join.layout.typeName)'s annotation '\(join.layout.names[index])' cannot be read under an alias (its table is joined twice)"
                    )
                }
                if index > 0 { sql.append(", ") }
                sql.append(column: index, of: join.layout, alias: join.alias)
            }
        }
    }

    var hasSelected: Bool { joins.contains { $0.selected } }
}
