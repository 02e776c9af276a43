/// The command line of `migrate`, parsed by hand (no argument-parser package).
///
///     migrate [apply | status] [--database-url URL] [--dir PATH]
struct Arguments {
    enum Command: String {
        case apply, status, help
    }

    var command = Command.apply
    /// nil: `DATABASE_URL`, else libpq's defaults (`PG*` variables).
    var databaseURL: String?
    var directory = "migrations"

    static let usage = """
        usage: migrate [apply | status] [--database-url URL] [--dir PATH]

          apply     apply the pending migrations, in order (the default)
          status    list applied and pending migrations

          --database-url URL   database to migrate (default: $DATABASE_URL, then libpq's PG* variables)
          --dir PATH           folder of NNNN_name.sql files (default: ./migrations)
          -h, --help           show this help

        exit status: 0 success, 1 failure, 2 usage error
        """

    struct UsageError: Error {
        let message: String
    }

    init(_ arguments: [String]) throws {
        var remaining = arguments[...]
        var sawCommand = false
        while let argument = remaining.popFirst() {
            // Accept both `--dir PATH` and `--dir=PATH`.
            var name = argument
            var inlineValue: String?
            if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                inlineValue = String(argument[argument.index(after: equals)...])
            }
            func value() throws -> String {
                if let inlineValue { return inlineValue }
                guard let next = remaining.popFirst() else { throw UsageError(message: "\(name) needs a value") }
                return next
            }
            switch name {
            case "-h", "--help", "help":
                command = .help
                return
            case "--database-url":
                databaseURL = try value()
            case "--dir":
                directory = try value()
            case _ where argument.hasPrefix("-"):
                throw UsageError(message: "unknown option \(argument)")
            default:
                guard !sawCommand, let parsed = Command(rawValue: argument), parsed != .help else {
                    throw UsageError(message: sawCommand ? "unexpected argument \(argument)" : "unknown command \(argument)")
                }
                command = parsed
                sawCommand = true
            }
        }
    }
}
