/// Django's `ATOMIC_REQUESTS`: one transaction around the view's work for each unsafe request
/// (POST, PUT, PATCH, DELETE). Its database writes commit together when the view returns; an
/// error it throws (a `ValidationError` raised after a write included) rolls them all back
/// before the exception handler answers, as DRF's `set_rollback()` does. Safe methods (GET,
/// HEAD, OPTIONS) take no transaction, so reads pay nothing.
///
/// The framework has no database; the model layer supplies the transaction:
///
///     settings.atomicRequests = DatabaseTransaction()   // RESTModels: the request's connection
///
/// A view overrides the setting with its `atomicRequests` class property; `NonAtomicRequests()`
/// is Django's `@non_atomic_requests`.
public protocol AtomicRequests: Sendable {
    /// Runs `body` (authentication, permissions and the handler of one request) in one
    /// transaction: committed when it returns, rolled back when it throws (the error rethrown).
    func atomic<T>(_ request: Request, _ body: () throws -> T) throws -> T
}

/// Django's `@transaction.non_atomic_requests`: a view that runs without the transaction the
/// settings ask for.
///
///     override class var atomicRequests: (any AtomicRequests)? { NonAtomicRequests() }
public struct NonAtomicRequests: AtomicRequests {
    public init() {}
    public func atomic<T>(_ request: Request, _ body: () throws -> T) throws -> T { try body() }
}
