import PostgreSQL
import RESTFramework
import RESTModels

/// Part 2's demo rows (shared/spec/reference-api-2.md): tags, a few projects per account and
/// their tasks, loaded by `DemoData.load` in the same transaction as part 1's, so a refused
/// load leaves none of them either.
extension DemoData {
    static let tags: [(slug: String, name: String)] = [
        ("backend", "Backend"), ("docs", "Documentation"), ("frontend", "Frontend"), ("research", "Research"),
        ("urgent", "Urgent ⚡"),
    ]

    struct DemoProject {
        var account: String
        var name: String
        var lead: String?
        var status: ProjectStatus
        var budget: String?
        var starts: String?
        var ends: String?
        var settings: JSON
        /// Title, assignee, priority, done, due, estimate (Django's duration text), tag slugs.
        var tasks: [(String, String?, TaskPriority, Bool, String?, String?, [String])]
    }

    static let projects: [DemoProject] = [
        DemoProject(
            account: "Analytical Engine", name: "Difference Engine No. 2", lead: "ada", status: .active,
            budget: "1250.00", starts: "2026-01-05", ends: "2026-06-30",
            settings: .object([("color", .string("brass")), ("gears", .int(31))]),
            tasks: [
                ("Cast the gear wheels", "grace", .high, false, "2026-02-01", "2 04:00:00", ["backend", "urgent"]),
                ("Draw the printing apparatus", "ada", .normal, true, "2026-01-20", "01:30:00", ["frontend"]),
                ("Write Note G's table", nil, .low, false, nil, nil, ["docs", "research"]),
            ]),
        DemoProject(
            account: "Analytical Engine", name: "Jacquard cards", lead: nil, status: .planned,
            budget: nil, starts: nil, ends: nil, settings: .object([]),
            tasks: [("Punch the first deck", "alan", .normal, false, "2026-03-15", "00:45:00", [])]),
        DemoProject(
            account: "Bletchley Park", name: "Bombe", lead: "alan", status: .done,
            budget: "4000.00", starts: "2025-03-01", ends: "2025-11-30",
            settings: .object([("rotors", .array([.int(1), .int(2), .int(3)])), ("menu", .string("crib « wetter »"))]),
            tasks: [
                ("Wire the drums", "alan", .high, true, "2025-05-01", "3 00:00:00", ["backend"]),
                ("Test the menu against a crib", "ada", .normal, true, nil, "06:00:00", ["research", "urgent"]),
            ]),
        DemoProject(
            account: "Harvard Mark I", name: "Compiler A-0", lead: "grace", status: .active,
            budget: nil, starts: "2026-02-01", ends: nil, settings: .object([("language", .string("FLOW-MATIC"))]),
            tasks: [
                ("Find the moth 🐛", "grace", .high, false, "2026-02-10", "00:15:00", ["urgent"]),
                ("Document the subroutines", "zoë", .low, false, nil, nil, ["docs"]),
            ]),
    ]

    static var taskCount: Int { projects.reduce(0) { $0 + $1.tasks.count } }

    /// Inserts the tags, projects and tasks; `users` and `accounts` map names to the ids just made.
    static func loadProjects(users: [String: Int64], accounts: [String: Int64], on connection: Connection) throws {
        var tagsBySlug: [String: Tag] = [:]
        for tag in tags {
            tagsBySlug[tag.slug] = try Tag.objects(on: connection).insert(["slug": .string(tag.slug), "name": .string(tag.name)])
        }
        for project in projects {
            let row = try Project.objects(on: connection).insert([
                "account": .int(try id(project.account, in: accounts)), "name": .string(project.name),
                "lead": try project.lead.map { .int(try id($0, in: users)) } ?? .null,
                "status": .string(project.status.rawValue), "budget": text(project.budget), "starts": text(project.starts),
                "ends": text(project.ends), "settings": .jsonValue(project.settings),
            ])
            for (title, assignee, priority, done, due, estimate, slugs) in project.tasks {
                let task = try Task.objects(on: connection).insert([
                    "project": .uuid(row.id), "title": .string(title),
                    "assignee": try assignee.map { .int(try id($0, in: users)) } ?? .null,
                    "priority": .int(Int64(priority.rawValue)), "done": .bool(done), "due": text(due), "estimate": text(estimate),
                ])
                try task.related(\.tags, on: connection).set(try slugs.map { try value($0, in: tagsBySlug) })
            }
        }
    }

    private static func text(_ value: String?) -> FieldValue { value.map { .string($0) } ?? .null }

    private static func id(_ name: String, in ids: [String: Int64]) throws -> Int64 { try value(name, in: ids) }

    /// A name the demo data refers to; a missing one is a mistake in the tables above.
    private static func value<V>(_ name: String, in values: [String: V]) throws -> V {
        guard let found = values[name] else { throw AdminError("demo data: nothing named \"\(name)\" was loaded") }
        return found
    }
}
