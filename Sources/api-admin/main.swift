// api-admin: bootstraps the reference API's database (users, tokens, demo data).
// See `AdminCommand`.
import ArgumentParser
import Commands
import PostgreSQL
import ReferenceAPI

func writeLine(_ text: String, to descriptor: Int32 = 1) { CommandOutput.line(text, to: descriptor) }

/// create-user's password, read before anything else: a prompt should not wait for a database
/// connection, nor follow an error.
func password(for createUser: AdminCommand.CreateUser) throws -> ReferenceAdmin.Password {
    switch createUser.passwordSource {
    case .unusable:
        return .unusable
    case .argument(let text):
        writeLine(
            "api-admin: warning: --password shows the password to other users in `ps` and leaves it in "
                + "your shell history; use --password-stdin", to: 2)
        return .set(text)
    case .standardInput:
        do {
            return .set(try PasswordInput.read())
        } catch {
            writeLine("api-admin: \(error)", to: 2)
            throw ExitCode(error.status)
        }
    }
}

func admin(_ database: PostgresConfiguration) throws -> ReferenceAdmin {
    ReferenceAdmin(connection: try Connection(configuration: database), configuration: try ReferenceConfiguration.fromEnvironment())
}

CommandMain.run(AdminCommand.self) { command in
    let createUser = command as? AdminCommand.CreateUser
    let password = try createUser.map(password(for:))
    var database = PostgresConfiguration.fromEnvironment()
    database.applicationName = "api-admin"
    switch command {
    case is AdminCommand:
        throw ValidationError("a command is required: create-user, token, demo-data or check")
    case is AdminCommand.Check:
        if let report = try ReferenceAPI.modelCheckReport(on: try Connection(configuration: database)) {
            writeLine("api-admin: \(report)", to: 2)
            return 1
        }
        writeLine("api-admin: \(ReferenceAPI.models.count) models match the database")
    case let token as AdminCommand.Token:
        writeLine(try admin(database).token(for: token.username).key)
    case let demo as AdminCommand.DemoData:
        let admin = try admin(database)
        if demo.ifEmpty, try !admin.isEmpty() {
            writeLine("api-admin: the database already has users; demo data not loaded")
            return 0
        }
        writeLine(try DemoData.load(with: admin).summary)
    default:
        guard let createUser, let password else { return nil }
        let (_, token) = try admin(database).createUser(
            createUser.username, staff: createUser.staff, password: password, email: createUser.email)
        writeLine(token.key)
    }
    return 0
}
