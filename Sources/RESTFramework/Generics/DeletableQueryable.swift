/// A queryset that can delete one of its rows: what `DestroyModelMixin` needs, as DRF's
/// `perform_destroy` calls `instance.delete()`. The model layer's `QuerySet` conforms; a view
/// over a queryset that does not gets a clear `ImproperlyConfigured` on DELETE, unless it
/// overrides `performDestroy(_:)`.
///
///     // A view over rows that cannot be deleted this way says what DELETE does itself:
///     override func performDestroy(_ instance: Row) throws { try archive(instance) }
public protocol DeletableQueryable: Queryable {
    /// Deletes the row (Django's `Model.delete()`: cascades are the database's business).
    func delete(_ object: Element) throws
}
