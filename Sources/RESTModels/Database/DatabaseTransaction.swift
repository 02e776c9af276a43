import PostgreSQL
import RESTFramework

/// Django's `ATOMIC_REQUESTS = True`: each unsafe request's view runs in one transaction on the
/// request's connection (`request.database`), nested `transaction` calls becoming savepoints,
/// `onCommit` work running after the COMMIT (see `AtomicRequests`).
///
///     var settings = APISettings()
///     settings.atomicRequests = DatabaseTransaction()
///
///     // A view that writes, then refuses: both the INSERT and the refusal's 400 leave nothing.
///     let note = try Note.objects(on: request).insert(["title": "Hi", "author_id": .int(7)])
///     try request.database.onCommit { print("note \(note.id) saved") }   // only if it commits
///     throw ValidationError("Changed my mind.")
public struct DatabaseTransaction: AtomicRequests {
    /// The isolation level of each request's transaction; nil: the server's default.
    public var isolation: IsolationLevel?

    public init(isolation: IsolationLevel? = nil) { self.isolation = isolation }

    public func atomic<T>(_ request: Request, _ body: () throws -> T) throws -> T {
        try request.database.transaction(isolation: isolation) { _ in try body() }
    }
}
