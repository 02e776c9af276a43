import FastCGI
import PostgreSQL
import RESTFramework
import RESTModels

/// Serves an `Application` on one worker thread: turns the FastCGI request into the framework's
/// `Request`, attaches the worker's database connection, and writes the rendered response back.
///
///     let server = try FastCGIServer(configuration: configuration) { _ in
///         ApplicationResponder(application: app, database: PostgresConfiguration.fromEnvironment())
///     }
struct ApplicationResponder: Responder {
    let application: Application
    let database: WorkerDatabase

    init(application: Application, database: PostgresConfiguration?) {
        self.application = application
        self.database = WorkerDatabase(configuration: database)
    }

    func respond(to request: FastCGI.Request) throws -> FastCGI.Response {
        let apiRequest = RESTFramework.Request(fastCGI: request)
        // Without a connection the request still runs: views that need none answer, the others
        // get `DatabaseUnavailable` (503) from `request.database`.
        if let connection = database.current() { apiRequest.extensions[DatabaseKey.self] = connection }
        return FastCGI.Response(application.handle(apiRequest))
    }
}

extension RESTFramework.Request {
    /// The framework's view of a FastCGI request. Header names arrive as the web server wrote
    /// them into `HTTP_*` params (lower case, `-` for `_`); lookups are case-insensitive anyway.
    convenience init(fastCGI request: FastCGI.Request) {
        var fields: [(name: String, value: String)] = []
        fields.reserveCapacity(request.headers.fields.count)
        for field in request.headers.fields { fields.append((name: field.name, value: field.value)) }
        let headers = Headers(fields: fields)
        self.init(method: HTTPMethod(request.method), path: request.path, queryString: request.queryString,
                  headers: headers, body: request.body, scheme: request.scheme, host: request.host,
                  remoteAddress: request.remoteAddress)
    }
}

extension FastCGI.Response {
    init(_ rendered: RenderedResponse) {
        var headers = HTTPHeaders()
        for field in rendered.headers { headers.add(field.name, field.value) }
        self.init(status: rendered.status, headers: headers, body: rendered.body)
    }
}
