import Testing
@testable import RESTFramework

@Suite struct LimitOffsetPaginationTests {
    /// The reference API's public accounts: limit 10, at most 100.
    func paginator() -> LimitOffsetPagination { LimitOffsetPagination(defaultLimit: 10, maxLimit: 100) }

    @Test(arguments: DRFReference.limitOffset25)
    func matchesDRF(_ url: String, _ expected: String) throws {
        #expect(try paginate(paginator(), url, items(25).orderBy("id")) == expected)
    }

    @Test(arguments: DRFReference.limitOffsetEmpty)
    func emptyListMatchesDRF(_ url: String, _ expected: String) throws {
        #expect(try paginate(paginator(), url, items(0)) == expected)
    }

    @Test func envelopeKeysInDRFOrder() throws {
        let p = paginator()
        _ = try p.paginate(items(3), request: get("/x/"), view: nil)
        #expect(p.paginatedResponse([]).data?.objectValue?.keys == ["count", "next", "previous", "results"])
    }

    @Test func pageSizeIsTheDefaultLimitAndFallsBackToSettings() throws {
        final class View: APIView {}
        let view = View()
        view.settings.pageSize = 3
        let p = LimitOffsetPagination()
        #expect(try p.paginate(items(9), request: get("/x/?offset=3"), view: view)?.map(\.id) == [4, 5, 6])
        #expect(p.nextLink() == "http://testserver/x/?limit=3&offset=6")
        p.pageSize = 2
        #expect(p.defaultLimit == 2)
    }

    @Test func hugeLimitWithoutMaximumSaturates() throws {
        let p = LimitOffsetPagination(defaultLimit: 10)
        let page = try p.paginate(items(5), request: get("/x/?limit=99999999999999999999"), view: nil)
        #expect(page?.count == 5)
        #expect(p.nextLink() == nil)
    }
}
