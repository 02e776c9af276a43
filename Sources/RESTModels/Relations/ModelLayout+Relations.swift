import RESTFramework

/// Field names across to-one relations for serializers (DRF's `source="account.name"`): read
/// from the related instance `selectRelated` or `prefetchRelated` filled. Only a name that is
/// no column comes here, so reading a column costs what it did.
extension ModelLayout {
    /// The relation declared with `name`.
    func relation(named name: String) -> RelationInfo? {
        for relation in relations where relation.name == name { return relation }
        return nil
    }

    /// `"account.name"`: the related instance's field; nil when the model has no such to-one
    /// relation, and when the relation is empty (a null key: DRF's `None` on the way, an
    /// `AttributeError` that leaves the field missing). `.null` when the relation holds a key
    /// but its row was not read. A foreign key's name alone (`"account"`) is its key
    /// (`account_id`), as DRF's `PrimaryKeyRelatedField` reads `account_id` without the row.
    func relatedValue(of name: String, in instance: UnsafeRawPointer) -> FieldValue? {
        guard !relations.isEmpty else { return nil }
        if let key = forwardKeyIndex(name) { return readers[key].read(instance) }
        guard let (relation, rest) = splitRelated(name), let read = relation.instance else { return nil }
        if let target = read(instance) { return target.fieldValue(rest) }
        return isEmpty(relation, in: instance) ? nil : .null
    }

    /// The reader of `relatedValue(of:in:)` for one name, worked out once by the serializer.
    func relatedReader(ofField name: String) -> PartialFieldReader? {
        guard !relations.isEmpty else { return nil }
        if let key = forwardKeyIndex(name) { return PartialReading.total(readers[key].read) }
        guard let (relation, rest) = splitRelated(name), let read = relation.instance else { return nil }
        let key = relation.isForward ? index(of: relation.localColumn).map { readers[$0] } : nil
        // The rest of the path resolved once on the target (a column, a property, or across its
        // relations), and read in place through the related instance (`RelatedAccess`).
        let target = relation.target()
        if let access = relation.access,
            let inner = target.reader(ofField: rest).map(PartialReading.total) ?? target.partialReader(ofField: rest)
        {
            let readThrough = access.readThrough
            return { instance in
                var value: FieldValue?
                if readThrough(instance, inner, &value) { return value }
                return key?.read(instance).isNull == true ? nil : .null
            }
        }
        return { instance in
            if let target = read(instance) { return target.fieldValue(rest) }
            return key?.read(instance).isNull == true ? nil : .null
        }
    }

    /// The related instance of a to-one relation, when it was read.
    func relatedInstance(_ name: String, in instance: UnsafeRawPointer) -> (any Model)? {
        guard !relations.isEmpty, let relation = relation(named: name), let read = relation.instance else { return nil }
        return read(instance)
    }

    /// Whether a forward relation's key is null (a reverse one has no key on this side).
    private func isEmpty(_ relation: RelationInfo, in instance: UnsafeRawPointer) -> Bool {
        guard relation.isForward, let index = index(of: relation.localColumn) else { return false }
        return readers[index].read(instance).isNull
    }

    /// The key column of the forward relation (foreign key, one-to-one) named `name`.
    private func forwardKeyIndex(_ name: String) -> Int? {
        guard let relation = relation(named: name), relation.isForward else { return nil }
        return index(of: relation.localColumn)
    }

    private func splitRelated(_ name: String) -> (RelationInfo, String)? {
        guard let dot = name.firstIndex(of: ".") else { return nil }
        guard let relation = relation(named: String(name[..<dot])) else { return nil }
        return (relation, String(name[name.index(after: dot)...]))
    }
}

/// A column's reader where a partial one is expected.
private enum PartialReading {
    static func total(_ read: @escaping FieldReader) -> PartialFieldReader { { read($0) } }
}
