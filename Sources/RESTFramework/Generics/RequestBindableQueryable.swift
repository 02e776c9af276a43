/// A queryset that needs something from the request before it can run: the model layer's
/// `QuerySet` takes the worker's database connection from `request.extensions`. The generic
/// views bind the class-level `queryset` in `requireQueryset(_:)` (the body of the default
/// `getQueryset()`), so a viewset declares it without knowing about connections:
///
///     final class UserViewSet: ModelViewSet<QuerySet<User>> {
///         override class var queryset: QuerySet<User>? { User.objects.orderBy("id") }   // bound per request
///     }
///
/// An overridden `getQueryset()` builds its queryset from the request itself
/// (`Account.objects(on: request)`).
public protocol RequestBindableQueryable: Queryable {
    /// This queryset, ready to run for `request` (itself when it already is).
    func bound(to request: Request) throws -> Self
}
