import FastCGI
import PostgreSQL

extension PostgresConfiguration {
    /// This configuration with one `DatabaseAvailability` for the whole process (kept if the
    /// application brought its own), reporting to the server's log (not compiled: log lines):
    ///
    ///     2026-12-06T17:40:01.123Z error: database unavailable: connection to server ... failed: Connection refused; requests that need it get 503, retrying every 250 ms
    ///     2026-12-06T17:40:09.456Z info: database available again after 8.3 s (33 failed connection attempts)
    func sharingAvailability(loggingTo log: ServerLog) -> PostgresConfiguration {
        guard availability == nil else { return self }
        var configuration = self
        let probeInterval = Duration.milliseconds(250)
        configuration.availability = DatabaseAvailability(probeInterval: probeInterval) { event in
            switch event {
            case .unavailable(let cause):
                log.error("database unavailable: \(cause); requests that need it get 503, retrying every \(probeInterval.formattedForLog)")
            case .restored(let after, let failedAttempts):
                log.info("database available again after \(after.formattedForLog) (\(failedAttempts) failed connection attempts)")
            }
        }
        return configuration
    }
}

extension Duration {
    /// `250 ms`, `8.3 s`.
    fileprivate var formattedForLog: String {
        let (seconds, attoseconds) = components
        let milliseconds = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        if milliseconds < 1000 { return "\(milliseconds) ms" }
        return "\(milliseconds / 1000).\(milliseconds % 1000 / 100) s"
    }
}
