// The `///` example of RESTServer's internal ApplicationResponder, compiled (DocCommentExampleTests
// finds it here).
import FastCGI
import PostgreSQL
import RESTFramework
@testable import RESTServer

enum RESTServerInternalExamples {
    // ApplicationResponder
    static func responder(configuration: ServerConfiguration, app: Application) throws {
        let server = try FastCGIServer(configuration: configuration) { _ in
            ApplicationResponder(application: app, database: PostgresConfiguration.fromEnvironment())
        }
        _ = server
    }
}
