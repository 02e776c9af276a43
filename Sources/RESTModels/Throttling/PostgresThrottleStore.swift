import PostgreSQL
import RESTFramework
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The throttle store that holds across every worker thread, every api-server process and
/// every host sharing the database: DRF's sliding log, one row per key in an `UNLOGGED` table
/// (`srf_throttle`, made by the application's migration; see docs/framework.md), checked with
/// one statement on the request's own connection.
///
///     settings.throttleStore = PostgresThrottleStore()
///
/// The statement is an `INSERT ... ON CONFLICT (key) DO UPDATE ... RETURNING`: the first hit of
/// a key inserts its row; later ones take the row's lock, drop the hits older than the window,
/// append this one if fewer than the limit remain, and answer the window. Concurrent checks of
/// one key wait for each other's lock and each sees the row as the one before left it, so the
/// limit is exact; the clock is the database's (`clock_timestamp()`), one for every host.
///
/// Rows whose newest hit has left its window are deleted, at most 10,000 at a time, by the
/// first check after each `cleanupInterval` in each process.
public final class PostgresThrottleStore: ThrottleStore {
    /// Seconds between two clean-ups by this process.
    public let cleanupInterval: Double
    /// When this process cleans next, in `CLOCK_MONOTONIC` nanoseconds.
    private let nextCleanup = Atomic<Int64>(0)

    public init(cleanupInterval: Double = 60) {
        self.cleanupInterval = cleanupInterval
    }

    /// The table a migration makes (the reference API's is migrations/0004_throttle.sql).
    public static let tableSQL = """
        CREATE UNLOGGED TABLE srf_throttle (
            key     text PRIMARY KEY,
            hits    float8[] NOT NULL,
            seen    float8 NOT NULL,
            expires float8 NOT NULL,
            allowed boolean NOT NULL
        ) WITH (fillfactor = 50)
        """

    static let hitSQL = """
        INSERT INTO srf_throttle AS t (key, hits, seen, expires, allowed)
        SELECT $1, ARRAY[c.now], c.now, c.now + $3, true
        FROM (SELECT extract(epoch FROM clock_timestamp())::float8 AS now) AS c
        ON CONFLICT (key) DO UPDATE SET (hits, seen, expires, allowed) = (
            SELECT CASE WHEN w.is_full THEN w.kept ELSE w.kept || EXCLUDED.seen END,
                   EXCLUDED.seen,
                   CASE WHEN w.is_full THEN t.expires ELSE EXCLUDED.expires END,
                   NOT w.is_full
            FROM (SELECT k.kept, cardinality(k.kept) >= $2 AS is_full
                  FROM (SELECT ARRAY(SELECT h FROM unnest(t.hits) AS h WHERE h > EXCLUDED.seen - $3 ORDER BY h) AS kept) AS k
                 ) AS w)
        RETURNING t.allowed, cardinality(t.hits), t.seen, (SELECT min(h) FROM unnest(t.hits) AS h)
        """

    static let releaseSQL = "UPDATE srf_throttle SET hits = array_remove(hits, $2) WHERE key = $1"

    static let cleanupSQL = """
        DELETE FROM srf_throttle WHERE ctid = ANY(ARRAY(
            SELECT ctid FROM srf_throttle WHERE expires < extract(epoch FROM clock_timestamp()) LIMIT 10000))
        """

    public func hit(key: String, limit: Int, duration: Int, request: Request) throws -> ThrottleHistory {
        let connection = try request.database
        let result = try connection.query(Self.hitSQL, key, Int32(clamping: limit), Double(duration))
        let row = result[0]
        let history = ThrottleHistory(
            allowed: try row[0], count: Int(try row[1, as: Int32.self]), now: try row[2], oldest: try row[3, as: Double?.self])
        cleanIfDue(on: connection, request: request)
        return history
    }

    public func release(key: String, time: Double, request: Request) throws {
        try request.database.execute(Self.releaseSQL, key, time)
    }

    /// One clean-up per interval per process: whoever swaps the deadline forward does it.
    private func cleanIfDue(on connection: Connection, request: Request) {
        let now = Self.monotonicNanoseconds()
        let due = nextCleanup.load(ordering: .relaxed)
        guard now >= due else { return }
        let next = now + Int64(cleanupInterval * 1e9)
        guard nextCleanup.compareExchange(expected: due, desired: next, ordering: .relaxed).exchanged else { return }
        do {
            try connection.execute(Self.cleanupSQL)
        } catch {
            request.logger.warning("throttle store clean-up failed: \(error)")
        }
    }

    static func monotonicNanoseconds() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Int64(spec.tv_sec) * 1_000_000_000 + Int64(spec.tv_nsec)
    }
}
