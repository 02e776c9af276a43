/// A queryset whose rows can be locked for the rest of a transaction: what conditional writes
/// (`ConditionalRequests`) need to make the `If-Match` check and the write one step. The model
/// layer's `QuerySet` conforms (a transaction on its connection, `SELECT … FOR UPDATE`).
///
///     try rows.transaction {
///         try rows.lockForUpdate(object)   // another writer of this row waits here
///         // read, compare, write: nobody changes the row in between
///     }
public protocol RowLockingQueryable: Queryable {
    /// Runs `body` in a transaction (a savepoint inside one): committed when it returns, rolled
    /// back when it throws.
    func transaction<T>(_ body: () throws -> T) throws -> T
    /// Locks the object's row (by its primary key) until the transaction ends; a row deleted
    /// meanwhile locks nothing.
    func lockForUpdate(_ object: Element) throws
}
