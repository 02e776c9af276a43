-- The relations benchmark's tables and data (Tests/Benchmarks/relations.py), on top of the
-- project's migrations and data.sql's users and accounts. The tables are the part-2 spec's
-- (shared/spec/reference-api-2.md, "Schema"), trimmed to what the tasks list reads; they are a
-- benchmark fixture, not the part-2 migration (issue 14). psql variables:
--   accounts  accounts already in the database (data.sql), ids 1..accounts
--   users     users already in the database, ids 1..users
--   projects  projects, spread over the accounts; every 5th has no lead
--   tasks     tasks, spread over the projects; every 7th has no assignee
--   tags      tags; each task has 0-4 of them (task id mod 5)
\set ON_ERROR_STOP on
CREATE TABLE tags (id bigserial PRIMARY KEY, slug varchar(50) NOT NULL UNIQUE, name varchar(100) NOT NULL);
CREATE TABLE projects (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    account_id bigint NOT NULL REFERENCES accounts ON DELETE CASCADE,
    name varchar(100) NOT NULL, UNIQUE (account_id, name),
    lead_id bigint NULL REFERENCES users ON DELETE SET NULL,
    created timestamptz NOT NULL DEFAULT now());
CREATE TABLE tasks (
    id bigserial PRIMARY KEY,
    project_id uuid NOT NULL REFERENCES projects ON DELETE CASCADE,
    title varchar(200) NOT NULL,
    assignee_id bigint NULL REFERENCES users ON DELETE SET NULL,
    priority smallint NOT NULL DEFAULT 2,
    done boolean NOT NULL DEFAULT false,
    created timestamptz NOT NULL DEFAULT now());
CREATE TABLE task_tags (
    id bigserial PRIMARY KEY,
    task_id bigint NOT NULL REFERENCES tasks ON DELETE CASCADE,
    tag_id bigint NOT NULL REFERENCES tags ON DELETE CASCADE, UNIQUE (task_id, tag_id));
-- Django's indexes on the foreign keys (it makes one per ForeignKey).
CREATE INDEX ON projects (lead_id);
CREATE INDEX ON tasks (project_id);
CREATE INDEX ON tasks (assignee_id);
CREATE INDEX ON task_tags (task_id);
CREATE INDEX ON task_tags (tag_id);

INSERT INTO tags (slug, name)
SELECT 'tag-' || i, 'Tag ' || i FROM generate_series(1, :tags) AS i;

INSERT INTO projects (id, account_id, name, lead_id, created)
SELECT md5('project' || i)::uuid, 1 + i % :accounts, 'Project ' || i,
       CASE WHEN i % 5 = 0 THEN NULL ELSE 1 + (i * 37) % :users END,
       timestamptz '2026-01-01 00:00:00+00' + i * interval '1 hour'
FROM generate_series(1, :projects) AS i;

INSERT INTO tasks (project_id, title, assignee_id, priority, done, created)
SELECT md5('project' || (1 + i % :projects))::uuid, 'Task ' || i || ': something to do',
       CASE WHEN i % 7 = 0 THEN NULL ELSE 1 + (i * 13) % :users END,
       1 + i % 3, i % 4 = 0,
       timestamptz '2026-02-01 00:00:00+00' + i * interval '5 minutes'
FROM generate_series(1, :tasks) AS i;

INSERT INTO task_tags (task_id, tag_id)
SELECT t, 1 + (t * 3 + k * 7) % :tags
FROM generate_series(1, :tasks) AS t, generate_series(0, 3) AS k
WHERE k < t % 5
ON CONFLICT DO NOTHING;

VACUUM ANALYZE;
