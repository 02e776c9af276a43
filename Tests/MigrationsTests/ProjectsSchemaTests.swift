import Foundation
import Migrations
import PostgreSQL
import TestSupport
import Testing

/// migrations/0002_projects.sql against the part-2 spec's schema (shared/spec/reference-api-2.md,
/// "Schema"): columns with their types, nullability and defaults, the constraints, what each
/// ON DELETE does, and Django's index per foreign key.
@Suite(.needsTestsRun) struct ProjectsSchemaTests {
    /// `column type NULL|NOT NULL default` for each column of `table`, in order.
    func columns(_ table: String, _ database: TemporaryDatabase) throws -> [String] {
        try database.psql(
            """
            SELECT string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE ' NULL' END
                              || coalesce(' ' || pg_get_expr(d.adbin, d.adrelid), ''), '|' ORDER BY a.attnum)
            FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            WHERE a.attrelid = '\(table)'::regclass AND a.attnum > 0 AND NOT a.attisdropped
            """
        ).split(separator: "|").map(String.init)
    }

    @Test func tablesAreTheSpecsColumnForColumn() throws {
        try withMigrator(directory: projectMigrationsFolder) { migrator, database in
            let applied = try migrator.migrate().map(\.name)
            #expect(
                applied == [
                    "0001_initial.sql", "0002_projects.sql", "0003_sessions.sql", "0004_throttle.sql", "0005_throttle_counts.sql",
                ])
            #expect(
                try columns("tags", database) == [
                    "id bigint NOT NULL nextval('tags_id_seq'::regclass)", "slug character varying(50) NOT NULL",
                    "name character varying(100) NOT NULL",
                ])
            #expect(
                try columns("projects", database) == [
                    "id uuid NOT NULL gen_random_uuid()", "account_id bigint NOT NULL", "name character varying(100) NOT NULL",
                    "lead_id bigint NULL", "status character varying(10) NOT NULL 'planned'::character varying",
                    "budget numeric(12,2) NULL", "starts date NULL", "ends date NULL", "settings jsonb NOT NULL '{}'::jsonb",
                    "created timestamp with time zone NOT NULL now()", "updated timestamp with time zone NOT NULL now()",
                ])
            #expect(
                try columns("tasks", database) == [
                    "id bigint NOT NULL nextval('tasks_id_seq'::regclass)", "project_id uuid NOT NULL",
                    "title character varying(200) NOT NULL", "assignee_id bigint NULL", "priority smallint NOT NULL 2",
                    "done boolean NOT NULL false", "due date NULL", "estimate interval NULL",
                    "created timestamp with time zone NOT NULL now()",
                ])
            #expect(
                try columns("task_tags", database) == [
                    "id bigint NOT NULL nextval('task_tags_id_seq'::regclass)", "task_id bigint NOT NULL", "tag_id bigint NOT NULL",
                ])
            // Constraints: keys, uniques and each foreign key's target and ON DELETE (c: cascade, n: set null).
            let constraints = try database.psql(
                """
                SELECT string_agg(conrelid::regclass::text || ' ' || contype::text || ' ' || pg_get_constraintdef(oid), '|' ORDER BY conrelid::regclass::text, contype, pg_get_constraintdef(oid))
                FROM pg_constraint WHERE conrelid IN ('tags'::regclass, 'projects'::regclass, 'tasks'::regclass, 'task_tags'::regclass)
                """
            ).split(separator: "|").map(String.init)
            #expect(
                constraints == [
                    "projects f FOREIGN KEY (account_id) REFERENCES accounts(id) ON DELETE CASCADE",
                    "projects f FOREIGN KEY (lead_id) REFERENCES users(id) ON DELETE SET NULL",
                    "projects p PRIMARY KEY (id)",
                    "projects u UNIQUE (account_id, name)",
                    "tags p PRIMARY KEY (id)",
                    "tags u UNIQUE (slug)",
                    "task_tags f FOREIGN KEY (tag_id) REFERENCES tags(id) ON DELETE CASCADE",
                    "task_tags f FOREIGN KEY (task_id) REFERENCES tasks(id) ON DELETE CASCADE",
                    "task_tags p PRIMARY KEY (id)",
                    "task_tags u UNIQUE (task_id, tag_id)",
                    "tasks f FOREIGN KEY (assignee_id) REFERENCES users(id) ON DELETE SET NULL",
                    "tasks f FOREIGN KEY (project_id) REFERENCES projects(id) ON DELETE CASCADE",
                    "tasks p PRIMARY KEY (id)",
                ])
            // Django's one index per ForeignKey, the join table's included.
            #expect(
                try database.psql(
                    "SELECT string_agg(indexdef, '|' ORDER BY indexname) FROM pg_indexes WHERE tablename IN ('projects', 'tasks', 'task_tags') AND indexname LIKE '%_idx'"
                ).split(separator: "|") == [
                    "CREATE INDEX projects_account_id_idx ON public.projects USING btree (account_id)",
                    "CREATE INDEX projects_lead_id_idx ON public.projects USING btree (lead_id)",
                    "CREATE INDEX task_tags_tag_id_idx ON public.task_tags USING btree (tag_id)",
                    "CREATE INDEX task_tags_task_id_idx ON public.task_tags USING btree (task_id)",
                    "CREATE INDEX tasks_assignee_id_idx ON public.tasks USING btree (assignee_id)",
                    "CREATE INDEX tasks_project_id_idx ON public.tasks USING btree (project_id)",
                ])
        }
    }

    @Test func defaultsAndOnDeleteBehaveAsTheSpecSays() throws {
        try withMigrator(directory: projectMigrationsFolder) { migrator, database in
            try migrator.migrate()
            try database.psql(
                """
                INSERT INTO users (username) VALUES ('ada'), ('alan');
                INSERT INTO accounts (name, owner_id) VALUES ('acme', 1);
                INSERT INTO tags (slug, name) VALUES ('urgent', 'Urgent'), ('backend', 'Backend');
                INSERT INTO projects (account_id, name, lead_id) VALUES (1, 'Apollo', 2);
                INSERT INTO tasks (project_id, title, assignee_id) SELECT id, 'one', 2 FROM projects;
                INSERT INTO task_tags (task_id, tag_id) VALUES (1, 1), (1, 2);
                """)
            #expect(
                try database.psql(
                    "SELECT status || '|' || (budget IS NULL) || '|' || settings::text || '|' || (created = updated) || '|' || (id::text ~ '^[0-9a-f-]{36}$') FROM projects"
                ) == "planned|true|{}|true|true")
            #expect(
                try database.psql("SELECT priority || '|' || done || '|' || (due IS NULL) || '|' || (estimate IS NULL) FROM tasks")
                    == "2|false|true|true")
            // Unique: a slug, a name within an account, a tag on a task.
            for duplicate in [
                "INSERT INTO tags (slug, name) VALUES ('urgent', 'x')", "INSERT INTO projects (account_id, name) VALUES (1, 'Apollo')",
                "INSERT INTO task_tags (task_id, tag_id) VALUES (1, 1)",
            ] {
                #expect(throws: (any Error).self) { try database.psql(duplicate) }
            }
            // SET NULL: the lead and the assignee; CASCADE: a tag's rows, then the account's projects and their tasks.
            try database.psql("DELETE FROM users WHERE username = 'alan'")
            #expect(try database.psql("SELECT (SELECT lead_id IS NULL FROM projects) AND (SELECT assignee_id IS NULL FROM tasks)") == "t")
            try database.psql("DELETE FROM tags WHERE slug = 'backend'")
            #expect(try database.psql("SELECT count(*) FROM task_tags") == "1")
            try database.psql("DELETE FROM accounts")
            #expect(
                try database.psql(
                    "SELECT (SELECT count(*) FROM projects) + (SELECT count(*) FROM tasks) + (SELECT count(*) FROM task_tags)") == "0")
            #expect(try database.psql("SELECT count(*) FROM tags") == "1")
        }
    }
}
