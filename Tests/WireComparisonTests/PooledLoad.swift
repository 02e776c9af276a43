import Foundation
import PostgreSQL
import Synchronization

/// Clients that keep short transactions going through a pooler while a test runs, so that the
/// pooler's server connections change hands between everyone's transactions. Each client
/// records the server processes (`pg_backend_pid()`) that served it.
///
///     let load = PooledLoad(url: bouncer.url(database: name), clients: 2)
///     ...
///     let seen = load.stop()
final class PooledLoad: Sendable {
    struct Seen: Sendable {
        var transactions = 0
        var backends: Set<Int32> = []
        var failures: [String] = []
    }

    private let running = Atomic<Bool>(true)
    private let seen = Mutex(Seen())
    private let done = DispatchGroup()

    init(url: String, clients: Int) {
        for _ in 0..<clients {
            done.enter()
            Thread { [self] in
                defer { done.leave() }
                // Made here: a connection belongs to the thread that uses it.
                var configuration = PostgresConfiguration(url: url)
                configuration.poolMode = .transaction
                configuration.preparedStatementCapacity = 0
                do {
                    let connection = try Connection(configuration: configuration)
                    while running.load(ordering: .relaxed) {
                        let backend = try connection.transaction { connection -> Int32 in
                            let pid: Int32 = try connection.query("SELECT pg_backend_pid()")[0][0]
                            try connection.query("SELECT count(*) FROM pg_class WHERE relname = $1", "projects")
                            return pid
                        }
                        seen.withLock {
                            $0.transactions += 1
                            $0.backends.insert(backend)
                        }
                        usleep(2_000)  // pacing: a steady trickle, not a CPU hog on a shared machine
                    }
                } catch {
                    seen.withLock { $0.failures.append("\(error)") }
                }
            }.start()
        }
    }

    /// Stops the clients and returns what they saw.
    func stop() -> Seen {
        running.store(false, ordering: .relaxed)
        done.wait()
        return seen.withLock { $0 }
    }
}
