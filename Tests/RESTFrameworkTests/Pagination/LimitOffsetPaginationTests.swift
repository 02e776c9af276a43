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

    @Test func linksKeepOtherParametersSortedAndQuoted() throws {
        let p = paginator()
        _ = try p.paginate(items(25), request: get("/x é/?z=1&search=a b&limit=5&offset=5&a=%C3%A9"), view: nil)
        #expect(p.nextLink() == "http://testserver/x%20%C3%A9/?a=%C3%A9&limit=5&offset=10&search=a+b&z=1")
        #expect(p.previousLink() == "http://testserver/x%20%C3%A9/?a=%C3%A9&limit=5&search=a+b&z=1")
    }

    @Test func linkChangesApplyInOrder() {
        let request = get("/x/?b=1&a=1&b=2&c=")
        #expect(PaginationLink.url(request, setting: ["a": "9"]) == "http://testserver/x/?a=9&b=1&b=2&c=")
        #expect(PaginationLink.url(request, setting: ["b": nil, "a": nil]) == "http://testserver/x/?c=")
        // A later change of the same name wins, as when the changes are applied one by one.
        #expect(PaginationLink.url(request, setting: ["b": "3", "b": nil]) == "http://testserver/x/?a=1&c=")
        #expect(PaginationLink.url(request, setting: ["b": nil, "b": "4"]) == "http://testserver/x/?a=1&b=4&c=")
        #expect(PaginationLink.url(request, setting: ["d": "x y", "b": "5"]) == "http://testserver/x/?a=1&b=5&c=&d=x+y")
    }

    @Test func offsetsAtTheEdgeOfInt() throws {
        let p = paginator()
        #expect(try p.paginate(items(25), request: get("/x/?offset=9223372036854775807"), view: nil)?.isEmpty == true)
        #expect(p.nextLink() == nil)
        #expect(p.previousLink() == "http://testserver/x/?limit=10&offset=9223372036854775797")
        _ = try p.paginate(items(25), request: get("/x/?offset=9223372036854775808"), view: nil)
        #expect(p.previousLink() == "http://testserver/x/?limit=10&offset=9223372036854775798")
        _ = try p.paginate(items(25), request: get("/x/?offset=5&limit=7"), view: nil)
        #expect(p.nextLink() == "http://testserver/x/?limit=7&offset=12")
        #expect(p.previousLink() == "http://testserver/x/?limit=7")
        _ = try p.paginate(items(25), request: get("/x/?offset=15&limit=10"), view: nil)
        #expect(p.nextLink() == nil)
        #expect(p.previousLink() == "http://testserver/x/?limit=10&offset=5")
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

    /// A limit up to `Int.max` (no `maxLimit`) with an offset: offset + limit is past the end of
    /// `Int`, which must read as past the end of the rows. Answers from DRF 3.18 on the same rows.
    @Test(arguments: [
        (
            "/x/?limit=9223372036854775807&offset=5",
            #"{"count":25,"next":null,"previous":"http://testserver/x/?limit=9223372036854775807","results":[6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25]}"#
        ),
        (
            "/x/?offset=9223372036854775807&limit=9223372036854775807",
            #"{"count":25,"next":null,"previous":"http://testserver/x/?limit=9223372036854775807","results":[]}"#
        ),
        (
            "/x/?offset=9223372036854775806&limit=3",
            #"{"count":25,"next":null,"previous":"http://testserver/x/?limit=3&offset=9223372036854775803","results":[]}"#
        ),
    ])
    func hugeLimitAndOffsetWithoutMaximumMatchDRF(_ url: String, _ expected: String) throws {
        for strategy in [CountStrategy.exact, .none] {
            let expected = strategy == .none ? expected.replacing(#""count":25"#, with: #""count":null"#) : expected
            #expect(try paginate(LimitOffsetPagination(defaultLimit: 10, countStrategy: strategy), url, items(25)) == expected)
        }
    }

    /// Past CPython's 4300 digits `int()` raises: DRF then reads no offset and the default limit.
    @Test func numbersPastPythonsDigitLimitAreNotNumbers() throws {
        let digits = String(repeating: "1", count: 4301)
        #expect(
            try paginate(paginator(), "/x/?offset=" + digits, items(25))
                == #"{"count":25,"next":"http://testserver/x/?limit=10&offset=10","previous":null,"results":[1,2,3,4,5,6,7,8,9,10]}"#)
        #expect(
            try paginate(paginator(), "/x/?limit=\(digits)&offset=20", items(25))
                == #"{"count":25,"next":null,"previous":"http://testserver/x/?limit=10&offset=10","results":[21,22,23,24,25]}"#)
    }

    @Test func hugeLimitWithoutMaximumSaturates() throws {
        let p = LimitOffsetPagination(defaultLimit: 10)
        let page = try p.paginate(items(5), request: get("/x/?limit=99999999999999999999"), view: nil)
        #expect(page?.count == 5)
        #expect(p.nextLink() == nil)
    }
}
