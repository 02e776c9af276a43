import PostgreSQL
import RESTFramework

/// Which database a read uses, as Django's `using("replica")` names one.
public enum DatabaseChoice: Sendable, Equatable {
    /// The primary: sees every committed write at once.
    case primary
    /// A healthy read replica that has the client's last write (see `ReadReplicaRouter`); the
    /// primary when there is none, or no replicas are configured.
    case replica
}

extension Request {
    /// The connection this request's querysets read from: a read replica when the method is
    /// safe (GET, HEAD, OPTIONS), the view does not declare `writesOnSafeMethods`, and a
    /// healthy replica has the client's last write; else the primary (`database`). What
    /// `Model.objects(on: request)` and the generic views' querysets are bound to. Writes,
    /// locks and transactions of a queryset bound to a replica still run on the primary.
    public var readDatabase: Connection {
        get throws {
            let primary = try database
            // Without replicas the router is never attached: one load that finds nil.
            guard let router = readRouting as? ReadReplicaRouter, method.isSafe, !readsFromPrimary else { return primary }
            return router.replica(for: self, primary: primary) ?? primary
        }
    }

    /// Django's `using()`: the primary, or a replica whatever the method (a report in a POST
    /// that may read slightly stale data). `.replica` is the primary when no replica qualifies.
    ///
    ///     let notes = try Note.objects.using(request.database(.replica)).count()
    public func database(_ choice: DatabaseChoice) throws -> Connection {
        let primary = try database
        guard choice == .replica, let router = readRouting as? ReadReplicaRouter else { return primary }
        return router.replica(for: self, primary: primary) ?? primary
    }
}

extension Model {
    /// A queryset on the database `choice` names (Django's `Model.objects.using(...)`).
    ///
    ///     let fresh = try Note.objects(on: request, using: .primary).get(pk: .int(id))
    public static func objects(on request: Request, using choice: DatabaseChoice) throws -> QuerySet<Self> {
        QuerySet(connection: try request.database(choice))
    }
}

extension QuerySet {
    /// Django's `using()` for a bound queryset: `.primary` moves its reads to the primary (a
    /// read that must see what this request or another just wrote); `.replica` leaves it as it
    /// is (bound by `objects(on: request)`, a safe request's queryset reads from a replica
    /// already; for a replica in another request, `Model.objects(on: request, using: .replica)`).
    ///
    ///     let current = try Note.objects(on: request).using(.primary).get(pk: .int(id))
    public func using(_ choice: DatabaseChoice) -> QuerySet {
        guard choice == .primary, let connection, connection.isReplica else { return self }
        return QuerySet(query, connection: connection.primary)
    }
}
