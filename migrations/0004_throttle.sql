-- The throttle store (RESTModels' PostgresThrottleStore, docs/framework.md "Throttling"): one row
-- per throttled key (`throttle_<scope>_<ident>`), its sliding log of hit times in `hits` (epoch
-- seconds, the database's clock). UNLOGGED: no WAL for a write every throttled request makes,
-- and a crash empties it (everyone's window starts afresh), which a rate limit can afford; it
-- is not copied to standbys either. Only the primary key is indexed, so updates stay HOT, and
-- half of each page is left free for them. Old rows are deleted by the store itself.
CREATE UNLOGGED TABLE srf_throttle (
    key     text PRIMARY KEY,
    hits    float8[] NOT NULL,
    seen    float8 NOT NULL,
    expires float8 NOT NULL,
    allowed boolean NOT NULL
) WITH (fillfactor = 50);
