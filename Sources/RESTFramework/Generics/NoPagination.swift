/// A paginator that never paginates: DRF's `pagination_class = None` on a view whose settings
/// name a default paginator (`paginationClass` nil means "the settings decide").
///
///     override class var paginationClass: PaginatorFactory? { NoPagination.factory }
public final class NoPagination: Paginator {
    public var pageSize: Int? = nil
    public init() {}

    public static let factory: PaginatorFactory = { NoPagination() }

    public func paginate<Q: Queryable>(_ queryset: Q, request: Request, view: APIView?) throws -> [Q.Element]? { nil }

    /// Never reached by the mixins (no page was made); answers the data as it is.
    public func paginatedResponse(_ data: JSON) -> Response { Response(data) }
}
