// Sources/my-api/main.swift
import RESTServer
// The `///` examples of Sources/RESTServer, compiled (DocCommentExampleTests finds them here).
// The two lines above are APIServerMain's example; ApplicationResponder's (internal) is in
// RESTServerInternalExamples.swift.
import FastCGI
import PostgreSQL
import RESTFramework

private enum MyAPI {
    static func application() throws -> Application { Application(urls: try URLConf([])) }
}

enum RESTServerExamples {
    // APIServerMain
    static func main() {
        APIServerMain.run(program: "my-api") { try MyAPI.application() }
    }
}
