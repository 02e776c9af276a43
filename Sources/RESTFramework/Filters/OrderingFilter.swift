/// DRF's `OrderingFilter`: `?ordering=name,-created` orders by the terms the view allows.
///
///     final class AccountList: APIView, FilteredView, OrderableView {
///         var filterBackends: [any FilterBackend] { [SearchFilter(), OrderingFilter()] }
///         var orderingFields: [String]? { ["name", "created", "id"] }
///         var ordering: [String]? { ["id"] }
///     }
///
/// Terms are comma-separated and trimmed; a term is kept only if, without its leading `-`, it
/// is an allowed field. Unknown terms are dropped silently; with none left (or no parameter)
/// the view's default `ordering` applies, and without one the queryset keeps its own.
/// `CursorPagination` pages by this ordering when the view has this filter. DRF's
/// `ordering_fields = "__all__"` and its fallback to the serializer's fields need model
/// metadata: a generic view supplies them through `OrderableView.orderingFields`.
public struct OrderingFilter: OrderingBackend {
    public var orderingParam: String
    /// The allowed fields when the view names none (DRF's `OrderingFilter.ordering_fields`).
    public var orderingFields: [String]?

    public init(orderingFields: [String]? = nil, orderingParam: String = "ordering") {
        self.orderingFields = orderingFields
        self.orderingParam = orderingParam
    }

    public func filterQueryset<Q: Queryable>(_ request: Request, _ queryset: Q, view: APIView) throws -> Q {
        guard let ordering = ordering(for: request, view: view), !ordering.isEmpty else { return queryset }
        return queryset.orderBy(ordering.map { OrderTerm($0) })
    }

    /// DRF's `get_ordering`: the valid requested terms, else the default.
    public func ordering(for request: Request, view: APIView) -> [String]? {
        if let parameter = request.query[orderingParam], !parameter.isEmpty {
            let terms = parameter.split(separator: ",", omittingEmptySubsequences: false).map { PythonText.strip($0) }
            let valid = removeInvalidFields(terms, view: view)
            if !valid.isEmpty { return valid }
        }
        return getDefaultOrdering(view: view)
    }

    /// DRF's `get_default_ordering`: the view's `ordering`.
    public func getDefaultOrdering(view: APIView) -> [String]? {
        (view as? any OrderableView)?.ordering
    }

    /// DRF's `get_valid_fields`: the view's `orderingFields`, else this filter's, else none.
    public func getValidFields(view: APIView) -> [String] {
        (view as? any OrderableView)?.orderingFields ?? orderingFields ?? []
    }

    /// DRF's `remove_invalid_fields`.
    public func removeInvalidFields(_ terms: [String], view: APIView) -> [String] {
        let valid = Set(getValidFields(view: view))
        return terms.filter { valid.contains($0.hasPrefix("-") ? String($0.dropFirst()) : $0) }
    }
}
