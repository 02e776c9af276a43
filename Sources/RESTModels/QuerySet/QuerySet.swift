import PostgreSQL
import RESTFramework

/// Django's `QuerySet`: a lazy, composable value over a model's table. Composing (`filter`,
/// `exclude`, `orderBy`, slicing) builds a `ModelQuery`; nothing runs until an executing method
/// (`all`, `count`, `exists`, `get`, `first`, `fetch`, `insert`, `update`, `delete`), which
/// compiles the whole query to one SQL statement with bound parameters and runs it on the
/// connection given by `using(_:)`.
///
///     let recent = try User.objects(on: request)
///         .exclude(.field("last_login", .isNull(true)))
///         .orderBy([OrderTerm("-last_login", nulls: .last), OrderTerm("id")])
///         .limit(10)
///         .all()
///
/// It is the `Queryable` the generic views, paginators and filter backends work with:
///
///     final class UserViewSet: ModelViewSet<QuerySet<User>> {
///         override class var queryset: QuerySet<User>? { User.objects.orderBy("id") }   // bound per request
///     }
///
/// Not `Sendable`: a bound queryset holds its worker's `Connection`. Its `query` is.
public struct QuerySet<M: Model>: Queryable, DeletableQueryable, NamedQueryable, RequestBindableQueryable {
    public typealias Element = M

    public internal(set) var query: ModelQuery<M>
    /// The connection statements run on; nil until `using(_:)`.
    public let connection: Connection?

    public init(_ query: ModelQuery<M> = ModelQuery(), connection: Connection? = nil) {
        self.query = query
        self.connection = connection
    }

    public static var modelName: String { M.modelName }

    // MARK: Binding

    /// This queryset on `connection` (Django's `using()`).
    public func using(_ connection: Connection) -> QuerySet { QuerySet(query, connection: connection) }

    /// Bound to the request's connection for reads (`request.readDatabase`: a read replica
    /// for a safe request when replicas are configured, else `request.database`), unless
    /// already bound.
    public func bound(to request: Request) throws -> QuerySet {
        connection == nil ? using(try request.readDatabase) : self
    }

    func requireConnection() throws -> Connection {
        guard let connection else { throw ModelError.notBound(model: M.modelName) }
        return connection
    }

    /// Where writes, locks and transactions run: the primary, also for a queryset bound to a
    /// read replica.
    func requirePrimary() throws -> Connection {
        guard let connection else { throw ModelError.notBound(model: M.modelName) }
        return connection.primary
    }

    // MARK: Composition

    public func filter(_ predicate: Predicate) -> QuerySet {
        QuerySet(query.filtered(predicate), connection: connection)
    }

    /// Django's `exclude()`: the rows where `predicate` is not true (rows with NULL in the field kept).
    public func exclude(_ predicate: Predicate) -> QuerySet { filter(.not(predicate)) }

    /// Replaces the ordering; an empty list leaves the rows unordered (Django's `order_by()`).
    public func orderBy(_ terms: [OrderTerm]) -> QuerySet {
        QuerySet(query.ordered(terms), connection: connection)
    }

    /// The ordering in force: the explicit one, else the model's `ordering`.
    public var ordering: [OrderTerm] { query.ordering }

    /// Django's `qs[:n]`: at most `n` rows.
    public func limit(_ count: Int) -> QuerySet { QuerySet(query.sliced(offset: 0, limit: count), connection: connection) }

    /// Django's `qs[n:]`: skips `n` rows.
    public func offset(_ count: Int) -> QuerySet { QuerySet(query.sliced(offset: count, limit: nil), connection: connection) }

    /// Django's `qs[a:b]`.
    public subscript(range: Range<Int>) -> QuerySet {
        QuerySet(query.sliced(offset: range.lowerBound, limit: range.count), connection: connection)
    }

    /// Django's `values_list(column, flat=True)` as a subquery for `Predicate.inSubquery`.
    public func values(_ column: String) -> ModelSubquery { ModelSubquery(query, column: column) }
}

extension Model {
    /// Django's `Model.objects`: an unbound queryset over every row.
    ///
    ///     override class var queryset: QuerySet<User>? { User.objects.orderBy("id") }
    public static var objects: QuerySet<Self> { QuerySet() }

    /// A queryset bound to the request's database connection: for reads `request.readDatabase`
    /// (a read replica on a safe request, when configured); its writes go to the primary.
    ///
    ///     override func getQueryset() throws -> QuerySet<Account> {
    ///         try Account.objects(on: request).filter(.inSubquery("id", memberships)).orderBy("id")
    ///     }
    public static func objects(on request: Request) throws -> QuerySet<Self> {
        QuerySet(connection: try request.readDatabase)
    }

    /// A queryset bound to the serializer's database connection (validators, `create`).
    public static func objects(on context: SerializerContext) throws -> QuerySet<Self> {
        QuerySet(connection: try context.database)
    }

    /// A queryset bound to `connection`.
    public static func objects(on connection: Connection) -> QuerySet<Self> { QuerySet(connection: connection) }
}
