/// What a worker's replica connection knows besides its session: the worker's primary
/// connection (where writes, locks, transactions and a failed read go) and which replica of
/// the process's `ReplicaSet` it talks to (to mark it down).
public final class ReplicaLink {
    public let primary: Connection
    public let replicas: ReplicaSet
    public let index: Int

    public init(primary: Connection, replicas: ReplicaSet, index: Int) {
        self.primary = primary
        self.replicas = replicas
        self.index = index
    }
}

extension Connection {
    /// A connection to `replicas.replicas[index]` for the worker whose primary connection is
    /// `primary`. Fails as `Connection.init` does (the caller marks the replica down).
    public static func replica(of primary: Connection, in replicas: ReplicaSet, index: Int) throws -> Connection {
        let connection = try Connection(configuration: replicas.replicas[index])
        connection.replicaLink = ReplicaLink(primary: primary, replicas: replicas, index: index)
        return connection
    }

    /// Whether this is a read replica's connection.
    public var isReplica: Bool { replicaLink != nil }

    /// Where a write, a lock or a transaction goes: the primary of a replica connection, else
    /// this connection.
    public var primary: Connection { replicaLink?.primary ?? self }

    /// The replica's health as the process knows it (true on a primary).
    public var isUsableForReads: Bool {
        guard let link = replicaLink else { return true }
        return link.replicas.isHealthy(link.index)
    }

    /// `SELECT pg_current_wal_insert_lsn()`: where the primary's log ends, so right after a
    /// commit a position at or past the commit record, which a replica must have replayed to
    /// show it. (Not `pg_current_wal_lsn()`, the position written out so far: with
    /// `synchronous_commit = off` the commit record may still be past it.)
    public func currentWALInsertPosition() throws -> LogSequenceNumber? {
        let text: String? = try query("SELECT pg_current_wal_insert_lsn()::text")[0][0]
        return text.flatMap { LogSequenceNumber($0) }
    }
}

extension ReplicaSet {
    func isHealthy(_ replica: Int) -> Bool {
        statusOf(replica)?.healthy == true
    }
}
