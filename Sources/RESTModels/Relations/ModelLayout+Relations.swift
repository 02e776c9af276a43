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

    /// `"account.name"`: the related instance's field, `.null` when the relation is empty or
    /// was not read; nil when the model has no such to-one relation.
    /// A foreign key's name alone (`"account"`) is its key (`account_id`), as DRF's
    /// `PrimaryKeyRelatedField` reads `account_id` without the related row.
    func relatedValue(of name: String, in instance: UnsafeRawPointer) -> FieldValue? {
        guard !relations.isEmpty else { return nil }
        if let key = forwardKeyIndex(name) { return readers[key].read(instance) }
        guard let (relation, rest) = splitRelated(name), let read = relation.instance else { return nil }
        return read(instance)?.fieldValue(rest) ?? .null
    }

    /// The reader of `relatedValue(of:in:)` for one name, worked out once by the serializer.
    func relatedReader(ofField name: String) -> FieldReader? {
        guard !relations.isEmpty else { return nil }
        if let key = forwardKeyIndex(name) { return readers[key].read }
        guard let (relation, rest) = splitRelated(name), let read = relation.instance else { return nil }
        return { read($0)?.fieldValue(rest) ?? .null }
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
