// The `///` example of RESTServer's internal ApplicationResponder, compiled (DocCommentExampleTests
// finds it here).
import FastCGI
import PostgreSQL
import RESTFramework
import RESTModels
@testable import RESTServer

enum RESTServerInternalExamples {
    // ApplicationResponder
    static func responder(configuration: ServerConfiguration, app: Application) throws {
        let server = try FastCGIServer(configuration: configuration) { _ in
            ApplicationResponder(application: app, database: PostgresConfiguration.fromEnvironment())
        }
        _ = server
    }

    // APIServerCheck
    static func check(application: Application, models: [any Model.Type], database: PostgresConfiguration?) {
        let passed = APIServerCheck(program: "my-api", application: application, models: models,
                                    database: database, migrationsDirectory: "db/migrations").run()
        _ = passed
    }
}
