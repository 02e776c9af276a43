import PostgreSQL
import RESTFramework

extension QuerySet {
    /// Django's `get_or_create(defaults=..., **lookup)`: the row matching `lookup` (exact
    /// matches, within this queryset), or a new one from `lookup` and `defaults`, inserted in a
    /// transaction (a savepoint when the caller has one open). A unique violation on the insert
    /// means another request created it first: that row is read and returned, as Django does.
    ///
    ///     let (tag, created) = try Tag.objects(on: request).getOrCreate(["name": "swift"], defaults: ["color": "orange"])
    public func getOrCreate(_ lookup: [String: FieldValue], defaults: [String: FieldValue] = [:]) throws -> (
        object: M, created: Bool
    ) {
        // All on the primary: a replica could miss the row another request just created.
        let matching = filter(Self.exactly(lookup)).using(.primary)
        do {
            return (try matching.get(), false)
        } catch ModelError.doesNotExist {}
        let connection = try requirePrimary()
        // The lookup wins over a default for the same field (Django builds `defaults | lookup`).
        let merged = defaults.merging(lookup) { _, fromLookup in fromLookup }
        let values = ValidatedData(merged.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
        do {
            let object = try connection.transaction { connection in try QuerySet(connection: connection).insert(values) }
            return (object, true)
        } catch let error as PostgresError where error.sqlState == "23505" {
            do {
                return (try matching.get(), false)
            } catch ModelError.doesNotExist {
                throw error
            }
        }
    }

    /// Django's `update_or_create(defaults=..., create_defaults=..., **lookup)`: in one
    /// transaction, the row matching `lookup` is updated with `defaults` (one `UPDATE` by its
    /// primary key), or created from `lookup` and `createDefaults` (when given, else
    /// `defaults`). Unlike Django the row is not locked between the read and the update
    /// (there is no `select_for_update()` yet); the update itself is atomic.
    ///
    ///     let (tag, created) = try Tag.objects(on: request).updateOrCreate(["name": "swift"], defaults: ["color": "red"])
    public func updateOrCreate(
        _ lookup: [String: FieldValue], defaults: [String: FieldValue] = [:], createDefaults: [String: FieldValue]? = nil
    ) throws -> (object: M, created: Bool) {
        try requirePrimary().transaction { connection in
            let rows = using(connection)
            let (object, created) = try rows.getOrCreate(lookup, defaults: createDefaults ?? defaults)
            guard !created, !defaults.isEmpty else { return (object, created) }
            let values = ValidatedData(defaults.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
            return (try QuerySet(connection: connection).update(object, with: values), false)
        }
    }

    /// `field = value` for each pair, in key order (the statement's text then does not depend
    /// on the dictionary's order).
    static func exactly(_ lookup: [String: FieldValue]) -> Predicate {
        .and(lookup.sorted { $0.key < $1.key }.map { .field($0.key, .exact($0.value)) })
    }
}
