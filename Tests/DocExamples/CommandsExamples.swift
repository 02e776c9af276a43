// The `///` examples of Sources/Commands, compiled (DocCommentExampleTests finds them here).
import Commands
import Migrations

enum CommandsExamples {
    // FrameworkVersion
    static func version() {
        print(FrameworkVersion.current)   // "0.15.0"
    }

    // CommandOutput
    static func output() {
        CommandOutput.line("applied 0001_initial.sql (12 ms)")
        CommandOutput.error("migrate: no migrations folder at migrations")
    }

    // CommandMain, MigrateCommand
    static func main() -> Never {
        CommandMain.run(MigrateCommand.self) { command in
            try MigrateCommand.execute(command, defaultDirectory: "migrations", program: "migrate")
        }
    }

    // MigrationState
    static func state(_ migrator: Migrator) throws {
        let state = MigrationState(try migrator.status())
        if !state.isUpToDate { print(state.summary) }   // "1 migration pending: run migrate"
    }
}
