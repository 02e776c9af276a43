/// api-admin's command line, parsed.
///
///     api-admin create-user USERNAME [--staff] [--password-stdin | --no-password | --password PW] [--email E]
///     api-admin token USERNAME
///     api-admin demo-data [--if-empty]
///     api-admin check
enum AdminCommand: Equatable {
    case createUser(username: String, staff: Bool, password: PasswordSource, email: String)
    case token(username: String)
    case demoData(ifEmpty: Bool)
    case check
    case help

    /// Where create-user's password comes from.
    enum PasswordSource: Equatable {
        /// Django's `set_unusable_password()`: token login only (the default, and `--no-password`).
        case unusable
        /// `--password-stdin`: typed at a prompt without echo, or piped in.
        case standardInput
        /// `--password PW`: visible in `ps` and kept in shell history; for scripts that have no
        /// other way.
        case argument(String)
    }

    static let usage = """
        usage: api-admin create-user USERNAME [--staff] [--password-stdin | --no-password | --password PW] [--email E]
               api-admin token USERNAME
               api-admin demo-data [--if-empty]
               api-admin check

          create-user   creates a user and prints their token; without a password option the user
                        has no usable password (token login only)
            --password-stdin  reads the password from standard input: asked twice without echo
                        at a terminal, else the whole input (one trailing newline dropped), e.g.
                        printf '%s' "$PW" | api-admin create-user ada --password-stdin
            --password PW     WARNING: other users see PW in `ps`, and your shell history keeps
                        it; only for scripts that cannot use --password-stdin
          token         prints the user's token, creating it when missing
          demo-data     loads a small demo data set and prints the admin's credentials, with
                        a password generated for this database (printed once);
                        --if-empty: only when the users table is empty (else does nothing)
          check         checks the models against the database's tables (after migrate):
                        exits 0 when they match, 1 naming each difference

        DATABASE_URL names the database; SRF_PASSWORD_ITERATIONS the PBKDF2 iterations of new
        password hashes (default 1000000).
        """

    struct UsageError: Error { let message: String }

    init(_ arguments: [String]) throws {
        guard let command = arguments.first else { throw UsageError(message: "a command is required") }
        var rest = Array(arguments.dropFirst())
        func value(after flag: String) throws -> String? {
            guard let index = rest.firstIndex(of: flag) else { return nil }
            guard index + 1 < rest.count else { throw UsageError(message: "\(flag) needs a value") }
            let found = rest[index + 1]
            rest.removeSubrange(index...index + 1)
            return found
        }
        func flag(_ name: String) -> Bool {
            guard let index = rest.firstIndex(of: name) else { return false }
            rest.remove(at: index)
            return true
        }
        func positional(_ what: String) throws -> String {
            guard rest.count == 1, !rest[0].hasPrefix("--") else {
                throw UsageError(
                    message: rest.isEmpty ? "\(command) needs a \(what)" : "unexpected arguments: \(rest.joined(separator: " "))")
            }
            return rest[0]
        }
        switch command {
        case "create-user":
            let given = try value(after: "--password")
            let fromStandardInput = flag("--password-stdin")
            let noPassword = flag("--no-password")
            let sources: [PasswordSource] =
                (given.map { [.argument($0)] } ?? []) + (fromStandardInput ? [.standardInput] : [])
                + (noPassword ? [.unusable] : [])
            guard sources.count <= 1 else {
                throw UsageError(message: "give one of --password-stdin, --no-password and --password")
            }
            let email = try value(after: "--email") ?? ""
            let staff = flag("--staff")
            self = .createUser(username: try positional("USERNAME"), staff: staff, password: sources.first ?? .unusable, email: email)
        case "token":
            self = .token(username: try positional("USERNAME"))
        case "demo-data":
            let ifEmpty = flag("--if-empty")
            guard rest.isEmpty else { throw UsageError(message: "unexpected arguments: \(rest.joined(separator: " "))") }
            self = .demoData(ifEmpty: ifEmpty)
        case "check":
            guard rest.isEmpty else { throw UsageError(message: "unexpected arguments: \(rest.joined(separator: " "))") }
            self = .check
        case "help", "--help", "-h":
            self = .help
        default:
            throw UsageError(message: "unknown command \(command)")
        }
    }
}
