import Migrations

/// What `migrate check` and a server's `check` conclude from `Migrator.status()`: up to date
/// when no file is pending and none was changed after it was applied. A recorded migration
/// whose file is gone (the database is ahead of this code, e.g. after a rollback of the binary)
/// is listed but not a failure: the model check says whether this code can use the tables.
///
///     let state = MigrationState(try migrator.status())
///     if !state.isUpToDate { print(state.summary) }   // "1 migration pending: run migrate"
public struct MigrationState: Sendable {
    public let entries: [MigrationStatus]

    public init(_ entries: [MigrationStatus]) { self.entries = entries }

    public var pending: [MigrationStatus] { entries.filter { $0.state == .pending } }
    public var changed: [MigrationStatus] { entries.filter { if case .changed = $0.state { true } else { false } } }
    public var missingFiles: [MigrationStatus] { entries.filter { if case .missingFile = $0.state { true } else { false } } }
    public var applied: [MigrationStatus] { entries.filter { if case .applied = $0.state { true } else { false } } }

    public var isUpToDate: Bool { pending.isEmpty && changed.isEmpty }

    /// The entries worth a line: all but the applied ones.
    public var problems: [MigrationStatus] { entries.filter { if case .applied = $0.state { false } else { true } } }

    public var summary: String {
        var parts: [String] = []
        if !changed.isEmpty { parts.append("\(changed.count) applied migration(s) changed since (put the change in a new file)") }
        if !pending.isEmpty { parts.append("\(pending.count) migration(s) pending: run migrate") }
        if parts.isEmpty {
            let missing = missingFiles.isEmpty ? "" : " (\(missingFiles.count) recorded migration(s) have no file here)"
            return "migrations up to date: \(applied.count) applied\(missing)"
        }
        return parts.joined(separator: "; ")
    }
}
