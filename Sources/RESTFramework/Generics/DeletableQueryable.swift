/// A queryset that can delete one of its rows: what `DestroyModelMixin` needs, as DRF's
/// `perform_destroy` calls `instance.delete()`. The model layer's `QuerySet` conforms; a view
/// over a queryset that does not gets a clear `ImproperlyConfigured` on DELETE, unless it
/// overrides `performDestroy(_:)`.
///
///     extension QuerySet: DeletableQueryable {
///         func delete(_ object: M) throws { try filter(.field("pk", .exact(object.pk))).deleteAll() }
///     }
public protocol DeletableQueryable: Queryable {
    /// Deletes the row (Django's `Model.delete()`: cascades are the database's business).
    func delete(_ object: Element) throws
}
