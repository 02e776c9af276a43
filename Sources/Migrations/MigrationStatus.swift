import PostgreSQL

/// Where one migration stands in a database, as `migrate status` lists it.
///
///     for entry in try migrator.status() { print(entry.name, entry.state) }
public struct MigrationStatus: Sendable, Equatable {
    public enum State: Sendable, Equatable {
        case applied(at: PostgresTimestamp)
        case pending
        /// Applied, but the file has changed since (migrate will refuse to run).
        case changed(appliedAt: PostgresTimestamp)
        /// Recorded as applied, but no longer in the folder.
        case missingFile(appliedAt: PostgresTimestamp)
    }

    public let name: String
    public let state: State

    public init(name: String, state: State) {
        self.name = name
        self.state = state
    }

    /// One line: `applied  0001_initial.sql  2026-11-29T00:22:38.123456Z`.
    public var line: String {
        switch state {
        case .applied(let at): "applied  \(name)  \(at.iso8601)"
        case .pending: "pending  \(name)"
        case .changed(let at): "CHANGED  \(name)  \(at.iso8601)  (file differs from what was applied)"
        case .missingFile(let at): "MISSING  \(name)  \(at.iso8601)  (applied, file no longer present)"
        }
    }
}
