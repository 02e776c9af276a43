// api-admin: bootstraps the reference API's database (users, tokens, demo data).
// See `AdminCommand.usage`.
#if canImport(Glibc)
import Glibc
#endif
import PostgreSQL
import ReferenceAPI

/// Unbuffered, so that lines appear in order with other processes' output.
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

func runAdmin(_ arguments: [String]) -> Int32 {
    let command: AdminCommand
    do {
        command = try AdminCommand(arguments)
    } catch let error as AdminCommand.UsageError {
        writeLine("api-admin: \(error.message)\n\n" + AdminCommand.usage, to: 2)
        return 2
    } catch {
        return 2
    }
    if command == .help {
        writeLine(AdminCommand.usage)
        return 0
    }
    // The password first: a prompt should not wait for a database connection, nor follow an error.
    var password = ReferenceAdmin.Password.unusable
    if case .createUser(_, _, let source, _) = command {
        switch source {
        case .unusable: break
        case .argument(let text):
            writeLine(
                "api-admin: warning: --password shows the password to other users in `ps` and leaves it in "
                    + "your shell history; use --password-stdin", to: 2)
            password = .set(text)
        case .standardInput:
            do {
                password = .set(try PasswordInput.read())
            } catch {
                writeLine("api-admin: \(error)", to: 2)
                return error.status
            }
        }
    }
    do {
        var database = PostgresConfiguration.fromEnvironment()
        database.applicationName = "api-admin"
        if command == .check {
            if let report = try ReferenceAPI.modelCheckReport(on: try Connection(configuration: database)) {
                writeLine("api-admin: \(report)", to: 2)
                return 1
            }
            writeLine("api-admin: \(ReferenceAPI.models.count) models match the database")
            return 0
        }
        let admin = ReferenceAdmin(
            connection: try Connection(configuration: database),
            configuration: try ReferenceConfiguration.fromEnvironment())
        switch command {
        case .createUser(let username, let staff, _, let email):
            let (_, token) = try admin.createUser(username, staff: staff, password: password, email: email)
            writeLine(token.key)
        case .token(let username):
            writeLine(try admin.token(for: username).key)
        case .demoData(let ifEmpty):
            if ifEmpty, try !admin.isEmpty() {
                writeLine("api-admin: the database already has users; demo data not loaded")
                return 0
            }
            writeLine(try DemoData.load(with: admin).summary)
        case .help, .check:
            break
        }
        return 0
    } catch {
        writeLine("api-admin: \(error)", to: 2)
        return 1
    }
}

exit(runAdmin(Array(CommandLine.arguments.dropFirst())))
