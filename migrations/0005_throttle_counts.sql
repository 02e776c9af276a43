-- The throttle store's log as stamps with counts (PostgresThrottleStore, docs/profile.md
-- "Throttling"): a lease's block of hits shares one stamp, so `counts[i]` says how many hits
-- `hits[i]` stands for. Before, the block was written as that many copies of the stamp: at
-- 1000/s a key's array held ~250 stamps, over PostgreSQL's 2 kB TOAST threshold, so every
-- check unnested, sorted, compressed and decompressed it. Rows already counting keep their
-- windows: each stamp of the old log was one hit. Processes still running the old statement
-- fail on the NOT NULL column and let their requests through (fail-open) until restarted.
ALTER TABLE srf_throttle ADD COLUMN counts int4[] NOT NULL DEFAULT '{}';
UPDATE srf_throttle SET counts = array_fill(1, ARRAY[cardinality(hits)]);
ALTER TABLE srf_throttle ALTER COLUMN counts DROP DEFAULT;
