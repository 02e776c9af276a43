/// DRF's `LimitOffsetPagination`: `?limit=100&offset=400`, answered as
/// `{"count","next","previous","results"}`.
///
///     let paginator = LimitOffsetPagination(defaultLimit: 10, maxLimit: 100)
///     let page = try paginator.paginate(accounts, request: request, view: self)
///
/// Links always carry the effective limit (a missing, non-positive or non-integer `limit` is
/// the default; one above `maxLimit` is `maxLimit`). A negative or non-integer offset is 0.
/// Offsets are Python integers: `?offset=99999999999999999999` is an empty page whose
/// `previous` link says `offset=99999999999999999989` (limit 10), as DRF's does.
open class LimitOffsetPagination: Paginator {
    /// DRF's `default_limit`; nil: the settings' `pageSize`.
    public var defaultLimit: Int?
    public var limitQueryParam = "limit"
    public var offsetQueryParam = "offset"
    public var maxLimit: Int?
    public var countStrategy: CountStrategy

    /// `Paginator.pageSize` is this paginator's default limit.
    public var pageSize: Int? {
        get { defaultLimit }
        set { defaultLimit = newValue }
    }

    // MARK: State of the request being paginated

    private var request: Request?
    private var count: ResolvedCount = .unknown
    public private(set) var limit = 0
    public private(set) var offset = IntegerText(0)
    private var hasNext = false

    public init(defaultLimit: Int? = nil, maxLimit: Int? = nil, countStrategy: CountStrategy = .exact) {
        self.defaultLimit = defaultLimit
        self.maxLimit = maxLimit
        self.countStrategy = countStrategy
    }

    open func paginate<Q: Queryable>(_ queryset: Q, request: Request, view: APIView?) throws -> [Q.Element]? {
        self.request = request
        guard let limit = resolvedPageSize(request, view: view, queryParam: limitQueryParam, maximum: maxLimit),
            limit > 0
        else { return nil }
        self.limit = limit
        offset =
            request.query[offsetQueryParam]
            .flatMap { IntegerText(parsing: $0) }
            .flatMap { $0.isNegative ? nil : $0 } ?? IntegerText(0)

        if countStrategy == .exact, let start = offset.intValue {
            // The count and the page in one go (one round trip to PostgreSQL). An offset past
            // the end gives an empty page, as below.
            let (total, rows) = try queryset.countAndFetch(offset: start, limit: limit)
            count = .exact(total)
            // In `Int`s, as the offset fits one (not Python's arbitrary-size integers, which are
            // far dearer): both are non-negative, so a sum past `Int.max` is past any count.
            let (end, overflow) = start.addingReportingOverflow(limit)
            hasNext = !overflow && end < total
            return total > 0 && start <= total ? rows : []
        }
        count = try ResolvedCount(countStrategy, queryset)
        if case .exact(let total) = count {
            hasNext = offset + limit < IntegerText(total)
            // An offset past the end (of any size) is an empty page, without a query.
            guard total > 0, offset <= IntegerText(total), let start = offset.intValue else { return [] }
            return try queryset.fetch(offset: start, limit: limit)
        }
        guard let start = offset.intValue else {
            hasNext = false
            return []
        }
        let rows = try queryset.fetch(offset: start, limit: limit == Int.max ? nil : limit + 1)
        hasNext = rows.count > limit
        return Array(rows.prefix(limit))
    }

    open func paginatedResponse(_ data: JSON) -> Response {
        Response(
            .object([
                ("count", count.json),
                ("next", JSON(nextLink())),
                ("previous", JSON(previousLink())),
                ("results", data),
            ]))
    }

    /// DRF's `get_next_link`: offset + limit, none once that reaches the count.
    open func nextLink() -> String? {
        guard hasNext, let request else { return nil }
        // (`Int`s when the offset fits one and the sum does not overflow, as in `paginate`.)
        let next: String
        if let start = offset.intValue, case (let end, false) = start.addingReportingOverflow(limit) {
            next = String(end)
        } else {
            next = (offset + limit).description
        }
        return PaginationLink.url(
            request,
            setting: [
                limitQueryParam: String(limit),
                offsetQueryParam: next,
            ])
    }

    /// DRF's `get_previous_link`: none at offset 0; without `offset` when offset − limit ≤ 0.
    open func previousLink() -> String? {
        guard let request, !offset.isZero else { return nil }
        let previous: String?
        if let start = offset.intValue {
            // Both non-negative: the difference cannot overflow.
            previous = start - limit <= 0 ? nil : String(start - limit)
        } else {
            let difference = offset - limit
            previous = difference <= IntegerText(0) ? nil : difference.description
        }
        return PaginationLink.url(
            request,
            setting: [
                limitQueryParam: String(limit),
                offsetQueryParam: previous,
            ])
    }
}
