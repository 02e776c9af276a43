import Testing
@testable import RESTFramework

@Suite struct CursorPaginationTests {
    func paginator(_ ordering: String, _ size: Int) -> CursorPagination {
        CursorPagination(ordering: [ordering], pageSize: size)
    }

    /// Walks forwards to the end, then backwards to the start, following DRF's own links.
    @Test(arguments: DRFReference.cursorWalkById)
    func walkByDescendingIdMatchesDRF(_ url: String, _ expected: String) throws {
        #expect(try paginate(paginator("-id", 10), url, items(25)) == expected)
    }

    @Test(arguments: DRFReference.cursorWalkScoreTies)
    func walkWithTiesMatchesDRF(_ url: String, _ expected: String) throws {
        let scores: [Int64] = [1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 4, 5, 5, 5, 5, 5, 6]
        #expect(try paginate(paginator("score", 3), url, items(17, scores: scores)) == expected)
    }

    @Test(arguments: DRFReference.cursorWalkDescendingTies)
    func walkWithDescendingTiesMatchesDRF(_ url: String, _ expected: String) throws {
        #expect(try paginate(paginator("-score", 2), url, items(8, scores: [1, 1, 1, 1, 1, 2, 2, 3])) == expected)
    }

    @Test(arguments: DRFReference.cursorWalkAllTied)
    func walkWhereEveryRowSharesThePositionMatchesDRF(_ url: String, _ expected: String) throws {
        #expect(try paginate(paginator("score", 2), url, items(5, scores: [7, 7, 7, 7, 7])) == expected)
    }

    /// Junk skipped, padding, non-ASCII, bad `r`/`o`, `o` capped at 1000, first values win.
    @Test(arguments: DRFReference.cursorTokens)
    func tokensMatchDRF(_ url: String, _ expected: String) throws {
        #expect(try paginate(paginator("-id", 10), url, items(25)) == expected)
    }

    @Test(arguments: DRFReference.cursorEmpty)
    func emptyPagesMatchDRF(_ url: String, _ expected: String) throws {
        #expect(try paginate(paginator("-id", 10), url, items(0)) == expected)
    }

    /// DRF answers these with a 500 (Django cannot read the position as an id); the spec says
    /// `Invalid cursor`.
    @Test(arguments: ["cD1hYmM=", "cD0=", "cD0xLjU=", "cA=="])  // p=abc, p=, p=1.5, p
    func positionsThatAreNotIntegersAreInvalid(_ token: String) throws {
        let url = "/n/?cursor=" + QueryDict.encode(token)
        #expect(try paginate(paginator("-id", 10), url, items(25)) == #"{"error":"Invalid cursor"}"#)
    }

    @Test func envelopeKeysInDRFOrder() throws {
        let p = paginator("-id", 10)
        _ = try p.paginate(items(3), request: get("/x/"), view: nil)
        #expect(p.paginatedResponse([]).data?.objectValue?.keys == ["next", "previous", "results"])
    }

    @Test func cursorTokensAreDRFs() throws {
        // From DRF's own docs and schema examples: "cD00ODY=" is p=486, "cj0xJnA9NDg3" r=1&p=487.
        #expect(Cursor(offset: 0, reverse: false, position: "486").encoded == "cD00ODY=")
        #expect(Cursor(offset: 0, reverse: true, position: "487").encoded == "cj0xJnA9NDg3")
        #expect(Cursor(offset: 3, reverse: true, position: "a b/+").encoded == PythonBase64.encode(Array("o=3&r=1&p=a+b%2F%2B".utf8)))
        #expect(try Cursor(decoding: "cj0xJnA9NDg3", offsetCutoff: 1000) == Cursor(offset: 0, reverse: true, position: "487"))
        #expect(try Cursor(decoding: "bz01MDAw", offsetCutoff: 1000).offset == 1000)
        #expect(throws: Cursor.Invalid.self) { try Cursor(decoding: "cD0xNg", offsetCutoff: 1000) }
    }

    @Test func datetimePositionsAreWrittenAsPythonsStr() throws {
        let t0 = DateTime(iso8601: "2026-11-29T00:22:38.250000Z")!
        let t1 = DateTime(iso8601: "2026-11-29T00:22:39Z")!
        let rows = InMemoryQuerySet([Item(id: 1, created: t0), Item(id: 2, created: t1), Item(id: 3, created: t1)])
        let p = CursorPagination(pageSize: 1)  // DRF's default ordering: -created
        #expect(try p.paginate(rows, request: get("/n/"), view: nil)?.map(\.id) == [2])
        // Every row of the first page shares its position with the next row: DRF skips by
        // offset alone.
        let next = try #require(p.nextLink())
        #expect(try cursor(in: next) == Cursor(offset: 1, reverse: false, position: nil))
        let second = CursorPagination(pageSize: 1)
        #expect(try second.paginate(rows, request: get(next), view: nil)?.map(\.id) == [3])
        let last = try #require(second.nextLink())
        #expect(try cursor(in: last) == Cursor(offset: 0, reverse: false, position: "2026-11-29 00:22:39+00:00"))
        let third = CursorPagination(pageSize: 1)
        #expect(try third.paginate(rows, request: get(last), view: nil)?.map(\.id) == [1])
        #expect(PythonText.str(.dateTime(t0)) == "2026-11-29 00:22:38.250000+00:00")
    }

    func cursor(in link: String) throws -> Cursor {
        try Cursor(decoding: QueryDict(parsing: link.split(separator: "?")[1])["cursor"]!, offsetCutoff: 1000)
    }

    @Test func orderingComesFromTheViewsOrderingFilter() throws {
        final class View: APIView, FilteredView, OrderableView {
            var filterBackends: [any FilterBackend] { [OrderingFilter()] }
            var orderingFields: [String]? { ["id", "name"] }
            var ordering: [String]? { ["id"] }
        }
        let p = paginator("-id", 2)
        #expect(try p.paginate(items(5), request: get("/n/"), view: View())?.map(\.id) == [1, 2])
        let q = paginator("-id", 2)
        #expect(try q.paginate(items(5), request: get("/n/?ordering=-name"), view: View())?.map(\.id) == [5, 4])
    }

    @Test func misconfiguredOrderingIsNotAClientError() throws {
        // An ordering field the rows lack: the queryset refuses it (a 500, as Django's FieldError).
        #expect(throws: FieldError(model: "Item", field: "missing", validFields: [])) {
            try paginator("-missing", 2).paginate(items(5), request: get("/n/"), view: nil)
        }
        #expect(throws: ImproperlyConfigured.self) {
            try CursorPagination(ordering: [], pageSize: 2).paginate(items(5), request: get("/n/"), view: nil)
        }
    }

    @Test func clientPageSizeIsClamped() throws {
        let p = CursorPagination(ordering: ["id"], pageSize: 2, pageSizeQueryParam: "page_size", maxPageSize: 3)
        #expect(try p.paginate(items(9), request: get("/n/?page_size=50"), view: nil)?.map(\.id) == [1, 2, 3])
        #expect(p.nextLink() == "http://testserver/n/?cursor=cD0z&page_size=50")
    }

    /// A client page size just under `Int.max` (no `maxPageSize`) with an offset cursor: the
    /// look-ahead row makes the slice `offset ..< offset + size + 1`, past the end of `Int`.
    /// DRF fetches every row after the offset and links back from the first unique position.
    /// An `o` or `r` past CPython's 4300 digits is `int()`'s ValueError: DRF's `Invalid cursor`.
    @Test func cursorNumbersPastPythonsDigitLimitAreInvalid() throws {
        for key in ["o", "r"] {
            let token = PythonBase64.encode(Array("\(key)=\(String(repeating: "1", count: 4301))".utf8))
            #expect(try paginate(paginator("-id", 10), "/n/?cursor=" + token, items(5)) == #"{"error":"Invalid cursor"}"#)
        }
    }

    @Test func hugeClientPageSizeWithAnOffsetCursor() throws {
        let p = CursorPagination(ordering: ["id"], pageSize: 2, pageSizeQueryParam: "page_size")
        let page = try p.paginate(items(9), request: get("/n/?page_size=9223372036854775806&cursor=bz0x"), view: nil)
        #expect(page?.map(\.id) == [2, 3, 4, 5, 6, 7, 8, 9])
        #expect(p.nextLink() == nil)
        #expect(p.previousLink() == "http://testserver/n/?cursor=bz0xJnI9MSZwPTM%3D&page_size=9223372036854775806")
    }
}
