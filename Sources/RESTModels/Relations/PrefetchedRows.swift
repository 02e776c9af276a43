import PostgreSQL
import RESTFramework

/// The rows of one to-many prefetch (`prefetchRelated` over a many-to-many or a reverse foreign
/// key), with each row's owner worked out: the statement and the keys are handled here once per
/// page, at the generic level; decoding each row and storing the groups in the owners is done by
/// `RelatedSetFill`, compiled for the model's own types (`RelatedAccess` says why).
@usableFromInline
struct PrefetchedRows {
    let result: QueryResult?
    let layout: ModelLayout
    /// For each result row, the index of its owners' group.
    @usableFromInline let rowGroups: [Int]
    /// For each owner, the index of its group; -1 when its key is NULL.
    @usableFromInline let ownerGroups: [Int]
    @usableFromInline let groupCount: Int

    @usableFromInline var count: Int { rowGroups.count }

    /// Row `index`, as the target model's columns.
    @usableFromInline
    func row(_ index: Int) -> ModelRow { ModelRow(result![index], layout: layout, offset: 0) }

    /// The target's rows for `ownerKeys` (the owners' key column, in owner order), one
    /// statement for all of them.
    @usableFromInline
    static func fetch<T: Model>(
        _ relation: RelationInfo, _ target: T.Type, ownerKeys: [FieldValue], keyType: ColumnType,
        on connection: Connection
    ) throws -> PrefetchedRows {
        var groups: [FieldValue: Int] = [:]
        var unique: [FieldValue] = []
        var ownerGroups: [Int] = []
        ownerGroups.reserveCapacity(ownerKeys.count)
        for key in ownerKeys {
            if key.isNull {
                ownerGroups.append(-1)
            } else if let group = groups[key] {
                ownerGroups.append(group)
            } else {
                groups[key] = unique.count
                ownerGroups.append(unique.count)
                unique.append(key)
            }
        }
        let layout = ModelLayout.of(T.self)
        guard !unique.isEmpty else {
            return PrefetchedRows(result: nil, layout: layout, rowGroups: [], ownerGroups: ownerGroups, groupCount: 0)
        }
        let result = try RelationPrefetch.query(relation, T.self, keys: unique, keyType: keyType, on: connection)
        // The owner's key: the join table's column after the target's (many-to-many), else the
        // target's column holding it (a reverse foreign key).
        let keyColumn = relation.through != nil ? layout.names.count : try relation.index(of: relation.remoteColumn, in: layout)
        var rowGroups: [Int] = []
        rowGroups.reserveCapacity(result.count)
        for index in 0..<result.count {
            // (-1, left out: a key PostgreSQL's `=` matched and Swift's `==` does not.)
            rowGroups.append(groups[try RelationPrefetch.decodeKey(result[index], column: keyColumn, type: keyType)] ?? -1)
        }
        return PrefetchedRows(result: result, layout: layout, rowGroups: rowGroups, ownerGroups: ownerGroups, groupCount: unique.count)
    }
}

/// The specialized half of a to-many prefetch: decode each row as `T`, group them by owner, and
/// store each owner's group in its `RelatedSet<T>` property.
@usableFromInline
enum RelatedSetFill {
    @inlinable
    static func make<M: Model, T: Model>(
        _ keyPath: WritableKeyPath<M, RelatedSet<T>> & Sendable
    ) -> @Sendable (RelationInfo, inout [M], Connection) throws -> Void {
        let offset = MemoryLayout<M>.offset(of: keyPath)
        return { info, rows, connection in
            let fetched = try PrefetchedRows.fetch(
                info, T.self, ownerKeys: try RelationPrefetch.ownerKeys(of: rows, info), keyType: try Relation<M>.keyType(info),
                on: connection)
            var groups = [[T]](repeating: [], count: fetched.groupCount)
            for index in 0..<fetched.count where fetched.rowGroups[index] >= 0 {
                groups[fetched.rowGroups[index]].append(try T(row: fetched.row(index)))
            }
            rows.withUnsafeMutableBufferPointer { owners in
                for index in owners.indices {
                    let group = fetched.ownerGroups[index]
                    let set = RelatedSet(group < 0 ? [] : groups[group])
                    if let offset {
                        UnsafeMutableRawPointer(owners.baseAddress! + index).advanced(by: offset)
                            .assumingMemoryBound(to: RelatedSet<T>.self).pointee = set
                    } else {
                        owners[index][keyPath: keyPath] = set
                    }
                }
            }
        }
    }
}
