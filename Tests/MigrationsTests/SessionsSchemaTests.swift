import Foundation
import Migrations
import PostgreSQL
import TestSupport
import Testing

/// migrations/0003_sessions.sql: Django's `django_session` layout (so a Django session model
/// maps onto it) under the name `sessions`, with Django's index on `expire_date`.
@Suite(.needsTestsRun) struct SessionsSchemaTests {
    @Test func sessionsTableIsDjangosSessionLayout() throws {
        try withMigrator(directory: projectMigrationsFolder) { migrator, database in
            try migrator.migrate()
            #expect(
                try ProjectsSchemaTests().columns("sessions", database) == [
                    "session_key character varying(40) NOT NULL", "session_data text NOT NULL",
                    "expire_date timestamp with time zone NOT NULL",
                ])
            #expect(
                try database.psql(
                    "SELECT string_agg(indexdef, '|' ORDER BY indexname) FROM pg_indexes WHERE tablename = 'sessions'"
                ).split(separator: "|") == [
                    "CREATE INDEX sessions_expire_date_idx ON public.sessions USING btree (expire_date)",
                    "CREATE UNIQUE INDEX sessions_pkey ON public.sessions USING btree (session_key)",
                ])
        }
    }
}
