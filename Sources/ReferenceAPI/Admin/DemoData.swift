import PostgreSQL
import RESTFramework
import RESTModels

/// A small data set that makes a new installation show something at once: a staff admin, a few
/// users, accounts with members, notes in several scripts, and part 2's tags, projects and
/// tasks (DemoData+Projects.swift). The admin's password is generated
/// for each load and only printed (with the tokens) in the report: a published default
/// password would be a way into every installation that kept the demo data.
///
///     let report = try DemoData.load(with: admin)
///     print(report.summary)
public enum DemoData {
    /// The staff user; their password is generated (`Report.adminPassword`).
    public static let adminUsername = "admin"

    static let users: [(username: String, first: String, last: String, email: String)] = [
        ("ada", "Ada", "Lovelace", "ada@example.com"),
        ("alan", "Alan", "Turing", "alan@example.com"),
        ("grace", "Grace", "Hopper", "grace@example.com"),
        ("zoë", "Zoë", "Ågren", "zoe@example.com"),
    ]

    /// Name, description, owner, other members (username, admin?).
    static let accounts: [(name: String, description: String, owner: String, members: [(String, Bool)])] = [
        ("Analytical Engine", "Notes on the engine — «tissé» like a Jacquard loom", "ada", [("alan", false), ("grace", true)]),
        ("Bletchley Park", "Hut 8", "alan", [("ada", false)]),
        ("Harvard Mark I", "", "grace", []),
    ]

    static let notes: [(title: String, body: String, author: String)] = [
        ("Note G", "The engine might compose elaborate pieces of music ♪", "ada"),
        ("Über berechenbare Zahlen", "On computable numbers, with an application to the Entscheidungsproblem", "alan"),
        ("バグ発見 🐛", "First actual case of bug being found.", "grace"),
        ("Café ☕", "Prix : 2,50 € — « très bon »", "zoë"),
        ("Привет, мир", "Hello, world in Russian", "admin"),
    ]

    /// What was loaded, for the terminal.
    public struct Report: Sendable {
        /// Generated for this load; stored only as a hash, so this report is the one place it shows.
        public let adminPassword: String
        public let adminToken: String
        public let tokens: [(username: String, key: String)]

        public var summary: String {
            var lines = [
                "demo data loaded: \(tokens.count) users, \(DemoData.accounts.count) accounts, \(DemoData.notes.count) notes, "
                    + "\(DemoData.tags.count) tags, \(DemoData.projects.count) projects, \(DemoData.taskCount) tasks",
                "admin (staff): username \(DemoData.adminUsername), password \(adminPassword), token \(adminToken)",
                "  (the password is generated and shown only now; the tokens: `api-admin token USERNAME`)",
            ]
            for (username, key) in tokens where username != DemoData.adminUsername {
                lines.append("  \(username): token \(key)")
            }
            return lines.joined(separator: "\n")
        }
    }

    /// Loads everything in one transaction; refuses (`AdminError`) when a demo user exists.
    public static func load(with admin: ReferenceAdmin) throws -> Report {
        try admin.connection.transaction { connection in
            var ids: [String: Int64] = [:]
            var tokens: [(String, String)] = []
            let adminPassword = PasswordHasher.makeRandomPassword()
            let (root, rootToken) = try admin.createUser(
                adminUsername, staff: true, password: .set(adminPassword),
                email: "admin@example.com", firstName: "Admin")
            ids[root.username] = root.id
            tokens.append((root.username, rootToken.key))
            for user in users {
                let (created, token) = try admin.createUser(
                    user.username, email: user.email, firstName: user.first,
                    lastName: user.last)
                ids[created.username] = created.id
                tokens.append((created.username, token.key))
            }
            var accountIDs: [String: Int64] = [:]
            for account in accounts {
                let owner = ids[account.owner]!
                let row = try Account.objects(on: connection).insert([
                    "name": .string(account.name), "description": .string(account.description), "owner_id": .int(owner),
                ])
                accountIDs[account.name] = row.id
                for (username, isAdmin) in [(account.owner, true)] + account.members {
                    _ = try AccountMember.objects(on: connection).insert([
                        "account_id": .int(row.id), "user_id": .int(ids[username]!), "is_admin": .bool(isAdmin),
                    ])
                }
            }
            for note in notes {
                _ = try Note.objects(on: connection).insert([
                    "title": .string(note.title), "body": .string(note.body), "author_id": .int(ids[note.author]!),
                ])
            }
            try loadProjects(users: ids, accounts: accountIDs, on: connection)
            return Report(adminPassword: adminPassword, adminToken: rootToken.key, tokens: tokens)
        }
    }
}
