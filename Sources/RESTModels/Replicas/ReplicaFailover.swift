import PostgreSQL

/// What a read on a replica connection does when the replica cannot serve it: the statement
/// runs on the worker's primary instead, so a replica going away fails no request. Only reads
/// come here (a queryset's writes, locks and transactions run on the primary), and never a
/// statement inside a transaction on the replica, which could not be moved.
enum ReplicaFailover {
    /// Where a read bound to `connection` runs: the primary when the replica is known to be
    /// unhealthy, or when the primary is in a transaction (the read must see its writes).
    static func readable(_ connection: Connection) -> Connection {
        guard let link = connection.replicaLink else { return connection }
        if link.primary.isInTransaction || !connection.isUsableForReads { return link.primary }
        return connection
    }

    /// The primary to retry `error` on, nil when it must be thrown. A lost or refused session
    /// also marks the replica down for the whole process until the probe finds it healthy; a
    /// recovery conflict (a standby cancels a query whose rows replay removes) is retried
    /// without marking anything.
    static func retryTarget(after error: any Error, on connection: Connection) -> Connection? {
        guard let link = connection.replicaLink, !connection.isInTransaction, let postgres = error as? PostgresError else { return nil }
        if postgres.sqlState == "40001" { return link.primary }
        guard DatabaseErrorMapping.isUnavailable(postgres), postgres.sqlState != "57014" else { return nil }
        link.replicas.markDown(link.index, cause: "\(postgres)")
        return link.primary
    }
}
