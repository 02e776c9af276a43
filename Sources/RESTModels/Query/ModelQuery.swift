import RESTFramework

/// What a queryset selects, as data: filters, ordering, slice. `Sendable` and free of any
/// connection, so validators and subqueries can hold it; `QuerySet` pairs it with a connection.
///
///     let query = User.objects.filter(.field("is_staff", .exact(true))).query
public struct ModelQuery<M: Model>: Sendable {
    /// ANDed together (Django chains `filter()` calls the same way).
    public internal(set) var predicates: [Predicate] = []
    /// nil: the model's default `ordering`; empty: unordered (Django's `order_by()`).
    public internal(set) var explicitOrdering: [OrderTerm]?
    public internal(set) var offset: Int = 0
    public internal(set) var limit: Int?
    /// Set when the query was composed in a way SQL cannot express; thrown on execution, as
    /// Django raises "Cannot filter a query once a slice has been taken.".
    var compositionError: ModelError?

    public init() {}

    public var ordering: [OrderTerm] { explicitOrdering ?? M.ordering }
    public var isSliced: Bool { offset > 0 || limit != nil }

    /// The slice `[offset ..< offset+limit]` of this query's rows (slicing a slice narrows it).
    func sliced(offset extra: Int, limit newLimit: Int?) -> ModelQuery {
        var copy = self
        let extra = max(extra, 0)
        copy.offset = offset + extra
        let remaining = limit.map { max($0 - extra, 0) }
        switch (remaining, newLimit) {
        case (nil, let wanted): copy.limit = wanted.map { max($0, 0) }
        case (let left?, nil): copy.limit = left
        case (let left?, let wanted?): copy.limit = min(left, max(wanted, 0))
        }
        return copy
    }
}
