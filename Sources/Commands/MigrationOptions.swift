import ArgumentParser
import PostgreSQL

/// The options every `migrate` subcommand takes: which database (`--database-url`), which
/// folder (`--dir`): `migrate status --dir db/migrations --database-url postgres://app@db/app`.
public struct MigrationOptions: ParsableArguments {
    @Option(
        name: .customLong("database-url"),
        help: ArgumentHelp("Database to migrate (default: $DATABASE_URL, then libpq's PG* variables).", valueName: "url"))
    public var databaseURL: String?

    @Option(
        name: .customLong("dir"),
        help: ArgumentHelp("Folder of NNNN_name.sql files (default: ./migrations).", valueName: "path"))
    public var directory: String?

    public init() {}

    /// `--dir`, else the folder the program declares (`migrations` for `migrate`).
    func directory(default fallback: String) -> String { directory ?? fallback }

    /// A connection for migrating: `--database-url` over the environment's, and no statement
    /// timeout (a migration may rightly run long, an index on a big table; the server's 30 s
    /// default is for requests; a statement_timeout in the URL still applies).
    func connection(program: String) throws -> Connection {
        var configuration = PostgresConfiguration.fromEnvironment()
        if let databaseURL { configuration.url = databaseURL }
        configuration.applicationName = program
        configuration.statementTimeout = nil
        // A handful of statements, each run once: preparing gains nothing, and unnamed
        // statements work through any pooler (DATABASE_POOL_MODE still decides the `options`).
        configuration.preparedStatementCapacity = 0
        return try Connection(configuration: configuration)
    }
}
