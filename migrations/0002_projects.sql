-- Part 2 of the reference API's schema (shared/spec/reference-api-2.md, "Schema"): tags,
-- projects, tasks and the join table of tasks' tags. Names, types, defaults and constraints are
-- part of the contract. Run by `migrate` inside a transaction of its own, hence no BEGIN/COMMIT.

CREATE TABLE tags (
    id   bigserial PRIMARY KEY,
    slug varchar(50) NOT NULL UNIQUE,
    name varchar(100) NOT NULL
);

CREATE TABLE projects (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    account_id bigint NOT NULL REFERENCES accounts ON DELETE CASCADE,
    name       varchar(100) NOT NULL,
    lead_id    bigint NULL REFERENCES users ON DELETE SET NULL,
    status     varchar(10) NOT NULL DEFAULT 'planned',  -- planned | active | done
    budget     numeric(12,2) NULL,
    starts     date NULL,
    ends       date NULL,
    settings   jsonb NOT NULL DEFAULT '{}',
    created    timestamptz NOT NULL DEFAULT now(),
    updated    timestamptz NOT NULL DEFAULT now(),
    UNIQUE (account_id, name)
);

CREATE TABLE tasks (
    id          bigserial PRIMARY KEY,
    project_id  uuid NOT NULL REFERENCES projects ON DELETE CASCADE,
    title       varchar(200) NOT NULL,
    assignee_id bigint NULL REFERENCES users ON DELETE SET NULL,
    priority    smallint NOT NULL DEFAULT 2,  -- 1 high, 2 normal, 3 low
    done        boolean NOT NULL DEFAULT false,
    due         date NULL,
    estimate    interval NULL,
    created     timestamptz NOT NULL DEFAULT now()
);

-- The table Django makes for `Task.tags = ManyToManyField(Tag)`, so data moved from a Django
-- site fits.
CREATE TABLE task_tags (
    id      bigserial PRIMARY KEY,
    task_id bigint NOT NULL REFERENCES tasks ON DELETE CASCADE,
    tag_id  bigint NOT NULL REFERENCES tags ON DELETE CASCADE,
    UNIQUE (task_id, tag_id)
);

-- One index per foreign key, as Django makes one for each ForeignKey (db_index), the join
-- table's two included. PostgreSQL does not index foreign keys itself: these serve the ON DELETE
-- actions, the viewsets' filters (a project's tasks, a user's) and the prefetch of a page's tags.
-- Django makes projects_account_id and task_tags_task_id although the UNIQUE constraints lead
-- with those columns; they are kept so the schema is the one Django would have.
CREATE INDEX projects_account_id_idx ON projects (account_id);
CREATE INDEX projects_lead_id_idx ON projects (lead_id);
CREATE INDEX tasks_project_id_idx ON tasks (project_id);
CREATE INDEX tasks_assignee_id_idx ON tasks (assignee_id);
CREATE INDEX task_tags_task_id_idx ON task_tags (task_id);
CREATE INDEX task_tags_tag_id_idx ON task_tags (tag_id);
