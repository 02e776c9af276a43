import ArgumentParser

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a command line with the exit codes every command of this project documents:
/// 0 success (and `--help`, `--version`), 1 failure, 2 usage error.
///
///     CommandMain.run(MigrateCommand.self) { command in
///         try MigrateCommand.execute(command, defaultDirectory: "migrations", program: "migrate")
///     }
///
/// swift-argument-parser's own `main()` exits 64 (`EX_USAGE`) for a usage error; deploy scripts
/// and the tests of this project expect 2, as the hand-written parsers returned before (and as
/// most Unix tools do). `execute` gets the parsed command, so that a caller can hand it values
/// argument-parser cannot (an application's closure), and returns the exit status, or nil for a
/// command it does not know (argument-parser's `help`, which then runs itself). An error it
/// throws is printed as `program: error` and exits 1; an `ExitCode` it throws exits with it.
public enum CommandMain {
    /// The status of a usage error (an unknown option, a bad value, a failed `validate()`).
    public static let usageError: Int32 = 2

    public static func run<Root: ParsableCommand>(
        _ root: Root.Type, arguments: [String] = Array(CommandLine.arguments.dropFirst()), program: String? = nil,
        helpSuffix: String = "", execute: (ParsableCommand) throws -> Int32?
    ) -> Never {
        exit(status(root, arguments: arguments, program: program, helpSuffix: helpSuffix, execute: execute))
    }

    /// What `run` exits with, having printed what it prints (for tests of a parser).
    /// `helpSuffix` follows the generated help (options added at run time).
    public static func status<Root: ParsableCommand>(
        _ root: Root.Type, arguments: [String], program: String? = nil, helpSuffix: String = "",
        execute: (ParsableCommand) throws -> Int32?
    ) -> Int32 {
        let program = program ?? Root._commandName
        let command: ParsableCommand
        do {
            command = try Root.parseAsRoot(arguments)
        } catch {
            return report(error, root: root, program: program, helpSuffix: helpSuffix)
        }
        do {
            if let status = try execute(command) { return status }
            // Not one of the program's: argument-parser's own (`help SUBCOMMAND`), which runs itself.
            var builtIn = command
            try builtIn.run()
            return 0
        } catch {
            return report(error, root: root, program: program, helpSuffix: helpSuffix)
        }
    }

    /// Help and the version on standard output (status 0); a usage error with the usage on
    /// standard error (2); anything else as `program: error` (1, or the `ExitCode` thrown).
    static func report<Root: ParsableCommand>(_ error: Error, root: Root.Type, program: String, helpSuffix: String) -> Int32 {
        if let exitCode = error as? ExitCode { return exitCode.rawValue }
        let code = Root.exitCode(for: error)
        if code == .success {
            let text = Root.fullMessage(for: error).withTrailingNewline
            // Help gets the suffix; the version does not.
            let isVersion = text == Root.configuration.version + "\n"
            CommandOutput.write(isVersion ? text : text + helpSuffix, to: 1)
            return 0
        }
        if code == .validationFailure {
            CommandOutput.write(Root.fullMessage(for: error).withTrailingNewline, to: 2)
            return usageError
        }
        CommandOutput.error("\(program): \(error)")
        return code.rawValue == 0 ? 1 : code.rawValue
    }
}

extension String {
    fileprivate var withTrailingNewline: String { hasSuffix("\n") ? self : self + "\n" }
}
