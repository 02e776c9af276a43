import PostgreSQL
import RESTFramework

extension Model {
    /// Django's related manager (`issue.labels`, `project.issues`): the related rows as a
    /// queryset, and `add`, `remove`, `set` and `clear` (on a many-to-many's join table; on a
    /// reverse relation, the targets' key column, which must be nullable to remove).
    ///
    ///     try issue.related(\.labels, on: connection).add([urgent, backend])   // duplicates ignored
    ///     let open = try project.related(\.issues, on: connection).queryset.filter(.field("done", .exact(false))).count()
    ///
    /// The statements run on `connection`, so inside the caller's `transaction { }` they are
    /// part of it.
    public func related<T: Model>(_ keyPath: KeyPath<Self, RelatedSet<T>>, on connection: Connection) throws -> RelatedManager<T> {
        let wanted: AnyKeyPath = keyPath
        guard let relation = Self.relations.first(where: { ($0.keyPath as AnyKeyPath?) == wanted }) else {
            throw ModelError.unsupported("\(Self.modelName) declares no relation for \(keyPath) in its relations")
        }
        let info = relation.info
        let key = fieldValue(info.localColumn) ?? .null
        guard !key.isNull else {
            throw ModelError.unsupported("\(Self.modelName) needs a primary key value before its '\(info.name)' can be used")
        }
        return RelatedManager(relation: info, ownerKey: key, keyType: try Relation<Self>.keyType(info), connection: connection)
    }
}

/// The rows related to one instance through a many-to-many or a reverse foreign key.
public struct RelatedManager<Target: Model> {
    let relation: RelationInfo
    let ownerKey: FieldValue
    let keyType: ColumnType
    public let connection: Connection

    /// The related rows, to filter, order, count (Django's `issue.labels.all()`).
    public var queryset: QuerySet<Target> {
        let objects = Target.objects(on: connection)
        guard relation.through != nil else { return objects.filter(.field(relation.remoteColumn, .exact(ownerKey))) }
        let relation = relation
        let ownerKey = ownerKey
        let keyType = keyType
        // pk IN (SELECT "task_tags"."tag_id" FROM "task_tags" WHERE "task_tags"."task_id" = $1)
        return objects.filter(
            .inSubquery(
                "pk",
                ModelSubquery { sql in
                    sql.append("SELECT ")
                    sql.append(.throughTable, of: relation)
                    sql.append(".")
                    sql.append(.throughTarget, of: relation)
                    sql.append(" FROM ")
                    sql.append(.throughTable, of: relation)
                    sql.append(" WHERE ")
                    sql.append(.throughTable, of: relation)
                    sql.append(".")
                    sql.append(.throughSource, of: relation)
                    sql.append(" = ")
                    sql.bind(SQLParameter.make(ownerKey, as: keyType))
                }))
    }

    public func all() throws -> [Target] { try queryset.all() }

    // MARK: Changing (many-to-many: the join table; reverse: the targets' key column)

    /// Links the rows; a pair already linked is left as it is (Django ignores duplicates).
    public func add(_ targets: [Target]) throws { try add(keys: targets.map { $0.fieldValue("pk") ?? .null }) }

    public func add(keys: [FieldValue]) throws {
        let keys = try targetKeys(keys)
        guard !keys.isEmpty else { return }
        guard relation.through != nil else {
            _ = try Target.objects(on: connection).filter(.field("pk", .in(keys))).update([relation.remoteColumn: ownerKey])
            return
        }
        try run { sql in
            // INSERT INTO "task_tags" ("task_id", "tag_id") SELECT $1, unnest($2) ON CONFLICT DO NOTHING
            sql.append("INSERT INTO ")
            sql.append(.throughTable, of: relation)
            sql.append(" (")
            sql.append(.throughSource, of: relation)
            sql.append(", ")
            sql.append(.throughTarget, of: relation)
            sql.append(") SELECT ")
            sql.bind(SQLParameter.make(ownerKey, as: keyType))
            sql.append(", unnest(")
            sql.bind(SQLParameter.array(keys, as: try targetKeyType()))
            sql.append(") ON CONFLICT DO NOTHING")
        }
    }

    /// Unlinks the rows (a reverse relation sets their key to NULL: it must be nullable).
    public func remove(_ targets: [Target]) throws { try remove(keys: targets.map { $0.fieldValue("pk") ?? .null }) }

    public func remove(keys: [FieldValue]) throws {
        let keys = try targetKeys(keys)
        guard !keys.isEmpty else { return }
        try delete(keeping: nil, only: keys)
    }

    /// Unlinks every row.
    public func clear() throws { try delete(keeping: nil, only: nil) }

    /// Makes the related rows exactly these: unlinks the others, links the missing, in one
    /// transaction (a savepoint inside the caller's).
    public func set(_ targets: [Target]) throws { try set(keys: targets.map { $0.fieldValue("pk") ?? .null }) }

    public func set(keys: [FieldValue]) throws {
        let keys = try targetKeys(keys)
        try connection.transaction { _ in
            try delete(keeping: keys, only: nil)
            try add(keys: keys)
        }
    }

    // MARK: Statements

    /// Unlinks the rows in `only` (every row when nil) except those in `keeping`.
    private func delete(keeping: [FieldValue]?, only: [FieldValue]?) throws {
        guard relation.through != nil else {
            var rows = queryset
            if let only { rows = rows.filter(.field("pk", .in(only))) }
            if let keeping, !keeping.isEmpty { rows = rows.exclude(.field("pk", .in(keeping))) }
            _ = try rows.update([relation.remoteColumn: .null])
            return
        }
        let keyType = try targetKeyType()
        try run { sql in
            // DELETE FROM "task_tags" WHERE "task_tags"."task_id" = $1 [AND "task_tags"."tag_id" = ANY($2)]
            sql.append("DELETE FROM ")
            sql.append(.throughTable, of: relation)
            sql.append(" WHERE ")
            sql.append(.throughTable, of: relation)
            sql.append(".")
            sql.append(.throughSource, of: relation)
            sql.append(" = ")
            sql.bind(SQLParameter.make(ownerKey, as: self.keyType))
            if let only {
                sql.append(" AND ")
                sql.append(.throughTable, of: relation)
                sql.append(".")
                sql.append(.throughTarget, of: relation)
                sql.append(" = ANY(")
                sql.bind(SQLParameter.array(only, as: keyType))
                sql.append(")")
            }
            if let keeping, !keeping.isEmpty {
                sql.append(" AND NOT ")
                sql.append(.throughTable, of: relation)
                sql.append(".")
                sql.append(.throughTarget, of: relation)
                sql.append(" = ANY(")
                sql.bind(SQLParameter.array(keeping, as: keyType))
                sql.append(")")
            }
        }
    }

    private func run(_ compile: (inout SQLBuilder) throws -> Void) throws {
        _ = try StatementRunner.query(try SQLBuilder.statement(compile), on: connection)
    }

    /// The target's primary key type.
    private func targetKeyType() throws -> ColumnType {
        let layout = ModelLayout.of(Target.self)
        guard let index = layout.primaryKeyIndex else {
            throw ModelError.unsupported("\(Target.modelName) has no single-column primary key")
        }
        return layout.columns[index].type
    }

    /// The keys coerced to the target's key type (values may come from a request), without NULLs.
    private func targetKeys(_ keys: [FieldValue]) throws -> [FieldValue] {
        let layout = ModelLayout.of(Target.self)
        guard let index = layout.primaryKeyIndex else {
            throw ModelError.unsupported("\(Target.modelName) has no single-column primary key")
        }
        return try keys.filter { !$0.isNull }.map { try QuerySet<Target>.coerceForWrite($0, layout.columns[index]) }
    }
}

extension ModelSubquery {
    /// A subquery written by the model layer itself (a join table's column).
    init(render: @escaping @Sendable (inout SQLBuilder) throws -> Void) { self.render = render }
}
