/// DRF's `BaseFilterBackend`: narrows or orders a list view's queryset from the request.
/// Backends are configuration values, shared by every request.
///
///     struct OwnedByUser: FilterBackend {
///         func filterQueryset<Q: Queryable>(_ request: Request, _ queryset: Q, view: APIView) throws -> Q {
///             queryset.filter(.field("owner_id", .exact(request.user.pk)))
///         }
///     }
public protocol FilterBackend: Sendable {
    func filterQueryset<Q: Queryable>(_ request: Request, _ queryset: Q, view: APIView) throws -> Q

    /// DRF's `to_html(request, queryset, view)`: this backend's controls in the browsable API's
    /// filters area, on a list page (`queryset` is the view's `getQueryset()`). The default is
    /// none. Fixed markup goes in with `html.markup`, every value with `text`, `element` or an
    /// attribute, which escape it (see `HTMLWriter`). A control is a GET form or a link to the
    /// page's own path with the backend's query parameter, so using it is an ordinary request.
    func toHTML<Q: Queryable>(_ request: Request, _ queryset: Q, view: APIView, into html: inout HTMLWriter)
}

extension FilterBackend {
    /// No controls (DRF's `BaseFilterBackend` has no `to_html`).
    public func toHTML<Q: Queryable>(_ request: Request, _ queryset: Q, view: APIView, into html: inout HTMLWriter) {}
}

/// A backend that decides an ordering (DRF's duck-typed `get_ordering`): `CursorPagination`
/// pages by the first such backend of the view, when it answers, instead of its own ordering.
public protocol OrderingBackend: FilterBackend {
    /// The ordering for this request (`["name", "-created"]`), or nil/empty for none.
    func ordering(for request: Request, view: APIView) -> [String]?
}

// MARK: - What views declare (DRF's view attributes)

/// DRF's `filter_backends`: a view whose list is filtered. The generic views adopt it.
///
///     var filterBackends: [any FilterBackend] { [SearchFilter(), OrderingFilter()] }
public protocol FilteredView: AnyObject {
    var filterBackends: [any FilterBackend] { get }
}

extension FilteredView where Self: APIView {
    /// DRF's `GenericAPIView.filter_queryset`: every backend in turn, in the declared order.
    ///
    ///     let page = try paginator.paginate(try filterQueryset(getQueryset()), request: request, view: self)
    public func filterQueryset<Q: Queryable>(_ queryset: Q) throws -> Q {
        var result = queryset
        for backend in filterBackends { result = try backend.filterQueryset(request, result, view: self) }
        return result
    }
}

/// DRF's `search_fields`, read by `SearchFilter`. A name may carry DRF's prefix: `^name`
/// (starts with), `=name` (exact, case-insensitive); else it is a case-insensitive contains.
///
///     var searchFields: [String] { ["name", "description"] }
public protocol SearchableView: AnyObject {
    var searchFields: [String] { get }
}

/// DRF's `ordering_fields` and `ordering`, read by `OrderingFilter`.
///
///     var orderingFields: [String]? { ["name", "created", "id"] }
///     var ordering: [String]? { ["id"] }
public protocol OrderableView: AnyObject {
    /// The fields a client may order by; nil: the filter's own `orderingFields`. (DRF falls back
    /// to the serializer's fields; a generic view can answer with those.)
    var orderingFields: [String]? { get }
    /// The ordering when the request names no valid one (DRF's `ordering`); nil: leave the
    /// queryset's.
    var ordering: [String]? { get }
}
