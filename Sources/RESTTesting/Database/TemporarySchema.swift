import Migrations
import PostgreSQL

/// A schema of its own for one test, with the application's migrations applied, dropped
/// afterwards: a user's integration tests run against a real PostgreSQL without seeing each
/// other's rows, in parallel, in one database.
///
///     try TemporarySchema.with(url: databaseURL, migrations: "migrations") { schema in
///         let client = APIClient(app, database: schema.connection)
///         #expect(client.get("/api/todos/").status == 200)
///     }
///
/// `url` is any libpq URL (`postgres://...` or `key=value`), e.g. `DATABASE_URL`; the role needs
/// `CREATE` on the database. The schema is the only one on the search path of the connections
/// made from `url`, so unqualified names (what migrations and the model layer write) land in
/// it. Names a migration qualifies itself (`public.x`) and extensions are outside it and are
/// neither isolated nor dropped.
public final class TemporarySchema {
    /// `test_` and 16 random hex digits.
    public let name: String
    /// The given URL with the schema as its search path: for more connections, or a server
    /// under test.
    public let url: String
    /// A connection to the schema, for the test and for `APIClient(app, database:)`.
    public let connection: Connection
    /// The migrations applied, in order (empty without a folder).
    public let applied: [Migration]
    /// Made from the given URL; drops the schema.
    private let admin: Connection
    private var dropped = false

    /// Creates the schema and applies the migrations of `migrations` (a folder of
    /// `NNNN_name.sql`, as `migrate` reads); on failure nothing is left behind.
    public init(url: String, migrations directory: String? = nil) throws {
        let name = "test_" + String(UInt64.random(in: 1 << 60 ... .max), radix: 16)
        let admin = try Connection(url: url)
        try admin.executeScript("CREATE SCHEMA \(name)")
        self.name = name
        self.admin = admin
        do {
            let schemaURL = Self.url(url, searchPath: name)
            let connection = try Connection(url: schemaURL)
            applied = try directory.map { try Migrator(connection: connection, directory: $0).migrate() } ?? []
            self.url = schemaURL
            self.connection = connection
        } catch {
            _ = try? admin.executeScript("DROP SCHEMA \(name) CASCADE")
            throw error
        }
    }

    /// Runs `body` with a fresh schema and drops it afterwards, whether `body` throws or not.
    public static func with<Result>(
        url: String, migrations directory: String? = nil,
        _ body: (TemporarySchema) throws -> Result
    ) throws -> Result {
        let schema = try TemporarySchema(url: url, migrations: directory)
        defer { try? schema.drop() }
        return try body(schema)
    }

    /// Drops the schema and everything in it; a second call does nothing.
    public func drop() throws {
        guard !dropped else { return }
        try admin.executeScript("DROP SCHEMA \(name) CASCADE")
        dropped = true
    }

    /// `url` with `search_path` set in libpq's `options` (appended to options the URL has).
    static func url(_ url: String, searchPath schema: String) -> String {
        if url.contains("://") {
            let option = "-c%20search_path%3D" + schema
            if let range = url.range(of: "options=") {
                // The existing value ends at the next parameter; ours goes after it.
                let end = url[range.upperBound...].firstIndex(of: "&") ?? url.endIndex
                return String(url[..<end]) + "%20" + option + String(url[end...])
            }
            return url + (url.contains("?") ? "&" : "?") + "options=" + option
        }
        // A `key=value` string: a later keyword wins, so an `options` given there is kept and
        // extended rather than replaced.
        if let range = url.range(of: "options='") {
            let end = url[range.upperBound...].firstIndex(of: "'") ?? url.endIndex
            return String(url[..<end]) + " -c search_path=" + schema + String(url[end...])
        }
        return url + (url.isEmpty ? "" : " ") + "options='-c search_path=\(schema)'"
    }
}
