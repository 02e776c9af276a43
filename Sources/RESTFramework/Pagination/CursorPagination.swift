/// DRF's `CursorPagination`: opaque `?cursor=` tokens over a fixed ordering, answered as
/// `{"next","previous","results"}` (no count). Stable under inserts and cheap at any depth:
/// each page is one `WHERE field < position ORDER BY ... LIMIT n+1` query.
///
///     // The reference API's notes: ordering "-id", 10 per page.
///     let notesPagination: PaginatorFactory = { CursorPagination(ordering: ["-id"], pageSize: 10) }
///
/// The algorithm is DRF's, step for step (see the comments in `paginate`, `nextLink` and
/// `previousLink`), so tokens from a DRF deployment stay valid. The first ordering field should
/// be unique or nearly so; rows sharing a position are skipped over with the cursor's offset.
///
/// The position travels as text (`str(value)`, DRF's `_get_position_from_instance`) and goes
/// into the filter as `.string(text)`: the queryset coerces it to the field's type (Django's
/// `get_prep_value`), and one it cannot coerce (`p=abc` against an integer id) is
/// `Invalid cursor`, as are bad base64 padding, non-ASCII, a non-integer `r`, and an `o` that
/// is not a non-negative integer. `o` is capped at `offsetCutoff`.
open class CursorPagination: Paginator {
    public var cursorQueryParam = "cursor"
    /// Nil: the settings' `pageSize`.
    public var pageSize: Int?
    public var invalidCursorMessage = "Invalid cursor"
    /// DRF's `ordering`: its first field is the cursor's position.
    public var ordering: [String]
    public var pageSizeQueryParam: String?
    public var maxPageSize: Int?
    /// Caps the offset a client can ask for: a large offset is an expensive query.
    public var offsetCutoff = 1000

    // MARK: State of the request being paginated

    private var request: Request?
    public private(set) var cursor: Cursor?
    private var effectivePageSize = 0
    /// Positions of the page's rows, in the order served.
    private var positions: [String] = []
    public private(set) var hasNext = false
    public private(set) var hasPrevious = false
    private var nextPosition: String?
    private var previousPosition: String?

    public init(
        ordering: [String] = ["-created"], pageSize: Int? = nil, pageSizeQueryParam: String? = nil,
        maxPageSize: Int? = nil
    ) {
        self.ordering = ordering
        self.pageSize = pageSize
        self.pageSizeQueryParam = pageSizeQueryParam
        self.maxPageSize = maxPageSize
    }

    open func paginate<Q: Queryable>(_ queryset: Q, request: Request, view: APIView?) throws -> [Q.Element]? {
        self.request = request
        guard let size = resolvedPageSize(request, view: view, queryParam: pageSizeQueryParam, maximum: maxPageSize),
            size > 0
        else { return nil }
        effectivePageSize = size
        let ordering = getOrdering(request, view: view)
        guard let firstTerm = ordering.first else {
            throw ImproperlyConfigured("Using cursor pagination, but no ordering attribute was declared on the pagination class.")
        }
        cursor = try decodeCursor(request)
        let offset = cursor?.offset ?? 0, reverse = cursor?.reverse ?? false
        let currentPosition = cursor?.position

        // Cursor pagination always enforces an ordering; walking backwards flips it.
        let terms = reverse ? ordering.map(Self.invert) : ordering
        var page = queryset.orderBy(terms.map { OrderTerm($0) })

        let positionField = String(firstTerm.drop { $0 == "-" })
        if let currentPosition {
            // (cursor reversed) XOR (ordering descending): rows before the position, else after.
            let lookup: Lookup =
                reverse != firstTerm.hasPrefix("-")
                ? .lt(.string(currentPosition)) : .gt(.string(currentPosition))
            page = page.filter(.field(positionField, lookup))
        }

        // One row past the page tells whether a following position exists.
        let results: [Q.Element]
        do {
            results = try page.fetch(offset: offset, limit: size == Int.max ? nil : size + 1)
        } catch QueryValueError.cannotCoerce where currentPosition != nil {
            throw NotFound(invalidCursorMessage)
        }
        var rows = Array(results.prefix(size))
        let followingPosition = results.count > rows.count ? try position(of: results.last!, positionField) : nil

        if reverse {
            // The query ran backwards: serve the rows in the ordering's direction.
            rows.reverse()
            hasNext = currentPosition != nil || offset > 0
            hasPrevious = followingPosition != nil
            nextPosition = hasNext ? currentPosition : nil
            previousPosition = hasPrevious ? followingPosition : nil
        } else {
            hasNext = followingPosition != nil
            hasPrevious = currentPosition != nil || offset > 0
            nextPosition = hasNext ? followingPosition : nil
            previousPosition = hasPrevious ? currentPosition : nil
        }
        positions = try rows.map { try position(of: $0, positionField) }
        return rows
    }

    open func paginatedResponse(_ data: JSON) -> Response {
        Response(
            .object([
                ("next", JSON(nextLink())),
                ("previous", JSON(previousLink())),
                ("results", data),
            ]))
    }

    /// DRF's `get_next_link`: the last position of the page that differs from the row after
    /// it, with an offset over the rows that share it.
    open func nextLink() -> String? {
        guard hasNext, let request else { return nil }
        var compare: String?
        if !positions.isEmpty, let cursor, cursor.reverse, cursor.offset != 0 {
            // Turning around from an offset cursor: the first position found can't be a marker.
            compare = positions.last
        } else {
            compare = nextPosition
        }
        var offset = 0
        var position: String?
        var foundUnique = false
        for candidate in positions.reversed() {
            if candidate != compare {
                position = candidate
                foundUnique = true
                break
            }
            // Same position as the row after it: not a usable marker, keep looking backwards.
            compare = candidate
            offset += 1
        }
        if !positions.isEmpty && !foundUnique {
            // Every row of the page shares one position.
            if !hasPrevious {
                // First page: skip it by offset alone, no position to filter on yet.
                offset = effectivePageSize
                position = nil
            } else if cursor?.reverse == true {
                // The change of direction skips a few rows forwards: DRF's accepted artifact.
                offset = 0
                position = previousPosition
            } else {
                // Cannot overflow: `hasNext` means a row was found past offset + page size.
                offset = (cursor?.offset ?? 0) + effectivePageSize
                position = previousPosition
            }
        }
        if positions.isEmpty { position = nextPosition }
        return link(request, Cursor(offset: offset, reverse: false, position: position))
    }

    /// DRF's `get_previous_link`: `nextLink` mirrored, scanning the page from its first row.
    open func previousLink() -> String? {
        guard hasPrevious, let request else { return nil }
        var compare: String?
        if !positions.isEmpty, let cursor, !cursor.reverse, cursor.offset != 0 {
            compare = positions.first
        } else {
            compare = previousPosition
        }
        var offset = 0
        var position: String?
        var foundUnique = false
        for candidate in positions {
            if candidate != compare {
                position = candidate
                foundUnique = true
                break
            }
            compare = candidate
            offset += 1
        }
        if !positions.isEmpty && !foundUnique {
            if !hasNext {
                // Last page: skip it by offset alone.
                offset = effectivePageSize
                position = nil
            } else if cursor?.reverse == true {
                // Cannot overflow: `hasPrevious` means a row was found past offset + page size.
                offset = (cursor?.offset ?? 0) + effectivePageSize
                position = nextPosition
            } else {
                // The change of direction skips a few rows backwards: DRF's accepted artifact.
                offset = 0
                position = nextPosition
            }
        }
        if positions.isEmpty { position = previousPosition }
        return link(request, Cursor(offset: offset, reverse: true, position: position))
    }

    /// DRF's `get_ordering`: the view's ordering backend (an `OrderingFilter`) decides when it
    /// answers, else `ordering`.
    open func getOrdering(_ request: Request, view: APIView?) -> [String] {
        if let view, let filtered = view as? any FilteredView,
            let backend = filtered.filterBackends.lazy.compactMap({ $0 as? any OrderingBackend }).first,
            let chosen = backend.ordering(for: request, view: view), !chosen.isEmpty
        {
            return chosen
        }
        return ordering
    }

    /// DRF's `decode_cursor`: nil without the parameter; 404 `Invalid cursor` when unreadable.
    open func decodeCursor(_ request: Request) throws -> Cursor? {
        guard let token = request.query[cursorQueryParam] else { return nil }
        do {
            return try Cursor(decoding: token, offsetCutoff: offsetCutoff)
        } catch {
            throw NotFound(invalidCursorMessage)
        }
    }

    // MARK: - Helpers

    private func link(_ request: Request, _ cursor: Cursor) -> String {
        PaginationLink.url(request, setting: [cursorQueryParam: cursor.encoded])
    }

    /// DRF's `_get_position_from_instance`: `str()` of the ordering field.
    private func position(of row: some FieldReadable, _ field: String) throws -> String {
        guard let value = row.fieldValue(field) else {
            throw ImproperlyConfigured("CursorPagination orders by '\(field)': \(FieldError(type(of: row), field: field))")
        }
        return PythonText.str(value)
    }

    /// DRF's `_reverse_ordering` for one term.
    static func invert(_ term: String) -> String {
        term.hasPrefix("-") ? String(term.dropFirst()) : "-" + term
    }
}
