import Commands
import Migrations
import PostgreSQL
import RESTFramework
import RESTModels

/// `check`: what `serve` would find wrong, found before it serves. Each part prints one line
/// (stdout when it passes, stderr when not), and every part runs even after one failed, so one
/// run lists everything to fix.
///
///     let passed = APIServerCheck(program: "my-api", application: application, models: models,
///                                 database: database, migrationsDirectory: "db/migrations").run()
struct APIServerCheck {
    let program: String
    let application: Application
    let models: [any Model.Type]
    let database: PostgresConfiguration?
    let migrationsDirectory: String

    /// True when every part passed.
    func run() -> Bool {
        var passed = true
        func report(_ ok: Bool, _ line: String) {
            if ok { CommandOutput.line("\(program): \(line)") } else { CommandOutput.error("\(program): \(line)") }
            passed = passed && ok
        }
        // The URL conf was built with the application (a misconfiguration threw there); the
        // table makes a view of each route, as a request would.
        _ = application.urls.routeTable
        report(true, "urls: \(application.urls.patterns.count) route(s)")
        report(true, "serializers: \(serializerCount()) built")
        guard let database else {
            report(false, "check needs a database (DATABASE_URL)")
            return false
        }
        let connection: Connection
        do {
            connection = try Connection(configuration: database)
        } catch {
            report(false, "cannot reach the database: \(error)")
            return false
        }
        do {
            if let difference = try ModelCheck.report(of: models, on: connection) {
                report(false, difference.hasSuffix("\n") ? String(difference.dropLast()) : difference)
            } else {
                report(true, "models: \(models.count) match the database")
            }
        } catch {
            report(false, "cannot check the models: \(error)")
        }
        do {
            let state = MigrationState(try Migrator(connection: connection, directory: migrationsDirectory).status())
            for entry in state.problems { report(state.isUpToDate, entry.line) }
            report(state.isUpToDate, state.summary)
        } catch MigrationError.directoryNotFound(let path) {
            report(false, "no migrations folder at \(path) (pass --migrations-dir PATH)")
        } catch {
            report(false, "cannot check the migrations: \(error)")
        }
        return passed
    }

    /// Each generic view's serializer class, instantiated once: a field declaration that cannot
    /// be built (a ModelSerializer naming a field the model lacks) shows here, not on the first
    /// request. Views that choose theirs per request (`getSerializerClass()`) are left to it.
    private func serializerCount() -> Int {
        var seen: Set<ObjectIdentifier> = []
        for pattern in application.urls.patterns {
            guard let view = pattern.endpoint.makeView() as? any DeclaresSerializerClass, let serializerClass = view.serializerClass else {
                continue
            }
            guard seen.insert(ObjectIdentifier(serializerClass)).inserted else { continue }
            _ = serializerClass.init().fields.count
        }
        return seen.count
    }
}

/// A generic view's declared serializer class, whatever its queryset type (GenericAPIView is
/// generic, so `check` cannot cast to it).
protocol DeclaresSerializerClass {
    var serializerClass: Serializer.Type? { get }
}

extension GenericAPIView: DeclaresSerializerClass {}
