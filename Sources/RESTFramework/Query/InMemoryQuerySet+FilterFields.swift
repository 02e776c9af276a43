/// The in-memory queryset describes the fields its test declares, for `DjangoFilterBackend`.
///
///     var projects = InMemoryQuerySet(rows)
///     projects.filterFields = ["status": FilterField(.text, choices: ["planned", "active", "done"])]
///     projects.relatedKeys = ["account": [1, 2]]
extension InMemoryQuerySet: FilterFieldDescribing {
    public func filterField(named name: String) -> FilterField? { filterFields[name] }

    public func relatedRowExists(field: String, key: FieldValue) throws -> Bool {
        relatedKeys[field]?.contains(key) ?? false
    }
}
