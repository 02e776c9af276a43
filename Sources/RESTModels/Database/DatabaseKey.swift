import PostgreSQL
import RESTFramework

/// Where a request carries its worker's database connection. The server opens one
/// `Connection` per worker thread and attaches it to each request that thread serves:
///
///     request.extensions[DatabaseKey.self] = connection
///     let response = app.handle(request)
///
/// Querysets of the generic views bind to it (`QuerySet.bound(to:)`), views reach it with
/// `request.database` or `M.objects(on: request)`, serializers and validators with
/// `context.database` (a serializer's context copies the request's extensions).
public enum DatabaseKey: RequestExtensionKey {
    public typealias Value = Connection
}

extension Request {
    /// This request's database connection. Without one (the worker could not connect, or the
    /// server attaches none) it throws `DatabaseUnavailable`: a 503 the client may retry.
    public var database: Connection {
        get throws {
            guard let connection = extensions[DatabaseKey.self] else {
                throw DatabaseUnavailable("Service temporarily unavailable, try again later.")
            }
            return connection
        }
    }
}

extension SerializerContext {
    /// The database connection of the request the serializer serves (see `Request.database`).
    public var database: Connection {
        get throws {
            guard let connection = extensions[DatabaseKey.self] else {
                throw DatabaseUnavailable("Service temporarily unavailable, try again later.")
            }
            return connection
        }
    }
}
