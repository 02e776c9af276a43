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
/// append this one if fewer than the limit remain, and answer the window. The log is stamps
/// with counts (`hits[i]` stands for `counts[i]` hits): a lease's block is one entry, so a key
/// at 1000/s keeps about ten entries, not hundreds of stamps (docs/profile.md, "Throttling"). Concurrent checks of
/// one key wait for each other's lock and each sees the row as the one before left it, so the
/// limit is exact; the clock is the database's (`clock_timestamp()`), one for every host.
///
/// A key well below its rate (at least 64 per period, fewer than half of them used) costs less:
/// the row grants a block of its hits at once, counted in its log ahead of their use, and this
/// process hands them out without a round trip (`ThrottleLeases`, which says when that can
/// refuse early; it never lets more than the rate through).
///
/// Rows whose newest hit has left its window are deleted, at most 10,000 at a time, by the
/// first check after each `cleanupInterval` in each process.
public final class PostgresThrottleStore: ThrottleStore {
    /// Seconds between two clean-ups by this process.
    public let cleanupInterval: Double
    /// When this process cleans next, in `CLOCK_MONOTONIC` nanoseconds.
    private let nextCleanup = Atomic<Int64>(0)
    /// Hits leased from the rows, handed out in this process.
    private let leases = ThrottleLeases()

    public init(cleanupInterval: Double = 60) {
        self.cleanupInterval = cleanupInterval
    }

    /// The table a migration makes (the reference API's are migrations/0004_throttle.sql and
    /// 0005_throttle_counts.sql).
    public static let tableSQL = """
        CREATE UNLOGGED TABLE srf_throttle (
            key     text PRIMARY KEY,
            hits    float8[] NOT NULL,
            counts  int4[] NOT NULL,
            seen    float8 NOT NULL,
            expires float8 NOT NULL,
            allowed boolean NOT NULL
        ) WITH (fillfactor = 50)
        """

    /// $1 key, $2 limit, $3 duration, $4 the lease's size (1: none), $5 its life. A key below
    /// half its rate gets $4 hits stamped $5 seconds ahead (see `ThrottleLeases`); nearer the
    /// rate, one hit at the database's clock, DRF's log exactly. The last column says whether a
    /// lease was granted: the newest hit carries its stamp.
    static let hitSQL = """
        INSERT INTO srf_throttle AS t (key, hits, counts, seen, expires, allowed)
        SELECT $1, ARRAY[c.now + g.lead], ARRAY[g.n], c.now, c.now + g.lead + $3, true
        FROM (SELECT extract(epoch FROM clock_timestamp())::float8 AS now) AS c,
             (SELECT CASE WHEN $4 > 1 AND $4 <= $2 / 2 THEN $4 ELSE 1 END AS n,
                     CASE WHEN $4 > 1 AND $4 <= $2 / 2 THEN $5 ELSE 0 END AS lead) AS g
        ON CONFLICT (key) DO UPDATE SET (hits, counts, seen, expires, allowed) = (
            SELECT CASE WHEN w.n = 0 THEN w.hits ELSE w.hits || (EXCLUDED.seen + w.lead) END,
                   CASE WHEN w.n = 0 THEN w.counts ELSE w.counts || w.n END,
                   EXCLUDED.seen,
                   CASE WHEN w.n = 0 THEN t.expires ELSE greatest(t.expires, EXCLUDED.seen + w.lead + $3) END,
                   w.n > 0
            FROM (SELECT k.hits, k.counts, g.n, CASE WHEN g.n > 1 THEN $5 ELSE 0 END AS lead
                  FROM (SELECT coalesce(array_agg(u.h), '{}') AS hits, coalesce(array_agg(u.n), '{}') AS counts,
                               coalesce(sum(u.n), 0) AS total
                        FROM unnest(t.hits, t.counts) AS u(h, n) WHERE u.h > EXCLUDED.seen - $3 AND u.n > 0) AS k,
                       LATERAL (SELECT CASE WHEN k.total >= $2 THEN 0
                                            WHEN $4 > 1 AND k.total + $4 <= $2 / 2 THEN $4
                                            ELSE 1 END AS n) AS g
                 ) AS w)
        RETURNING t.allowed, (SELECT sum(n) FROM unnest(t.counts) AS n)::int4, t.seen,
                  (SELECT min(h) FROM unnest(t.hits) AS h),
                  t.allowed AND $5 > 0 AND t.hits[cardinality(t.hits)] = t.seen + $5
        """

    /// Takes back one hit stamped $2: one off its count (a stamp left at 0 goes at the next check).
    static let releaseSQL = """
        UPDATE srf_throttle SET counts[array_position(hits, $2)] = counts[array_position(hits, $2)] - 1
        WHERE key = $1 AND counts[array_position(hits, $2)] > 0
        """

    static let cleanupSQL = """
        DELETE FROM srf_throttle WHERE ctid = ANY(ARRAY(
            SELECT ctid FROM srf_throttle WHERE expires < extract(epoch FROM clock_timestamp()) LIMIT 10000))
        """

    public func hit(key: String, limit: Int, duration: Int, request: Request) throws -> ThrottleHistory {
        let policy = ThrottleLeases.Policy(limit: limit, duration: duration)
        let sentAt = Self.monotonicNanoseconds()
        if policy.leases, let history = leases.take(key: key, limit: limit, duration: duration, now: sentAt) {
            return history
        }
        let connection = try request.database
        let result = try connection.query(
            Self.hitSQL, key, Int32(clamping: limit), Double(duration), Int32(policy.size), policy.life)
        let row = result[0]
        var history = ThrottleHistory(
            allowed: try row[0], count: Int(try row[1, as: Int32.self]), now: try row[2], oldest: try row[3, as: Double?.self])
        if policy.leases {
            if try row[4, as: Bool.self] {
                // This request takes the lease's first hit; the rest wait here.
                let lease = ThrottleLeases.Lease(
                    limit: limit, duration: duration, left: policy.size - 1, count: history.count,
                    grantedAt: history.now, oldest: history.oldest, sentAt: sentAt,
                    until: sentAt + Int64(policy.life * 1e9))
                leases.keep(key: key, lease, now: sentAt)
                history.count -= policy.size - 1
            } else {
                leases.drop(key: key)
            }
        }
        cleanIfDue(on: connection, request: request)
        return history
    }

    public func release(key: String, time: Double, request: Request) throws {
        if leases.release(key: key, time: time, now: Self.monotonicNanoseconds()) { return }
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
