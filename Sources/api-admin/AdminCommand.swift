import ArgumentParser
import Commands

/// api-admin's command line (swift-argument-parser): one subcommand per task.
///
///     api-admin create-user USERNAME [--staff] [--password-stdin | --no-password | --password PW] [--email E]
///     api-admin token USERNAME
///     api-admin demo-data [--if-empty]
///     api-admin check
struct AdminCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "api-admin",
        abstract: "Bootstrap the reference API's database: users, tokens, demo data.",
        discussion: """
            api-admin create-user USERNAME [--staff] [--email E]
                      [--password-stdin | --no-password | --password PW]
            api-admin token USERNAME
            api-admin demo-data [--if-empty]
            api-admin check

            create-user --password-stdin reads the password from standard input:
            asked twice without echo at a terminal, else the whole input (one
            trailing newline dropped), e.g.
              printf '%s' "$PW" | api-admin create-user ada --password-stdin
            --password PW: WARNING: other users see PW in `ps`, and your shell
            history keeps it; only for scripts that cannot use --password-stdin.

            DATABASE_URL names the database; SRF_PASSWORD_ITERATIONS the PBKDF2
            iterations of new password hashes (default 1000000).
            Exit status: 0 success, 1 failure, 2 usage error, 130 interrupted.
            """,
        version: FrameworkVersion.current,
        subcommands: [CreateUser.self, Token.self, DemoData.self, Check.self])

    struct CreateUser: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a user and print their token.",
            discussion: """
                Without a password option the user has no usable password (token login only). --password-stdin reads \
                it from standard input: asked twice without echo at a terminal, else the whole input (one trailing \
                newline dropped), e.g. printf '%s' "$PW" | api-admin create-user ada --password-stdin
                """)

        @Argument(help: "The new user's name.") var username: String
        @Flag(help: "A staff user (is_staff).") var staff = false
        @Option(help: "The user's email address.") var email = ""
        @Flag(name: .customLong("password-stdin"), help: "Read the password from standard input (a prompt without echo at a terminal).")
        var passwordFromStandardInput = false
        @Flag(name: .customLong("no-password"), help: "No usable password: token login only (the default).")
        var noPassword = false
        @Option(
            name: .customLong("password"),
            help: ArgumentHelp(
                "WARNING: other users see it in `ps`, and your shell history keeps it; only for scripts that cannot use --password-stdin.",
                valueName: "pw"))
        var visiblePassword: String?

        func validate() throws {
            guard [passwordFromStandardInput, noPassword, visiblePassword != nil].filter({ $0 }).count <= 1 else {
                throw ValidationError("give one of --password-stdin, --no-password and --password")
            }
        }

        /// Where the password comes from.
        var passwordSource: PasswordSource {
            if let visiblePassword { return .argument(visiblePassword) }
            return passwordFromStandardInput ? .standardInput : .unusable
        }
    }

    struct Token: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the user's token, creating it when missing.")
        @Argument(help: "The user's name.") var username: String
    }

    struct DemoData: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Load a small demo data set and print the admin's credentials, with a password generated for this database (printed once).")
        @Flag(name: .customLong("if-empty"), help: "Only when the users table is empty (else do nothing).") var ifEmpty = false
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the models against the database's tables (after migrate): exit 0 when they match, 1 naming each difference.")
    }

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
}
