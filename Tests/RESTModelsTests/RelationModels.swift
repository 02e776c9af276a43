import PostgreSQL
import RESTFramework
import RESTModels

// Models shaped like the part-2 spec's (shared/spec/reference-api-2.md, "Schema"): tags,
// projects, tasks and Django's task_tags join table, on the reference accounts and users
// (bigint keys here; the spec's projects have uuid keys once that column type lands).

struct Tag: Model, Identifiable {
    var id: Int64
    var slug: String
    var name: String

    static let tableName = "tags"
    static let ordering = [OrderTerm("slug")]
    static let columns: [Column<Tag>] = [Column("id", \.id), Column("slug", \.slug), Column("name", \.name)]

    init(row: ModelRow) throws { id = try row["id"]; slug = try row["slug"]; name = try row["name"] }
}

struct Project: Model, Identifiable {
    var id: Int64
    var account: ForeignKey<Account>
    var name: String
    var lead: ForeignKey<User>?
    var tasks: RelatedSet<ProjectTask>

    static let tableName = "projects"
    static let columns: [Column<Project>] = [
        Column("id", \.id), Column("account_id", \.account), Column("name", \.name), Column("lead_id", \.lead),
    ]
    static let relations: [Relation<Project>] = [
        .foreignKey("account", \.account), .foreignKey("lead", \.lead),
        .reverse("tasks", \.tasks, column: "project_id"),
    ]

    init(row: ModelRow) throws {
        id = try row["id"]; account = try row["account_id"]; name = try row["name"]; lead = try row["lead_id"]
        tasks = .notLoaded
    }
}

/// The spec's `tasks` (not `Task`, which is Swift's).
struct ProjectTask: Model, Identifiable {
    var id: Int64
    var project: ForeignKey<Project>
    var title: String
    var assignee: ForeignKey<User>?
    var done: Bool
    var tags: RelatedSet<Tag>

    static let tableName = "tasks"
    static let modelName = "Task"
    static let columns: [Column<ProjectTask>] = [
        Column("id", \.id), Column("project_id", \.project), Column("title", \.title),
        Column("assignee_id", \.assignee), Column("done", \.done),
    ]
    static let relations: [Relation<ProjectTask>] = [
        .foreignKey("project", \.project), .foreignKey("assignee", \.assignee),
        .manyToMany("tags", \.tags, through: "task_tags", source: "task_id", target: "tag_id"),
    ]

    init(row: ModelRow) throws {
        id = try row["id"]; project = try row["project_id"]; title = try row["title"]
        assignee = try row["assignee_id"]; done = try row["done"]
        tags = .notLoaded
    }
}

/// A one-to-one on users, to see the reverse side single.
struct Profile: Model, Identifiable {
    var id: Int64
    var user: ForeignKey<User>
    var bio: String

    static let tableName = "profiles"
    static let columns: [Column<Profile>] = [Column("id", \.id), Column("user_id", \.user), Column("bio", \.bio)]
    static let relations: [Relation<Profile>] = [.oneToOne("user", \.user)]

    init(row: ModelRow) throws { id = try row["id"]; user = try row["user_id"]; bio = try row["bio"] }
}

/// Users seen from their profile (the reverse one-to-one), as a second model of `users`.
struct Member: Model, Identifiable {
    var id: Int64
    var username: String
    var profile: RelatedObject<Profile>

    static let tableName = "users"
    static let columns: [Column<Member>] = [Column("id", \.id), Column("username", \.username)]
    static let relations: [Relation<Member>] = [.reverseOneToOne("profile", \.profile, column: "user_id")]

    init(row: ModelRow) throws { id = try row["id"]; username = try row["username"]; profile = .notLoaded }
}

enum RelationSchema {
    /// The reference schema (users, accounts) and the spec's project tables, `ON DELETE` as the spec says.
    static var sql: String {
        ReferenceSchema.sql + """

            CREATE TABLE tags (id bigserial PRIMARY KEY, slug varchar(50) NOT NULL UNIQUE, name varchar(100) NOT NULL);
            CREATE TABLE projects (
                id bigserial PRIMARY KEY,
                account_id bigint NOT NULL REFERENCES accounts ON DELETE CASCADE,
                name varchar(100) NOT NULL, UNIQUE (account_id, name),
                lead_id bigint NULL REFERENCES users ON DELETE SET NULL);
            CREATE TABLE tasks (
                id bigserial PRIMARY KEY,
                project_id bigint NOT NULL REFERENCES projects ON DELETE CASCADE,
                title varchar(200) NOT NULL,
                assignee_id bigint NULL REFERENCES users ON DELETE SET NULL,
                done boolean NOT NULL DEFAULT false);
            CREATE TABLE task_tags (
                id bigserial PRIMARY KEY,
                task_id bigint NOT NULL REFERENCES tasks ON DELETE CASCADE,
                tag_id bigint NOT NULL REFERENCES tags ON DELETE CASCADE, UNIQUE (task_id, tag_id));
            CREATE TABLE profiles (id bigserial PRIMARY KEY, user_id bigint NOT NULL UNIQUE REFERENCES users ON DELETE CASCADE, bio text NOT NULL);
            """
    }

    /// Users ada, alan, grace, linus; accounts Acme (ada's) and Globex (alan's); projects
    /// Apollo (Acme, lead grace), Borealis (Globex, no lead), Cygnus (Acme, lead ada); tags
    /// backend, frontend, urgent.
    struct Seed {
        var users: [User]
        var accounts: [Account]
        var projects: [Project]
        var tags: [Tag]
    }

    static func seed(_ connection: Connection) throws -> Seed {
        let users = try seedUsers(connection)
        let accounts = try [
            Account.objects(on: connection).insert(["name": "Acme", "owner_id": .int(users[0].id)]),
            Account.objects(on: connection).insert(["name": "Globex", "owner_id": .int(users[1].id)]),
        ]
        let projects = Project.objects(on: connection)
        let seeded = try [
            projects.insert(["account": .int(accounts[0].id), "name": "Apollo", "lead": .int(users[2].id)]),
            projects.insert(["account": .int(accounts[1].id), "name": "Borealis"]),
            projects.insert(["account": .int(accounts[0].id), "name": "Cygnus", "lead": .int(users[0].id)]),
        ]
        let tags = try ["urgent", "backend", "frontend"].map {
            try Tag.objects(on: connection).insert(["slug": .string($0), "name": .string($0.capitalized)])
        }
        return Seed(users: users, accounts: accounts, projects: seeded, tags: tags)
    }
}
