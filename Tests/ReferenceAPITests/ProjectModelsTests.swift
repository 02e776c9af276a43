import Foundation
import PostgreSQL
import ReferenceAPI
import RESTFramework
import RESTModels
import RESTTesting
import TestSupport
import Testing

/// The part-2 models (Tag, Project, Task) over migrations/0002_projects.sql, read back from the
/// demo data the way the part-2 viewsets will read them: the counts annotated, the to-one
/// relations selected in the same statement, the tags prefetched.
@Suite(.needsTestsRun) struct ProjectModelsTests {
    static func loaded() throws -> ReferenceClient {
        let client = try ReferenceClient(seed: false)
        let admin = ReferenceAdmin(connection: client.connection, configuration: ReferenceConfiguration(passwordIterations: 3))
        _ = try DemoData.load(with: admin)
        return client
    }

    @Test func projectsReadWithTheirCountsAccountAndLead() throws {
        let client = try Self.loaded()
        let projects = try Project.objects(on: client.connection)
            .annotate(["task_count": Count("tasks"), "open_task_count": Count("tasks", filter: .field("done", .exact(false)))])
            .selectRelated("account", "lead")
            .orderBy("name", "id")
            .all()
        #expect(projects.map(\.name) == ["Bombe", "Compiler A-0", "Difference Engine No. 2", "Jacquard cards"])
        #expect(projects.map(\.taskCount) == [2, 2, 3, 1] && projects.map(\.openTaskCount) == [0, 2, 2, 1])
        #expect(
            projects.map { $0.account.instance?.name } == ["Bletchley Park", "Harvard Mark I", "Analytical Engine", "Analytical Engine"])
        #expect(projects.map { $0.lead?.instance?.username } == ["alan", "grace", "ada", nil])
        #expect(projects.map(\.status) == [.done, .active, .active, .planned])
        #expect(projects.map { $0.budget?.description } == ["4000.00", nil, "1250.00", nil])
        #expect(
            projects[2].starts == CalendarDate(year: 2026, month: 1, day: 5)
                && projects[2].ends == CalendarDate(year: 2026, month: 6, day: 30))
        #expect(projects[2].settings == .object([("color", .string("brass")), ("gears", .int(31))]))
        #expect(projects[3].settings == .object([]) && projects[3].created == projects[3].updated)
        // Without the annotation the counts read 0, as the answer to a create shows them.
        #expect(try Project.objects(on: client.connection).all().map(\.taskCount) == [0, 0, 0, 0])
    }

    @Test func tasksReadWithTheirProjectAssigneeAndTagsInSlugOrder() throws {
        let client = try Self.loaded()
        let tasks = try Task.objects(on: client.connection)
            .filter(.field("tags__slug", .exact("urgent")))
            .selectRelated("project", "project__account", "assignee")
            .prefetchRelated("tags")
            .orderBy("id")
            .all()
        #expect(tasks.map(\.title) == ["Cast the gear wheels", "Test the menu against a crib", "Find the moth 🐛"])
        #expect(tasks.map { $0.tags.all?.map(\.slug) } == [["backend", "urgent"], ["research", "urgent"], ["urgent"]])
        #expect(tasks.map { $0.project.instance?.account.instance?.name } == ["Analytical Engine", "Bletchley Park", "Harvard Mark I"])
        #expect(tasks.map { $0.assignee?.instance?.username } == ["grace", "ada", "grace"])
        #expect(tasks.map(\.priority.displayName) == ["high", "normal", "high"])
        #expect(tasks.map { $0.estimate.map { String(describing: $0) } } == ["2 days 04:00:00", "06:00:00", "00:15:00"])
        #expect(tasks[0].due == CalendarDate(year: 2026, month: 2, day: 1) && tasks[1].due == nil)
        // The reverse relation: a project's tasks.
        let bombe = try Project.objects(on: client.connection).filter(.field("name", .exact("Bombe"))).prefetchRelated("tasks").get()
        #expect(bombe.tasks.all?.map(\.title).sorted() == ["Test the menu against a crib", "Wire the drums"])
    }

    /// The choices a ChoiceField and OPTIONS will show: the spec's values and display names.
    @Test func enumColumnsCarryTheSpecsChoices() {
        let status = Project.columns.first { $0.name == "status" }?.choices
        #expect(
            status == [
                Choice(value: "planned", displayName: "Planned"), Choice(value: "active", displayName: "Active"),
                Choice(value: "done", displayName: "Done"),
            ])
        let priority = Task.columns.first { $0.name == "priority" }?.choices
        #expect(
            priority == [
                Choice(value: .int(1), displayName: "high"), Choice(value: .int(2), displayName: "normal"),
                Choice(value: .int(3), displayName: "low"),
            ])
        #expect(Task.modelName == "Task" && Project.modelName == "Project" && Tag.ordering.map(\.field) == ["slug"])
    }
}
