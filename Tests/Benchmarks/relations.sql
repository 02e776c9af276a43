-- The relations benchmark's data (Tests/Benchmarks/relations.py), on top of the project's
-- migrations (migrations/0002_projects.sql makes tags, projects, tasks and task_tags) and
-- data.sql's users and accounts. Every other column keeps its default. psql variables:
--   accounts  accounts already in the database (data.sql), ids 1..accounts
--   users     users already in the database, ids 1..users
--   projects  projects, spread over the accounts; every 5th has no lead
--   tasks     tasks, spread over the projects; every 7th has no assignee
--   tags      tags; each task has 0-4 of them (task id mod 5)
\set ON_ERROR_STOP on
INSERT INTO account_members (account_id, user_id, is_admin)
SELECT j, 1, false FROM generate_series(1, :accounts) AS j
ON CONFLICT DO NOTHING;

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
