/// Answers requests on one worker thread.
///
/// Each worker creates its own responder through a `ResponderFactory`, inside the worker thread,
/// and only that thread ever calls it: a responder may hold non-Sendable state (a database
/// connection, caches, prepared statements) without locks, and it need not be `Sendable`.
///
///     final class Hello: Responder {
///         let worker: Int
///         init(worker: Int) { self.worker = worker }
///         func respond(to request: Request) throws -> Response {
///             .json(200, #"{"worker":\#(worker)}"#)
///         }
///     }
///     let server = try FastCGIServer(configuration: configuration) { worker in Hello(worker: worker) }
///
/// A thrown error becomes a 500 with `{"detail":"A server error occurred."}`; it is logged and
/// the worker goes on serving.
public protocol Responder {
    mutating func respond(to request: Request) throws -> Response
}

/// Creates the responder of worker `workerIndex` (0-based). It runs on that worker's thread
/// before the worker accepts its first request; if it throws, the server does not start.
public typealias ResponderFactory = @Sendable (_ workerIndex: Int) throws -> any Responder

/// A responder made of a closure, for small servers and tests.
///
///     let factory: ResponderFactory = { _ in ClosureResponder { request in .text(200, request.path) } }
public struct ClosureResponder: Responder {
    let handler: (Request) throws -> Response

    public init(_ handler: @escaping (Request) throws -> Response) {
        self.handler = handler
    }

    public func respond(to request: Request) throws -> Response {
        try handler(request)
    }
}
