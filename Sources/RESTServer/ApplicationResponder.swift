import FastCGI
import Logging
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
    /// What `request.logger` starts from: the server's log (nil: the process's `LoggingSystem`).
    let logger: Logger?
    /// When the server keeps metrics: the label of the route that answered goes with the response.
    let routeLabels: RouteLabels?

    init(
        application: Application, database: PostgresConfiguration?, modelCheck: DeferredModelCheck? = nil, log: ServerLog? = nil,
        routeLabels: RouteLabels? = nil, replicas: ReplicaRouting? = nil
    ) {
        self.application = application
        self.database = WorkerDatabase(configuration: database, modelCheck: modelCheck, replicas: replicas)
        logger = log.map { log in Logger(label: RESTFramework.Request.loggerLabel) { ServerLogHandler(label: $0, log: log) } }
        self.routeLabels = routeLabels
    }

    func respond(to request: FastCGI.Request) throws -> FastCGI.Response {
        let apiRequest = RESTFramework.Request(fastCGI: request, logger: logger)
        // Without a connection the request still runs: views that need none answer, the others
        // get `DatabaseUnavailable` (503) from `request.database`.
        let connection = database.current()
        if let connection { apiRequest.extensions[DatabaseKey.self] = connection }
        var matched = -1
        guard let router = database.replicaRouter else {
            var response = FastCGI.Response(application.handle(apiRequest, matchedPattern: &matched))
            if let routeLabels { response.metricsRoute = routeLabels.metricsRoute(forPattern: matched) }
            return response
        }
        // Read replicas: the request's querysets read through the router; a write sends the
        // client the primary's position (read-your-writes).
        router.beginRequest()
        apiRequest.readRouting = router
        var rendered = application.handle(apiRequest, matchedPattern: &matched)
        for (name, value) in router.readAfterWriteHeaders(after: apiRequest, status: rendered.status, primary: connection) {
            rendered.headers.add(name, value)
        }
        var response = FastCGI.Response(rendered)
        if let routeLabels { response.metricsRoute = routeLabels.metricsRoute(forPattern: matched) }
        return response
    }
}

extension RESTFramework.Request {
    /// The framework's view of a FastCGI request. Header names arrive as the web server wrote
    /// them into `HTTP_*` params (lower case, `-` for `_`); lookups are case-insensitive anyway.
    /// The headers are the FastCGI request's own value (one `Headers` type): no copy.
    convenience init(fastCGI request: FastCGI.Request, logger: Logger? = nil) {
        self.init(
            method: HTTPMethod(request.method), path: request.path, queryString: request.queryString,
            headers: request.headers, body: request.body, scheme: request.scheme, host: request.host,
            remoteAddress: request.remoteAddress, requestID: request.requestID, logger: logger)
    }
}

extension FastCGI.Response {
    init(_ rendered: RenderedResponse) {
        self.init(status: rendered.status, headers: rendered.headers, body: rendered.body)
    }
}
