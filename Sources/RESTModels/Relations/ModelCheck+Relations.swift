import RESTFramework

/// `ModelCheck` for relations: what would otherwise fail at the relation's first use (a
/// misspelled key column, a missing join table, a key of another type than the key it points
/// at). One difference per problem, naming the model, the relation and both sides.
extension ModelComparison {
    /// `byName`: the model's table's columns.
    func relationDifferences(_ byName: [String: TableCatalog.TableColumn]) -> [ModelDifference] {
        var found: [ModelDifference] = []
        for relation in layout.relations {
            let target = relation.target()
            func report(_ column: String?, _ message: String) {
                found.append(
                    ModelDifference(
                        model: modelName, property: relation.name, column: column,
                        message: "the \(relation.kindName) '\(relation.name)' to \(target.typeName): " + message))
            }
            guard let targetColumns = tables.columns[target.table] else {
                report(nil, "table \(target.table) of \(target.typeName) does not exist")
                continue
            }
            // A key column the model declares and its table lacks is the column check's report.
            let local = byName[relation.localColumn]
            if layout.index(of: relation.localColumn) == nil {
                report(relation.localColumn, "the column \"\(relation.localColumn)\" is not declared in \(modelName)'s columns")
            }
            let remote = targetColumns.first { $0.name == relation.remoteColumn }
            if target.index(of: relation.remoteColumn) == nil {
                report(relation.remoteColumn, "the column \"\(relation.remoteColumn)\" is not declared in \(target.typeName)'s columns")
            } else if remote == nil {
                report(relation.remoteColumn, "column \"\(relation.remoteColumn)\" of \(target.table) does not exist")
            }
            if let names = relation.through?.names {
                let table = SQL.identifier(names.table)
                guard let joinColumns = tables.columns[table] else {
                    report(nil, "join table \(table) does not exist")
                    continue
                }
                let source = joinColumns.first { $0.name == names.source }
                let joined = joinColumns.first { $0.name == names.target }
                for (name, stored) in [(names.source, source), (names.target, joined)] where stored == nil {
                    report(name, "column \"\(name)\" of join table \(table) does not exist")
                }
                if let source, let local,
                    let message = Self.keyMismatch(
                        (names.source, table, source), points: (relation.localColumn, layout.table, local))
                {
                    report(names.source, message)
                }
                if let joined, let remote,
                    let message = Self.keyMismatch(
                        (names.target, table, joined), points: (relation.remoteColumn, target.table, remote))
                {
                    report(names.target, message)
                }
            } else if let local, let remote, !readsMistyped(relation.localColumn, local) {
                // The key column and the key it holds: the owner's for a forward relation,
                // the target's for a reverse one.
                let message =
                    relation.isForward
                    ? Self.keyMismatch((relation.localColumn, layout.table, local), points: (relation.remoteColumn, target.table, remote))
                    : Self.keyMismatch((relation.remoteColumn, target.table, remote), points: (relation.localColumn, layout.table, local))
                if let message { report(relation.isForward ? relation.localColumn : relation.remoteColumn, message) }
            }
        }
        return found
    }

    /// Whether the column check reports the column's type already (one message per difference).
    private func readsMistyped(_ name: String, _ stored: TableCatalog.TableColumn) -> Bool {
        guard let index = layout.index(of: name) else { return false }
        return !layout.columns[index].type.postgresTypeNames.contains(stored.typeName)
    }

    /// Why a key column cannot hold the key it points at; nil when their types agree (integers
    /// of any width, as PostgreSQL compares them).
    private static func keyMismatch(
        _ key: (name: String, table: String, column: TableCatalog.TableColumn),
        points at: (name: String, table: String, column: TableCatalog.TableColumn)
    ) -> String? {
        let integers: Set<String> = ["int2", "int4", "int8"]
        let (a, b) = (key.column.typeName, at.column.typeName)
        guard a != b && !(integers.contains(a) && integers.contains(b)) else { return nil }
        return "column \"\(key.name)\" of \(key.table) is \(key.column.sqlType); the key it holds, "
            + "\"\(at.name)\" of \(at.table), is \(at.column.sqlType)"
    }
}

extension RelationInfo {
    /// `foreign key`, `many-to-many`..., for messages.
    var kindName: String {
        switch kind {
        case .foreignKey: "foreign key"
        case .oneToOne: "one-to-one"
        case .reverseOneToOne: "reverse one-to-one"
        case .reverse: "reverse relation"
        case .manyToMany: "many-to-many"
        }
    }
}

extension ModelLayout {
    /// The tables the model's relations name: targets and join tables, quoted.
    var relatedTables: [String] {
        relations.flatMap { relation in
            [relation.target().table] + (relation.through.map { [SQL.identifier($0.names.table)] } ?? [])
        }
    }
}
