import PostgreSQL
import RESTFramework

/// DRF's `ModelSerializer.create`/`update` for to-many values: a validated value under a
/// many-to-many's (or reverse relation's) name (`"tags": [1, 3]`, from a related field with
/// `many`) is no column; the row is written first, then the relation's rows are made exactly
/// those (`related(\.tags, on:).set(keys:)`), in one transaction.
///
/// The row written is then read again with the relations the serializer renders
/// (`Serializer.relatedPaths`: `project__account`, `tags`), in one statement plus one per
/// prefetch, where Django would read each relation when the response is rendered; a
/// serializer that reads none (every part-1 serializer) costs nothing more.
extension QuerySet {
    /// `insert`, then the to-many values set on the new row.
    func insertSettingRelations(_ values: ValidatedData, reading paths: @autoclosure () -> [String]) throws -> M {
        // A model without relations (most): the write alone, nothing looked up.
        guard !ModelLayout.of(M.self).relations.isEmpty else { return try insert(values) }
        let paths = paths()
        let (columns, toMany) = Self.splitToMany(values)
        guard !toMany.isEmpty else { return try reread(try insert(values), paths) }
        return try requireConnection().transaction { _ in
            let row = try insert(columns)
            try setToMany(toMany, on: row)
            return try reread(row, paths)
        }
    }

    /// `update(_:with:)`, then the to-many values set on the row.
    func updateSettingRelations(_ object: M, with values: ValidatedData, reading paths: @autoclosure () -> [String]) throws -> M {
        guard !ModelLayout.of(M.self).relations.isEmpty else { return try update(object, with: values) }
        let paths = paths()
        let (columns, toMany) = Self.splitToMany(values)
        guard !toMany.isEmpty else { return try reread(try update(object, with: values), paths) }
        return try requireConnection().transaction { _ in
            let row = try update(object, with: columns)
            try setToMany(toMany, on: row)
            return try reread(row, paths)
        }
    }

    /// The row with its related rows, through this queryset (its annotations); the row as
    /// written when there is nothing to read or the queryset does not hold it.
    private func reread(_ row: M, _ paths: [String]) throws -> M {
        guard !paths.isEmpty, let key = row.fieldValue("pk"), !key.isNull else { return row }
        return try withRelated(paths).filter(.field("pk", .exact(key))).first() ?? row
    }

    /// The values that name a to-many relation, apart from the others.
    static func splitToMany(_ values: ValidatedData) -> (ValidatedData, [(RelationInfo, [FieldValue])]) {
        let layout = ModelLayout.of(M.self)
        guard !layout.relations.isEmpty else { return (values, []) }
        var columns: [(String, FieldValue)] = []
        var toMany: [(RelationInfo, [FieldValue])] = []
        for (key, value) in values {
            if layout.index(of: key) == nil, let relation = layout.relation(named: key), relation.isToMany {
                toMany.append((relation, value.listValue ?? (value.isNull ? [] : [value])))
            } else {
                columns.append((key, value))
            }
        }
        return (ValidatedData(columns), toMany)
    }

    private func setToMany(_ toMany: [(RelationInfo, [FieldValue])], on row: M) throws {
        let layout = ModelLayout.of(M.self)
        let connection = try requireConnection()
        for (relation, keys) in toMany {
            let index = try relation.index(of: relation.localColumn, in: layout)
            let owner = row.fieldValue(relation.localColumn) ?? .null
            try relation.setKeys(relation, owner, layout.columns[index].type, keys, connection)
        }
    }
}
