import Foundation
import Migrations
import PostgreSQL
import TestSupport
import Testing

@Suite(.needsTestsRun) struct MigratorTests {
    @Test func appliesInNumericOrderEachOnce() throws {
        // Lexical order would run 10_ before 1_ and 2_.
        let directory = try makeMigrationsFolder([
            "2_second.sql": "INSERT INTO log (name) VALUES ('second');",
            "10_third.sql": "INSERT INTO log (name) VALUES ('third');",
            "1_first.sql": "CREATE TABLE log (seq serial PRIMARY KEY, name text NOT NULL);\nINSERT INTO log (name) VALUES ('first');",
            "README.md": "not a migration",
        ])
        try withMigrator(directory: directory) { migrator, database in
            var reported: [String] = []
            let applied = try migrator.migrate { migration, _ in reported.append(migration.name) }
            #expect(applied.map(\.name) == ["1_first.sql", "2_second.sql", "10_third.sql"])
            #expect(reported == applied.map(\.name))
            #expect(try database.psql("SELECT string_agg(name, ',' ORDER BY seq) FROM log") == "first,second,third")
            #expect(try database.psql("SELECT count(*) FROM schema_migrations WHERE checksum ~ '^[0-9a-f]{64}$'") == "3")

            // Idempotent: nothing applied the second time, nothing re-recorded.
            let before = try database.psql("SELECT string_agg(name || applied_at, ',' ORDER BY name) FROM schema_migrations")
            #expect(try migrator.migrate().isEmpty)
            #expect(try database.psql("SELECT count(*) FROM log") == "3")
            #expect(try database.psql("SELECT string_agg(name || applied_at, ',' ORDER BY name) FROM schema_migrations") == before)

            // A new file is picked up on the next run.
            try writeMigration("INSERT INTO log (name) VALUES ('fourth');", named: "11_fourth.sql", in: directory)
            #expect(try migrator.migrate().map(\.name) == ["11_fourth.sql"])
        }
    }

    @Test func refusesAChangedFileNamingIt() throws {
        let directory = try makeMigrationsFolder([
            "0001_create.sql": "CREATE TABLE items (a int);",
            "0002_fill.sql": "INSERT INTO items VALUES (1);",
        ])
        try withMigrator(directory: directory) { migrator, database in
            try migrator.migrate()
            try writeMigration("INSERT INTO items VALUES (2);", named: "0002_fill.sql", in: directory)
            try writeMigration("INSERT INTO items VALUES (3);", named: "0003_more.sql", in: directory)
            do {
                try migrator.migrate()
                Issue.record("a changed file was accepted")
            } catch let error as MigrationError {
                guard case .checksumMismatch(let file, _, _) = error else {
                    Issue.record("unexpected \(error)")
                    return
                }
                #expect(file == "0002_fill.sql")
                #expect(error.description.hasPrefix("0002_fill.sql was changed after it was applied"))
            }
            // Refused before anything ran: the pending 0003 was not applied.
            #expect(try database.psql("SELECT string_agg(a::text, ',') FROM items") == "1")
            #expect(try recordedNames(database) == ["0001_create.sql", "0002_fill.sql"])
            #expect(try migrator.status().map(\.state).contains { if case .changed = $0 { true } else { false } })
        }
    }

    @Test func aFailingFileIsRolledBackAndStopsTheRun() throws {
        let directory = try makeMigrationsFolder([
            "0001_ok.sql": "CREATE TABLE kept (a int);",
            // Multi-byte characters before the error: PostgreSQL counts characters, not bytes.
            "0002_bad.sql": """
            CREATE TABLE partial (a int);
            -- ünïcödé ☕️ comment
            INSERT INTO kept VALUES (1);
            SELECT a FROM missing_table;
            """,
            "0003_after.sql": "CREATE TABLE after (a int);",
        ])
        try withMigrator(directory: directory) { migrator, database in
            do {
                try migrator.migrate()
                Issue.record("the failing file was accepted")
            } catch let error as MigrationError {
                guard case .failed(let file, let line, let column, let sourceLine, let underlying) = error else {
                    Issue.record("unexpected \(error)")
                    return
                }
                #expect(file == "0002_bad.sql")
                #expect(line == 4)
                #expect(column == 15)
                #expect(sourceLine == "SELECT a FROM missing_table;")
                #expect(underlying.sqlState == "42P01")
                #expect(error.description.hasPrefix("0002_bad.sql:4:15: ERROR 42P01: relation \"missing_table\" does not exist"))
            }
            #expect(try recordedNames(database) == ["0001_ok.sql"])
            #expect(try database.psql("SELECT count(*) FROM kept") == "0")
            #expect(try database.psql("SELECT to_regclass('partial') IS NULL AND to_regclass('after') IS NULL") == "t")
        }
    }

    @Test func aFileWithItsOwnCommitIsNotRecorded() throws {
        let directory = try makeMigrationsFolder(["0001_commits.sql": "CREATE TABLE a (x int);\nCOMMIT;\nCREATE TABLE b (x int);"])
        try withMigrator(directory: directory) { migrator, database in
            do {
                try migrator.migrate()
                Issue.record("a file with COMMIT was accepted")
            } catch let error as MigrationError {
                #expect(
                    error.description.hasPrefix("0001_commits.sql: PostgreSQL client: the file ended the migration's transaction"),
                    "\(error)")
            }
            #expect(try recordedNames(database) == [])
        }
    }

    @Test func statusListsAppliedAndPending() throws {
        let directory = try makeMigrationsFolder(["0001_a.sql": "SELECT 1;", "0002_b.sql": "SELECT 2;"])
        try withMigrator(directory: directory) { migrator, database in
            // Before anything: no table, nothing created by asking.
            #expect(
                try migrator.status() == [
                    MigrationStatus(name: "0001_a.sql", state: .pending),
                    MigrationStatus(name: "0002_b.sql", state: .pending),
                ])
            #expect(try database.psql("SELECT to_regclass('schema_migrations') IS NULL") == "t")
            try FileManager.default.removeItem(atPath: directory + "/0002_b.sql")
            try migrator.migrate()
            try writeMigration("SELECT 2;", named: "0002_b.sql", in: directory)
            let entries = try migrator.status()
            #expect(entries.map(\.name) == ["0001_a.sql", "0002_b.sql"])
            guard case .applied(let at) = entries[0].state else {
                Issue.record("0001 not applied: \(entries)")
                return
            }
            #expect(abs(at.date.timeIntervalSinceNow) < 60)
            #expect(entries[0].line == "applied  0001_a.sql  \(at.iso8601)")
            #expect(entries[1].line == "pending  0002_b.sql")
        }
    }

    @Test func refusesBadFolders() throws {
        #expect(throws: MigrationError.self) { try Migration.load(from: "/nonexistent/migrations") }
        let badName = try makeMigrationsFolder(["initial.sql": "SELECT 1;"])
        #expect(throws: MigrationError.self) { try Migration.load(from: badName) }
        let duplicate = try makeMigrationsFolder(["0001_a.sql": "SELECT 1;", "1_b.sql": "SELECT 1;"])
        do {
            _ = try Migration.load(from: duplicate)
            Issue.record("duplicate numbers accepted")
        } catch {
            #expect("\(error)".contains("0001_a.sql and 1_b.sql have the same number"))
        }
    }

    @Test func initialSchemaAppliesCleanly() throws {
        try withMigrator(directory: projectMigrationsFolder) { migrator, database in
            #expect(try migrator.migrate().map(\.name).first == "0001_initial.sql")
            #expect(
                try database.psql("SELECT string_agg(tablename, ',' ORDER BY tablename) FROM pg_tables WHERE schemaname = 'public'")
                    == "account_members,accounts,auth_tokens,notes,projects,schema_migrations,sessions,srf_throttle,"
                    + "tags,task_tags,tasks,users")
            // Defaults and cascades as the spec states them.
            try database.psql(
                """
                INSERT INTO users (username) VALUES ('ada');
                INSERT INTO auth_tokens (key, user_id) VALUES (repeat('a', 40), 1);
                INSERT INTO accounts (name, owner_id) VALUES ('acme', 1);
                INSERT INTO account_members (account_id, user_id) VALUES (1, 1);
                INSERT INTO notes (title, author_id) VALUES ('hi', 1);
                """)
            #expect(
                try database.psql(
                    "SELECT email || '|' || password || '|' || is_staff || '|' || is_active || '|' || (last_login IS NULL) || '|' || (date_joined <= now()) FROM users"
                )
                    == "||false|true|true|true")
            #expect(try database.psql("SELECT is_admin::text || description || body FROM account_members, accounts, notes") == "false")
            try database.psql("DELETE FROM users")
            #expect(
                try database.psql(
                    "SELECT (SELECT count(*) FROM auth_tokens) + (SELECT count(*) FROM accounts) + (SELECT count(*) FROM account_members) + (SELECT count(*) FROM notes)"
                ) == "0")
            #expect(
                try database.psql(
                    "SELECT string_agg(indexname, ',' ORDER BY indexname) FROM pg_indexes WHERE schemaname = 'public' AND indexname LIKE '%_idx' AND tablename IN ('users', 'auth_tokens', 'accounts', 'account_members', 'notes')"
                )
                    == "account_members_user_id_idx,accounts_owner_id_idx,notes_author_id_idx,users_recent_idx")
            #expect(
                try database.psql(
                    "SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'users'::regclass AND attname = 'username'")
                    == "character varying(150)")
        }
    }

    @Test func checksumIsSHA256OfTheFileBytes() throws {
        #expect(SHA256.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        let path = projectMigrationsFolder + "/0001_initial.sql"
        let expected = try Subprocess.run("/usr/bin/sha256sum", [path]).stdout.prefix(64)
        #expect(try Migration.load(from: projectMigrationsFolder).first?.checksum == String(expected))
    }
}
