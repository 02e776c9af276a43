import ArgumentParser
import Commands
import FastCGI

/// The command line of a server binary built on `APIServerMain`, as `manage.py` is a Django
/// project's: `serve` (the default: the root command takes serve's options itself, so that
/// `--help` lists them), `check`, `routes`, `schema` and `migrate`: `my-api --listen unix:/run/my-api/api.sock`,
/// `my-api check` (like `nginx -t`: exit 0 or 1), `my-api routes`, `my-api migrate check`.
/// The commands carry only the parsed options; `APIServerMain.run` gives them the application.
struct APIServerCommand: ParsableCommand {
    /// Named after the executable (`CommandLine.arguments[0]`), as its usage lines should be.
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: CommandLine.arguments.first.map { String($0.split(separator: "/").last ?? "api-server") } ?? "api-server",
            abstract: "Serve the API as a FastCGI responder, or check, list or migrate it.",
            discussion: "Exit status: 0 success, 1 failure, 2 usage error.",
            version: FrameworkVersion.current,
            subcommands: [Serve.self, Check.self, Routes.self, Schema.self, MigrateCommand.self])
    }

    /// Without a subcommand: serve.
    @OptionGroup var serve: ServeArguments

    struct Serve: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Serve the API (what the program does without a subcommand): FastCGI on --listen, or on the socket inherited on fd 0.",
            discussion: "DATABASE_URL (or libpq's PG* variables) names the database; SRF_ALLOWED_HOSTS the hosts answered.")

        @OptionGroup var serve: ServeArguments
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the application, then exit 0 when all is well, 1 when not (like `nginx -t`).",
            discussion: """
                Builds the application and its URL conf (a misconfiguration fails here), builds each view's serializer, \
                compares the models with the database's tables, and requires every migration to be applied.
                """)

        @Option(
            name: .customLong("migrations-dir"),
            help: ArgumentHelp("Folder of the application's NNNN_name.sql files (default: the program's, ./migrations).", valueName: "path")
        )
        var migrationsDirectory: String?
    }

    struct Routes: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the route table: pattern, name, method=action, view (as `manage.py show_urls`).")
    }

    struct Schema: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the OpenAPI 3.1 document of the API (as DRF's `generateschema`): `schema > openapi.json`.",
            discussion: "The same bytes as GET on the application's SchemaView; no database is needed.")
    }
}

/// `serve`'s options: the responder's, and the deprecated `--check`.
struct ServeArguments: ParsableArguments {
    @OptionGroup var server: ServerOptions

    /// Before `check` existed, `--check` ran its model part; deploy scripts keep it.
    @Flag(
        name: .customLong("check"),
        help: ArgumentHelp(
            "Deprecated (use the check subcommand): compare the models with the database's tables, then exit: 0 when they match, 1 when not."
        ))
    var checkModelsOnly = false

    /// With read replicas (`DATABASE_REPLICA_URLS`): how far behind the primary a replica may
    /// be and still serve reads.
    @Option(
        name: .customLong("replica-max-lag"),
        help: ArgumentHelp(
            "Seconds a read replica (DATABASE_REPLICA_URLS) may lag behind the primary before reads skip it (default 5).",
            valueName: "seconds"))
    var replicaMaxLag: Double = 5

    mutating func validate() throws {
        guard replicaMaxLag.isFinite, replicaMaxLag > 0, replicaMaxLag <= 86_400 else {
            throw ValidationError("--replica-max-lag must be a number of seconds above 0 (and at most 86400), e.g. 5 or 0.5")
        }
    }
}
