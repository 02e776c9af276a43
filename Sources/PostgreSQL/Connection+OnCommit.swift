extension Connection {
    /// Django's `transaction.on_commit`: runs `work` once the outermost `transaction` around
    /// this call commits (never when it rolls back); at once when no `transaction` is open.
    /// Work registered inside a savepoint that rolls back is dropped with it. Hooks run in the
    /// order registered, after COMMIT, outside any transaction.
    ///
    ///     try connection.transaction { connection in
    ///         try connection.execute("INSERT INTO notes (title, author_id) VALUES ($1, $2)", "Hi", Int64(7))
    ///         connection.onCommit { print("note saved") }   // after COMMIT, not before
    ///     }
    ///
    /// For what must not happen unless the data is stored: mails, cache invalidation, jobs for
    /// another process. (A view reaches it as `try request.database.onCommit { ... }`, a
    /// serializer as `try context.database.onCommit { ... }`.)
    public func onCommit(_ work: @escaping () -> Void) {
        guard transactionDepth > 0 else { return work() }
        commitHooks.append(CommitHook(depth: transactionDepth, work: work))
    }

    /// Drops the work of the transactions nested deeper than `depth` (rolled back).
    func discardCommitHooks(above depth: Int) {
        guard !commitHooks.isEmpty else { return }
        commitHooks.removeAll { $0.depth > depth }
    }

    /// Hands the work of a released savepoint to the transaction around it.
    func keepCommitHooks(at depth: Int) {
        for index in commitHooks.indices where commitHooks[index].depth > depth { commitHooks[index].depth = depth }
    }

    /// Runs (and forgets) the work waiting for COMMIT.
    func runCommitHooks() {
        guard !commitHooks.isEmpty else { return }
        let hooks = commitHooks
        commitHooks = []
        for hook in hooks { hook.work() }
    }
}

/// Work waiting for a COMMIT, and the transaction depth it was registered at.
struct CommitHook {
    var depth: Int
    let work: () -> Void
}
