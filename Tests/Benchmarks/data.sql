-- The benchmark's synthetic data set, generated in the database. psql variables:
--   users     N users (ids 1..N; users 1 and 2 are staff), a 40-hex token each
--   accounts  accounts (N/10), 5 members each, the owner an admin member
--   notes     notes (5N), authors round-robin
-- A few users get a real Django hash (:'hash', password "benchmark"), the others an unusable one.
\set ON_ERROR_STOP on
-- Part 2's tables too: their keys reference users and accounts (relations.sql fills them).
TRUNCATE task_tags, tasks, projects, tags, notes, account_members, accounts, auth_tokens, users RESTART IDENTITY;

INSERT INTO users (id, username, email, first_name, last_name, password, is_staff, last_login, date_joined)
SELECT i, 'user' || i, 'user' || i || '@example.com', 'First' || i, 'Last' || i,
       CASE WHEN i <= 5 THEN :'hash' ELSE '!' || md5('pw' || i) END,
       i <= 2,
       CASE WHEN i % 3 = 0 THEN timestamptz '2026-01-01 00:00:00+00' + i * interval '17 seconds' END,
       timestamptz '2025-01-01 00:00:00+00' + i * interval '1 second'
FROM generate_series(1, :users) AS i;

INSERT INTO auth_tokens (key, user_id, created)
SELECT md5('token' || i) || left(md5('key' || i), 8), i, timestamptz '2025-06-01 00:00:00+00'
FROM generate_series(1, :users) AS i;

INSERT INTO accounts (id, name, description, owner_id, created)
SELECT j, 'Account ' || j, 'Shared workspace number ' || j, 1 + (j * 7919) % :users,
       timestamptz '2025-03-01 00:00:00+00' + j * interval '1 minute'
FROM generate_series(1, :accounts) AS j;

INSERT INTO account_members (account_id, user_id, is_admin)
SELECT j, 1 + (j * 7919 + k * 104729) % :users, k = 0
FROM generate_series(1, :accounts) AS j, generate_series(0, 4) AS k
ON CONFLICT DO NOTHING;

INSERT INTO notes (id, title, body, author_id, created)
SELECT i, 'Note ' || i, 'Body of note ' || i || ': some text to carry.', 1 + i % :users,
       timestamptz '2025-01-01 00:00:00+00' + i * interval '3 seconds'
FROM generate_series(1, :notes) AS i;

SELECT setval(pg_get_serial_sequence('users', 'id'), :users);
SELECT setval(pg_get_serial_sequence('accounts', 'id'), greatest(:accounts, 1));
SELECT setval(pg_get_serial_sequence('notes', 'id'), greatest(:notes, 1));
VACUUM ANALYZE;
