import Foundation
import PostgreSQL
import RESTFramework
import RESTModels
import RESTTesting
import TestSupport

// A projects API over `AnnotatedProject`'s annotated queryset, with writes that register `onCommit`
// work and can refuse after writing, for the ATOMIC_REQUESTS and annotation tests.

/// What `onCommit` work recorded, with the connection's state when it ran.
/// `@unchecked Sendable`: `entries` is only touched while holding `lock`.
final class CommitLog: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []
    func record(_ entry: String) { lock.withLock { stored.append(entry) } }
    var entries: [String] { lock.withLock { stored } }
}

enum CommitLogKey: SettingsExtensionKey { typealias Value = CommitLog }

extension Connection {
    /// "<what> after commit" when run outside any transaction, as `onCommit` work must be.
    func afterCommit(_ what: String, log: CommitLog?) {
        onCommit { [unowned self] in
            log?.record(what + (self.transactionStatus == .idle && !self.isInTransaction ? " after commit" : " too early"))
        }
    }
}

final class ProjectSerializer: ModelSerializer<AnnotatedProject> {
    /// Creates and updates answer the annotations of the row written.
    override class var queryset: QuerySet<AnnotatedProject> { AnnotatedProject.annotated }
    override class var fields: [any SerializerField] {
        [
            IntegerField("id", readOnly: true), CharField("name", maxLength: 100), CharField("status", required: false),
            ReadOnlyField("task_count"), ReadOnlyField("open_task_count"), ReadOnlyField("top_priority"),
        ]
    }

    /// Registers work for after the commit, then refuses names starting "Refused": the write
    /// is already made when the error is raised.
    override func create(_ validatedData: ValidatedData) throws -> any FieldReadable {
        let created = try super.create(validatedData)
        let name = created.fieldValue("name")?.stringValue ?? ""
        try context.database.afterCommit("created \(name)", log: context.view?.settings.extensions[CommitLogKey.self])
        if name.hasPrefix("Refused") { throw ValidationError(["name": ["Refused after the write."]]) }
        return created
    }
}

class ProjectViewSet: ModelViewSet<QuerySet<AnnotatedProject>>, OrderableView {
    override class var queryset: QuerySet<AnnotatedProject>? { AnnotatedProject.annotated }
    override class var serializerClass: Serializer.Type? { ProjectSerializer.self }
    override class var filterBackends: [any FilterBackend]? { [OrderingFilter()] }
    var orderingFields: [String]? { ["name", "task_count", "top_priority", "id"] }
    var ordering: [String]? { nil }
    override class var extraActions: [ExtraAction] {
        [
            // Whether the view runs in a transaction.
            .action("state", detail: false, methods: [.get, .post]) { (view: ProjectViewSet, request) in
                Response(["in_transaction": .bool(try request.database.isInTransaction)])
            },
            .action("batch", detail: false, methods: [.post]) { (view: ProjectViewSet, request) in try view.batch(request) },
        ]
    }

    /// Savepoints as Django's nested `atomic` blocks: a failed inner one is undone with its
    /// `onCommit` work, a released one is kept; `?fail=1` refuses at the end.
    func batch(_ request: Request) throws -> Response {
        let database = try request.database
        let log = settings.extensions[CommitLogKey.self]
        let projects = AnnotatedProject.objects(on: database)
        struct Undo: Error {}
        _ = try? database.transaction { connection in
            _ = try projects.insert(["name": "Dropped"])
            connection.afterCommit("dropped", log: log)
            throw Undo()
        }
        try database.transaction { connection in
            _ = try projects.insert(["name": "Kept"])
            connection.afterCommit("kept", log: log)
        }
        _ = try projects.insert(["name": "Outer"])
        database.afterCommit("outer", log: log)
        if request.query["fail"] == "1" { throw ValidationError("Refused after the writes.") }
        return Response(["in_transaction": .bool(database.isInTransaction)])
    }
}

/// Django's `@non_atomic_requests` on one view.
final class NonAtomicProjectViewSet: ProjectViewSet {
    override class var atomicRequests: (any AtomicRequests)? { NonAtomicRequests() }
}

/// A view asking for the transaction the settings do not.
final class AtomicProjectViewSet: ProjectViewSet {
    override class var atomicRequests: (any AtomicRequests)? { DatabaseTransaction() }
}

/// The projects API on a schema of its own, with `AnnotatedProject.schema` and the seeded rows.
struct ProjectAPI {
    let schema: TemporarySchema
    let app: Application
    let log = CommitLog()
    let errors = ErrorLines()
    let data: ProjectData

    init(atomicRequests: Bool) throws {
        schema = try TemporarySchema(url: TestEnvironment.databaseURL)
        try schema.connection.executeScript(AnnotatedProject.schema)
        data = try ProjectData.seed(schema.connection)
        var router = DefaultRouter()
        try router.register("projects", ProjectViewSet.self, basename: "project")
        try router.register("plain-projects", NonAtomicProjectViewSet.self, basename: "plain-project")
        try router.register("atomic-projects", AtomicProjectViewSet.self, basename: "atomic-project")
        var settings = APISettings()
        if atomicRequests { settings.atomicRequests = DatabaseTransaction() }
        settings.extensions[CommitLogKey.self] = log
        let errors = self.errors
        settings.errorLog = { errors.append($0) }
        app = Application(urls: try URLConf([.include("api/", router)]), settings: settings)
    }

    var client: APIClient { APIClient(app, database: schema.connection, defaultFormat: .json) }

    /// The stored project names, in order.
    func names() throws -> [String] { try AnnotatedProject.objects(on: schema.connection).orderBy("name").all().map(\.name) }

    static func with<T>(atomicRequests: Bool = true, _ body: (ProjectAPI) throws -> T) throws -> T {
        let api = try ProjectAPI(atomicRequests: atomicRequests)
        defer { try? api.schema.drop() }
        return try body(api)
    }
}
