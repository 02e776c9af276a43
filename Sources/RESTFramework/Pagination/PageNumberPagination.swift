/// DRF's `PageNumberPagination`: `?page=4` (and `?page_size=` when allowed), answered as
/// `{"count","next","previous","results"}`.
///
///     // The reference API's default: REST_FRAMEWORK = {PAGE_SIZE: 10, ...} with page_size up to 100.
///     settings.pageSize = 10
///     settings.paginationClass = { PageNumberPagination(pageSizeQueryParam: "page_size", maxPageSize: 100) }
///
/// Pages are numbered from 1; empty or absent `page` is 1 and any of `lastPageStrings` the last
/// page; anything else outside `1...pages` (`0`, `-1`, `2.5`, past the end) is 404
/// `{"detail":"Invalid page."}`. Page 1 of an empty list is a valid, empty page. Links are the
/// request's absolute URL with `page` set to the neighbour (removed for page 1), other
/// parameters kept (see `PaginationLink`).
open class PageNumberPagination: Paginator {
    /// Nil: the settings' `pageSize`.
    public var pageSize: Int?
    public var pageQueryParam = "page"
    /// The parameter a client may choose the page size with (DRF's default: none).
    public var pageSizeQueryParam: String?
    /// The largest page size a client may ask for; larger requests are clamped.
    public var maxPageSize: Int?
    public var lastPageStrings: [String] = ["last"]
    public var invalidPageMessage = "Invalid page."
    public var countStrategy: CountStrategy

    // MARK: State of the request being paginated

    private var request: Request?
    private var count: ResolvedCount = .unknown
    /// The page served (1-based).
    public private(set) var pageNumber = 1
    public private(set) var hasNext = false
    public private(set) var hasPrevious = false

    public init(
        pageSize: Int? = nil, pageSizeQueryParam: String? = nil, maxPageSize: Int? = nil,
        countStrategy: CountStrategy = .exact
    ) {
        self.pageSize = pageSize
        self.pageSizeQueryParam = pageSizeQueryParam
        self.maxPageSize = maxPageSize
        self.countStrategy = countStrategy
    }

    open func paginate<Q: Queryable>(_ queryset: Q, request: Request, view: APIView?) throws -> [Q.Element]? {
        self.request = request
        guard let size = resolvedPageSize(request, view: view, queryParam: pageSizeQueryParam, maximum: maxPageSize),
            size > 0
        else { return nil }
        // Django: `query_params.get(page) or 1`, so an empty value is page 1 too.
        let requested = request.query[pageQueryParam].flatMap { $0.isEmpty ? nil : $0 } ?? "1"

        if countStrategy == .exact, !lastPageStrings.contains(requested) {
            // Django's order: the number must be an integer ≥ 1 before anything is counted.
            // Then the count and the page in one go (one round trip to PostgreSQL); a page
            // past the last is `Invalid page.` as below, its rows unused.
            let number = try validNumber(requested, atMost: nil)
            let (offset, overflow) = (number - 1).multipliedReportingOverflow(by: size)
            if !overflow {
                let (total, rows) = try queryset.countAndFetch(offset: offset, limit: size)
                count = .exact(total)
                let pages = Self.pageCount(total, size)
                guard number <= pages else { throw NotFound(invalidPageMessage) }
                pageNumber = number
                hasNext = number < pages
                hasPrevious = number > 1
                return rows
            }
        }
        count = try ResolvedCount(countStrategy, queryset)

        if case .exact(let total) = count {
            let pages = Self.pageCount(total, size)
            let number = lastPageStrings.contains(requested) ? pages : try validNumber(requested, atMost: pages)
            pageNumber = number
            hasNext = number < pages
            hasPrevious = number > 1
            return try queryset.fetch(offset: (number - 1) * size, limit: size)
        }

        // No exact count: the page is checked against the rows themselves, one row past it
        // telling whether a next page exists.
        let number: Int
        if lastPageStrings.contains(requested) {
            guard case .estimated(let estimate) = count else { throw NotFound(invalidPageMessage) }
            number = Self.pageCount(estimate, size)
        } else {
            number = try validNumber(requested, atMost: nil)
        }
        let (offset, overflow) = (number - 1).multipliedReportingOverflow(by: size)
        let rows = overflow ? [] : try queryset.fetch(offset: offset, limit: size == Int.max ? nil : size + 1)
        if rows.isEmpty && number > 1 { throw NotFound(invalidPageMessage) }
        pageNumber = number
        hasNext = rows.count > size
        hasPrevious = number > 1
        return Array(rows.prefix(size))
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

    /// DRF's `get_next_link`.
    open func nextLink() -> String? {
        guard hasNext, let request else { return nil }
        return PaginationLink.url(request, setting: [pageQueryParam: String(pageNumber + 1)])
    }

    /// DRF's `get_previous_link`: page 1 is the URL without `page`.
    open func previousLink() -> String? {
        guard hasPrevious, let request else { return nil }
        let number = pageNumber - 1
        return PaginationLink.url(request, setting: [pageQueryParam: number == 1 ? nil : String(number)])
    }

    // MARK: - Page numbers

    /// Django's `Paginator.num_pages` (empty first page allowed, no orphans): at least 1.
    static func pageCount(_ total: Int, _ size: Int) -> Int {
        max(1, total / size + (total % size == 0 ? 0 : 1))
    }

    /// Django's `validate_number`: Python's `int()` of the text, at least 1, at most `pages`.
    private func validNumber(_ text: String, atMost pages: Int?) throws -> Int {
        guard let number = IntegerText(parsing: text), number >= IntegerText(1),
            let value = number.intValue, value <= pages ?? Int.max
        else { throw NotFound(invalidPageMessage) }
        return value
    }
}
