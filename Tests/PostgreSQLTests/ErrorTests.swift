import PostgreSQL
import TestSupport
import Testing

extension PostgreSQLIntegration {
    @Suite struct Errors {
        static let schema = """
            CREATE TABLE users (id bigserial PRIMARY KEY, username text NOT NULL CONSTRAINT users_username_key UNIQUE);
            CREATE TABLE notes (id bigserial PRIMARY KEY, author_id bigint NOT NULL CONSTRAINT notes_author_fk REFERENCES users);
            """

        @Test func uniqueViolation() throws {
            try withDatabase { connection, _ in
                try connection.executeScript(Self.schema)
                try connection.execute("INSERT INTO users (username) VALUES ($1)", "ada")
                let error = postgresError { try connection.execute("INSERT INTO users (username) VALUES ($1)", "ada") }
                #expect(error?.kind == .server)
                #expect(error?.sqlState == "23505")
                #expect(error?.isUniqueViolation == true)
                #expect(error?.isForeignKeyViolation == false)
                #expect(error?.constraint == "users_username_key")
                #expect(error?.table == "users")
                #expect(error?.detail == "Key (username)=(ada) already exists.")
                #expect(error?.message.contains("duplicate key") == true)
            }
        }

        @Test func foreignKeyViolation() throws {
            try withDatabase { connection, _ in
                try connection.executeScript(Self.schema)
                let error = postgresError { try connection.execute("INSERT INTO notes (author_id) VALUES ($1)", Int64(42)) }
                #expect(error?.isForeignKeyViolation == true)
                #expect(error?.sqlState == "23503")
                #expect(error?.constraint == "notes_author_fk")
                #expect(error?.isUniqueViolation == false)
            }
        }

        @Test func serializationFailureRaised() throws {
            try withDatabase { connection, _ in
                let error = postgresError {
                    try connection.executeScript("DO $$ BEGIN RAISE EXCEPTION 'conflict' USING ERRCODE = '40001'; END $$")
                }
                #expect(error?.isSerializationFailure == true)
                #expect(error?.message == "conflict")
            }
        }

        /// Write skew between two SERIALIZABLE transactions: the second to commit loses.
        @Test func serializationFailureBetweenTwoSessions() throws {
            try withDatabase { first, database in
                let second = try Connection(url: database.url)
                try first.executeScript(
                    "CREATE TABLE doctors (name text PRIMARY KEY, on_call bool NOT NULL); INSERT INTO doctors VALUES ('a', true), ('b', true)"
                )
                let error = postgresError {
                    try first.transaction(isolation: .serializable) { first in
                        _ = try first.query("SELECT count(*) FROM doctors WHERE on_call")
                        try second.transaction(isolation: .serializable) { second in
                            _ = try second.query("SELECT count(*) FROM doctors WHERE on_call")
                            try second.execute("UPDATE doctors SET on_call = false WHERE name = $1", "b")
                        }
                        try first.execute("UPDATE doctors SET on_call = false WHERE name = $1", "a")
                    }
                }
                #expect(error?.isSerializationFailure == true)
                #expect(try database.psql("SELECT string_agg(name || ':' || on_call, ',' ORDER BY name) FROM doctors") == "a:true,b:false")
            }
        }

        @Test func syntaxErrorWithPosition() throws {
            try withDatabase { connection, _ throws in
                let error = postgresError { try connection.query("SELECT id FROM WHERE id = $1", Int64(1)) }
                #expect(error?.isSyntaxError == true)
                #expect(error?.sqlState == "42601")
                #expect(error?.position == 16)
                #expect(error?.message == "syntax error at or near \"WHERE\"")
                // Nothing was cached for the failed text, and the session goes on.
                #expect(connection.preparedStatementCount == 0)
                #expect(try connection.value("SELECT 1", as: Int.self) == 1)
            }
        }

        @Test func statementTimeout() throws {
            try withDatabase(configure: { $0.statementTimeout = .milliseconds(300) }) { connection, _ throws in
                var error: PostgresError?
                let seconds = measure { error = postgresError { try connection.query("SELECT pg_sleep(10)") } }
                #expect(error?.isQueryCanceled == true)
                #expect(error?.sqlState == "57014")
                #expect(seconds < 5)
                #expect(try connection.value("SHOW statement_timeout", as: String.self) == "300ms")
            }
        }

        @Test func sessionSettingsAndNotices() throws {
            try withDatabase(configure: { $0.applicationName = "srf-tests" }) { connection, _ in
                #expect(try connection.value("SHOW TimeZone", as: String.self) == "UTC")
                #expect(try connection.value("SHOW application_name", as: String.self) == "srf-tests")
                #expect(try connection.value("SHOW client_encoding", as: String.self) == "UTF8")
                try connection.executeScript("DO $$ BEGIN RAISE NOTICE 'hello %', 42; END $$")
                #expect(connection.notices.last?.contains("hello 42") == true)
                connection.clearNotices()
                #expect(connection.notices.isEmpty)
            }
        }

        @Test func unreachableServerAndBadURL() throws {
            let directory = try TestEnvironment.makeTemporaryDirectory("nosrv")
            var error: PostgresError?
            let seconds = measure {
                error = postgresError { _ = try Connection(url: "postgres://postgres@/x?host=\(directory)&port=1") }
            }
            #expect(error?.isConnectionLost == true)
            #expect(seconds < 3)
            let bad = postgresError { _ = try Connection(url: "postgres://host/db?nonsense_option=1") }
            #expect(bad?.kind == .client)
            #expect(bad?.message.contains("nonsense_option") == true)
        }
    }
}
