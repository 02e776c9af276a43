import PostgreSQL
import RESTFramework

/// Django's `transaction.atomic()` and `select_for_update()`, as much as conditional writes need
/// (`RowLockingQueryable`): a transaction on the queryset's connection and one row locked by its
/// primary key.
///
///     let notes = try Note.objects(on: request)
///     try notes.transaction {
///         try notes.lockForUpdate(note)   // SELECT 1 FROM "notes" WHERE "id" = $1 FOR UPDATE
///         _ = try notes.update(note, with: ["title": "Locked"])
///     }
extension QuerySet: RowLockingQueryable {
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try requirePrimary().transaction { _ in try body() }
    }

    /// Locks by the primary key alone, not through this queryset's filters: its joins (the
    /// nullable side of an outer join) and aggregates cannot take `FOR UPDATE`, and the caller
    /// has found the row through them already.
    public func lockForUpdate(_ object: M) throws {
        let byKey = object.primaryKeyValues.map { Predicate.field($0.column, .exact($0.value)) }
        let statement = try SQLBuilder.statement { sql in
            let layout = ModelLayout.of(M.self)
            sql.append("SELECT 1 FROM ")
            sql.append(.table, of: layout)
            try QueryCompiler<M>.whereClause(byKey, in: layout, into: &sql)
            sql.append(" FOR UPDATE")
        }
        _ = try StatementRunner.query(statement, on: requirePrimary())
    }
}
