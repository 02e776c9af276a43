// migrate: applies the SQL files of `migrations/` to DATABASE_URL, or lists their state.
//
//     migrate                      apply what is pending
//     migrate status               list applied and pending files
//     migrate --dir db/migrations --database-url postgres://app@db/app
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Migrations
import PostgreSQL

/// Unbuffered, so that progress shows up as it happens even when output is piped.
func writeLine(_ text: String, to descriptor: Int32 = 1) {
    var line = text + "\n"
    line.withUTF8 { bytes in
        var offset = 0
        while offset < bytes.count {
            let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written <= 0 { return }
            offset += written
        }
    }
}

func milliseconds(_ duration: Duration) -> Int64 {
    duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
}

func runMigrate(_ commandLine: [String]) -> Int32 {
    let arguments: Arguments
    do {
        arguments = try Arguments(commandLine)
    } catch let error as Arguments.UsageError {
        writeLine("migrate: \(error.message)\n\n" + Arguments.usage, to: 2)
        return 2
    } catch {
        return 2
    }
    if arguments.command == .help {
        writeLine(Arguments.usage)
        return 0
    }
    do {
        var configuration = PostgresConfiguration.fromEnvironment()
        if let url = arguments.databaseURL { configuration.url = url }
        configuration.applicationName = "migrate"
        // A migration may rightly run long (an index on a big table); the server's 30 s default
        // is for requests. A statement_timeout in the URL still applies.
        configuration.statementTimeout = nil
        let connection = try Connection(configuration: configuration)
        let migrator = Migrator(connection: connection, directory: arguments.directory)
        switch arguments.command {
        case .status:
            let entries = try migrator.status()
            if entries.isEmpty { writeLine("no migrations in \(arguments.directory)") }
            for entry in entries { writeLine(entry.line) }
        case .apply, .help:
            let applied = try migrator.migrate { migration, duration in
                writeLine("applied \(migration.name) (\(milliseconds(duration)) ms)")
            }
            if applied.isEmpty { writeLine("nothing to apply") }
        }
        return 0
    } catch {
        writeLine("migrate: \(error)", to: 2)
        return 1
    }
}

exit(runMigrate(Array(CommandLine.arguments.dropFirst())))
