import Foundation
import PostgreSQL
import RESTFramework
import RESTModels
@testable import RESTTesting
import TestSupport
import Testing

/// Counts the rows of `items` through the request's database connection.
final class ItemCount: APIView, GetHandler {
    func get(_ request: Request) throws -> Response {
        let count = try request.database.query("SELECT count(*) FROM items")[0][0, as: Int64.self]
        return Response(["count": .int(count)])
    }
}

/// Serialized: `aFailingMigrationLeavesNoSchema` counts the schemas the others create.
@Suite(.needsTestsRun, .serialized) struct TemporarySchemaTests {
    static func migrations() throws -> String {
        let directory = try TestEnvironment.makeTemporaryDirectory("schema-migrations")
        try "CREATE TABLE items (id bigserial PRIMARY KEY, name text NOT NULL);"
            .write(toFile: directory + "/0001_items.sql", atomically: true, encoding: .utf8)
        try "INSERT INTO items (name) VALUES ('anvil'), ('bolt');"
            .write(toFile: directory + "/0002_seed.sql", atomically: true, encoding: .utf8)
        return directory
    }

    func schemaExists(_ name: String) throws -> Bool {
        let connection = try Connection(url: TestEnvironment.databaseURL)
        return try connection.query("SELECT count(*) FROM pg_namespace WHERE nspname = $1", name)[0][0, as: Int64.self] == 1
    }

    @Test func createsMigratesServesAndDrops() throws {
        let directory = try Self.migrations()
        let app = Application(urls: try URLConf([.path("items/count/", ItemCount.asView(), name: "item-count")]))
        var name = ""
        try TemporarySchema.with(url: TestEnvironment.databaseURL, migrations: directory) { (schema: TemporarySchema) throws in
            name = schema.name
            #expect(try schemaExists(schema.name))
            #expect(schema.applied.map(\.name) == ["0001_items.sql", "0002_seed.sql"])
            let client = APIClient(app, database: schema.connection)
            #expect(client.get("/items/count/").json == ["count": 2])
            // Another connection from `url` sees the same schema; the database's own does not.
            #expect(try Connection(url: schema.url).query("SELECT count(*) FROM items")[0][0, as: Int64.self] == 2)
            #expect(throws: PostgresError.self) { try Connection(url: TestEnvironment.databaseURL).query("SELECT 1 FROM items") }
        }
        #expect(!name.isEmpty)
        #expect(try !schemaExists(name))
    }

    @Test func twoSchemasDoNotSeeEachOther() throws {
        let directory = try Self.migrations()
        let first = try TemporarySchema(url: TestEnvironment.databaseURL, migrations: directory)
        let second = try TemporarySchema(url: TestEnvironment.databaseURL, migrations: directory)
        try first.connection.execute("DELETE FROM items")
        #expect(try second.connection.query("SELECT count(*) FROM items")[0][0, as: Int64.self] == 2)
        try first.drop()
        try first.drop()  // a second drop does nothing
        try second.drop()
        #expect(try !schemaExists(first.name) && !schemaExists(second.name))
    }

    @Test func aFailingMigrationLeavesNoSchema() throws {
        let directory = try TestEnvironment.makeTemporaryDirectory("schema-broken")
        try "CREATE TABLE broken (;".write(toFile: directory + "/0001_broken.sql", atomically: true, encoding: .utf8)
        let before = try Connection(url: TestEnvironment.databaseURL)
            .query("SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'test\\_%'")[0][0, as: Int64.self]
        #expect(throws: (any Error).self) { try TemporarySchema(url: TestEnvironment.databaseURL, migrations: directory) }
        let after = try Connection(url: TestEnvironment.databaseURL)
            .query("SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'test\\_%'")[0][0, as: Int64.self]
        #expect(after == before)
    }
}

@Suite struct TemporarySchemaURLTests {
    @Test func searchPathJoinsTheURLsOwnOptions() {
        #expect(TemporarySchema.url("postgres:///db", searchPath: "s") == "postgres:///db?options=-c%20search_path%3Ds")
        #expect(TemporarySchema.url("postgres:///db?host=/tmp", searchPath: "s") == "postgres:///db?host=/tmp&options=-c%20search_path%3Ds")
        #expect(
            TemporarySchema.url("postgres:///db?options=-c%20x%3D1&port=5", searchPath: "s")
                == "postgres:///db?options=-c%20x%3D1%20-c%20search_path%3Ds&port=5")
        #expect(TemporarySchema.url("dbname=db", searchPath: "s") == "dbname=db options='-c search_path=s'")
    }
}
