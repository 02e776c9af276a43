import FastCGI
import Foundation
import Logging
import PostgreSQL
import RESTModels

/// The server's read replicas: `DATABASE_REPLICA_URLS` next to `DATABASE_URL`, the lag limit
/// (`--replica-max-lag`), and the key that signs the read-after-write position
/// (`SRF_SECRET_KEY`). One per process: its `ReplicaSet` probes for every worker.
struct ReplicaRouting: Sendable {
    let replicas: ReplicaSet
    let readAfterWrite: ReadAfterWrite

    static let urlsVariable = "DATABASE_REPLICA_URLS"
    static let secretKeyVariable = "SRF_SECRET_KEY"
    /// Without `SRF_SECRET_KEY` (tests, development): positions are still signed, with a key
    /// anyone can read; forging one can only send the forger's own reads to the primary.
    static let developmentSecretKey = "srf-insecure-development-key-set-SRF_SECRET_KEY-in-production"

    /// Nil without replicas. Starts the probe; health changes go to `log`.
    static func fromEnvironment(primary: PostgresConfiguration?, maxLag: Duration, log: ServerLog) -> ReplicaRouting? {
        guard let primary, let urls = ReplicaSet.urls(fromEnvironment: urlsVariable) else { return nil }
        let replicas = ReplicaSet(primary: primary, replicaURLs: urls, maxLag: maxLag) { event in
            switch event {
            case .unhealthy(let replica, let cause):
                log.warning("read replica \(replica + 1) skipped: \(cause)")
            case .healthy(let replica):
                log.info("read replica \(replica + 1) healthy: reads go to it")
            }
        }
        replicas.start()
        let key = ProcessInfo.processInfo.environment[secretKeyVariable].flatMap { $0.isEmpty ? nil : $0 }
        if key == nil { log.warning("\(secretKeyVariable) is not set: read-after-write positions are signed with a development key") }
        log.info("\(urls.count) read replica(s), lag limit \(maxLag)")
        return ReplicaRouting(replicas: replicas, readAfterWrite: ReadAfterWrite(secretKey: key ?? developmentSecretKey))
    }
}

import Foundation
