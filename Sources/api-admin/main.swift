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
    do {
        var database = PostgresConfiguration.fromEnvironment()
        database.applicationName = "api-admin"
        let admin = ReferenceAdmin(connection: try Connection(configuration: database),
                                   configuration: try ReferenceConfiguration.fromEnvironment())
        switch command {
        case .createUser(let username, let staff, let password, let email):
            let (_, token) = try admin.createUser(username, staff: staff, password: password.map { .set($0) } ?? .unusable,
                                                  email: email)
            writeLine(token.key)
        case .token(let username):
            writeLine(try admin.token(for: username).key)
        case .demoData(let ifEmpty):
            if ifEmpty, try !admin.isEmpty() {
                writeLine("api-admin: the database already has users; demo data not loaded")
                return 0
            }
            writeLine(try DemoData.load(with: admin).summary)
        case .help:
            break
        }
        return 0
    } catch {
        writeLine("api-admin: \(error)", to: 2)
        return 1
    }
}

exit(runAdmin(Array(CommandLine.arguments.dropFirst())))
