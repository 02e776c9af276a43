/// A queryset that knows its model's name (Django's `queryset.model._meta.object_name`): the
/// generic views take from it the name in `No User matches the given query.` and, when the
/// viewset has a class-level `queryset`, the router's basename (`user`). The model layer's
/// `QuerySet<M>` conforms, so `ModelViewSet<QuerySet<User>>` needs no extra declaration.
///
///     QuerySet<User>.modelName   // "User"
public protocol NamedQueryable: Queryable {
    static var modelName: String { get }
}
