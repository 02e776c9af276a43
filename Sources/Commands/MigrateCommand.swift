import ArgumentParser
import Migrations

/// `migrate`: the SQL files of a migrations folder against a database. The `migrate`
/// executable's root command, and the `migrate` subcommand of a server binary
/// (`todo-api migrate check`). Subcommands: `apply` (the default: what is pending, in order),
/// `status` (applied and pending files), `check` (exit 1 when a file is pending or changed, for
/// deploy scripts), `plan` (what `apply` would run, in order), `new add_notes_index` (creates
/// `migrations/NNNN_add_notes_index.sql`).
///
///     CommandMain.run(MigrateCommand.self) { command in
///         try MigrateCommand.execute(command, defaultDirectory: "migrations", program: "migrate")
///     }
public struct MigrateCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply the SQL files of a migrations folder (NNNN_name.sql) to a database, in order, once each.",
        discussion: "Exit status: 0 success, 1 failure (check: something is pending or changed), 2 usage error.",
        version: FrameworkVersion.current,
        subcommands: [Apply.self, Status.self, Check.self, Plan.self, New.self],
        defaultSubcommand: Apply.self)

    public init() {}

    /// Runs `command` when it is one of `migrate`'s subcommands (nil otherwise): its exit status.
    public static func execute(_ command: ParsableCommand, defaultDirectory: String, program: String) throws -> Int32? {
        switch command {
        case let apply as Apply: try apply.execute(defaultDirectory: defaultDirectory, program: program)
        case let status as Status: try status.execute(defaultDirectory: defaultDirectory, program: program)
        case let check as Check: try check.execute(defaultDirectory: defaultDirectory, program: program)
        case let plan as Plan: try plan.execute(defaultDirectory: defaultDirectory, program: program)
        case let new as New: try new.execute(defaultDirectory: defaultDirectory)
        default: nil
        }
    }

    public struct Apply: ParsableCommand {
        public static let configuration = CommandConfiguration(
            abstract: "Apply the pending files, in order, each in its own transaction (the default).")
        @OptionGroup var options: MigrationOptions
        public init() {}

        func execute(defaultDirectory: String, program: String) throws -> Int32 {
            let migrator = Migrator(
                connection: try options.connection(program: program), directory: options.directory(default: defaultDirectory))
            let applied = try migrator.migrate { migration, duration in
                CommandOutput.line("applied \(migration.name) (\(duration.wholeMilliseconds) ms)")
            }
            if applied.isEmpty { CommandOutput.line("nothing to apply") }
            return 0
        }
    }

    public struct Status: ParsableCommand {
        public static let configuration = CommandConfiguration(abstract: "List the applied and pending files.")
        @OptionGroup var options: MigrationOptions
        public init() {}

        func execute(defaultDirectory: String, program: String) throws -> Int32 {
            let directory = options.directory(default: defaultDirectory)
            let entries = try Migrator(connection: try options.connection(program: program), directory: directory).status()
            if entries.isEmpty { CommandOutput.line("no migrations in \(directory)") }
            for entry in entries { CommandOutput.line(entry.line) }
            return 0
        }
    }

    public struct Check: ParsableCommand {
        public static let configuration = CommandConfiguration(
            abstract: "Exit 0 when every file is applied as it is, 1 when one is pending or was changed after it was applied.")
        @OptionGroup var options: MigrationOptions
        public init() {}

        func execute(defaultDirectory: String, program: String) throws -> Int32 {
            let directory = options.directory(default: defaultDirectory)
            let migrator = Migrator(connection: try options.connection(program: program), directory: directory)
            let verdict = MigrationState(try migrator.status())
            for entry in verdict.problems { CommandOutput.line(entry.line) }
            if verdict.isUpToDate {
                CommandOutput.line(verdict.summary)
            } else {
                CommandOutput.error("\(program): \(verdict.summary)")
            }
            return verdict.isUpToDate ? 0 : 1
        }
    }

    public struct Plan: ParsableCommand {
        public static let configuration = CommandConfiguration(
            abstract: "List the files `migrate` would apply, in order, without applying them.")
        @OptionGroup var options: MigrationOptions
        public init() {}

        func execute(defaultDirectory: String, program: String) throws -> Int32 {
            let migrator = Migrator(
                connection: try options.connection(program: program), directory: options.directory(default: defaultDirectory))
            let pending = try migrator.plan()
            if pending.isEmpty { CommandOutput.line("nothing to apply") }
            for migration in pending { CommandOutput.line(migration.name) }
            return 0
        }
    }

    public struct New: ParsableCommand {
        public static let configuration = CommandConfiguration(
            abstract: "Create the next numbered file, NNNN_NAME.sql, in the migrations folder, and print its path.")
        @Argument(help: "Lowercase letters, digits and underscores, e.g. add_notes_index.")
        var name: String
        @Option(
            name: .customLong("dir"),
            help: ArgumentHelp("Folder of NNNN_name.sql files (default: ./migrations).", valueName: "path"))
        var directory: String?
        public init() {}

        public func validate() throws {
            guard Migration.isValidName(name) else { throw ValidationError(MigrationError.invalidName(name).description) }
        }

        func execute(defaultDirectory: String) throws -> Int32 {
            CommandOutput.line(try Migration.create(named: name, in: directory ?? defaultDirectory))
            return 0
        }
    }
}

extension Duration {
    fileprivate var wholeMilliseconds: Int64 {
        components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000
    }
}
