/// DRF's `BasePagination`: splits a queryset into the page a request asks for, then wraps the
/// serialized page in an envelope with links. A paginator holds the state of one request
/// (`paginate` remembers the page for `paginatedResponse`), so a view makes a fresh one per
/// request from a `PaginatorFactory`.
///
///     let paginator = PageNumberPagination(pageSize: 10, pageSizeQueryParam: "page_size", maxPageSize: 100)
///     guard let page = try paginator.paginate(users, request: request, view: self) else {
///         return Response(.array(try users.all().map(serialize)))     // pagination off
///     }
///     return paginator.paginatedResponse(.array(page.map(serialize)))
public protocol Paginator: AnyObject {
    /// The page size in force when the request does not choose one; nil means the view's
    /// `settings.pageSize` (DRF's `PAGE_SIZE`), and nil there too turns pagination off.
    var pageSize: Int? { get set }

    /// DRF's `paginate_queryset`: the rows of the requested page, or nil when pagination is off
    /// (no page size). Throws `NotFound` for a page or cursor that does not exist.
    func paginate<Q: Queryable>(_ queryset: Q, request: Request, view: APIView?) throws -> [Q.Element]?

    /// DRF's `get_paginated_response`: the envelope around the serialized page, keys in DRF's order.
    func paginatedResponse(_ data: JSON) -> Response
}

/// DRF's `pagination_class` (and `DEFAULT_PAGINATION_CLASS`): how a view makes its per-request
/// paginator.
///
///     settings.paginationClass = { PageNumberPagination(pageSizeQueryParam: "page_size", maxPageSize: 100) }
public typealias PaginatorFactory = @Sendable () -> any Paginator

extension Paginator {
    /// The page size for a request: `?<param>=` when the paginator allows it (a positive
    /// integer, capped at `maximum`; anything else is ignored), else `pageSize`, else the
    /// settings' `pageSize`. DRF's `get_page_size`.
    func resolvedPageSize(_ request: Request, view: APIView?, queryParam: String?, maximum: Int?) -> Int? {
        if let queryParam, let text = request.query[queryParam],
            let size = PaginationNumbers.positiveInt(text, strict: true, cutoff: maximum)
        {
            return size
        }
        return pageSize ?? view?.settings.pageSize
    }
}

/// How a count-based paginator learns the total for `count` (and for page validation).
///
/// - `exact`: DRF's behaviour: one `SELECT count(*)` per page. Exact `count`, exact `last`
///   page, but the count scans every matching row, which dominates the cost of deep tables.
/// - `estimated`: `Queryable.estimatedCount()` (planner statistics: free, but approximate and
///   only for unfiltered tables), falling back to `exact` when the queryset has no estimate.
///   With an estimate, `count` reports it and `next` is decided by fetching one row past the
///   page, so links never lie; a page past the data is still `Invalid page.`, and `last` is the
///   estimate's last page (may be off by the estimate's error).
/// - `none`: no count query at all: `count` is `null` (the key stays, so clients see DRF's
///   shape), `next` comes from fetching one row past the page, and `?page=last` is
///   `Invalid page.` since nobody knows which page is last. The cheapest; for endless lists.
public enum CountStrategy: Sendable, Hashable {
    case exact
    case estimated
    case none
}

/// The count a count-based paginator works with.
enum ResolvedCount {
    /// Exact: page validity and `next` come from it.
    case exact(Int)
    /// An estimate to report; navigation comes from a look-ahead row.
    case estimated(Int)
    /// No count; navigation comes from a look-ahead row.
    case unknown

    init(_ strategy: CountStrategy, _ queryset: some Queryable) throws {
        switch strategy {
        case .exact:
            self = .exact(try queryset.count())
        case .estimated:
            if let estimate = try queryset.estimatedCount() {
                self = .estimated(max(estimate, 0))
            } else {
                self = .exact(try queryset.count())
            }
        case .none:
            self = .unknown
        }
    }

    /// What the envelope's `count` says.
    var json: JSON {
        switch self {
        case .exact(let n), .estimated(let n): return .int(Int64(n))
        case .unknown: return .null
        }
    }
}

/// DRF's `_positive_int`, on Python integers.
enum PaginationNumbers {
    /// A non-negative integer (positive when `strict`), capped at `cutoff`; nil where DRF's
    /// `_positive_int` raises. Values beyond `Int` saturate at `Int.max`: no queryset has
    /// that many rows.
    static func positiveInt(_ text: String, strict: Bool, cutoff: Int?) -> Int? {
        guard let number = IntegerText(parsing: text), !number.isNegative, !(strict && number.isZero) else { return nil }
        let value = number.intValue ?? Int.max
        // DRF writes `if cutoff:`, so a cutoff of 0 means none.
        if let cutoff, cutoff != 0 { return min(value, cutoff) }
        return value
    }
}
