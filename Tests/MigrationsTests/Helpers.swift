import Foundation
import Migrations
import PostgreSQL
import TestSupport

/// A migrations folder of its own, filled with `files` (name → SQL).
func makeMigrationsFolder(_ files: [String: String]) throws -> String {
    let directory = try TestEnvironment.makeTemporaryDirectory("migrations")
    for (name, sql) in files {
        try writeMigration(sql, named: name, in: directory)
    }
    return directory
}

func writeMigration(_ sql: String, named name: String, in directory: String) throws {
    try sql.write(toFile: directory + "/" + name, atomically: true, encoding: .utf8)
}

/// A database of its own and a migrator for `directory` on it.
func withMigrator<T>(directory: String, _ body: (Migrator, TemporaryDatabase) throws -> T) throws -> T {
    let database = try TemporaryDatabase(prefix: "m")
    defer { database.drop() }
    let connection = try Connection(url: database.url)
    return try body(Migrator(connection: connection, directory: directory), database)
}

/// The names recorded in schema_migrations, in the order they were applied.
func recordedNames(_ database: TemporaryDatabase) throws -> [String] {
    let text = try database.psql("SELECT string_agg(name, ',' ORDER BY applied_at, name) FROM schema_migrations")
    return text.isEmpty ? [] : text.split(separator: ",").map(String.init)
}

/// Runs the built `migrate` executable against `database`.
func runMigrate(_ arguments: [String], database: TemporaryDatabase) throws -> Subprocess.Result {
    var environment = ProcessInfo.processInfo.environment
    environment["DATABASE_URL"] = database.url
    return try Subprocess.run(TestEnvironment.executable("migrate"), arguments, environment: environment)
}

/// The repository's own migrations folder.
var projectMigrationsFolder: String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("migrations").path
}
