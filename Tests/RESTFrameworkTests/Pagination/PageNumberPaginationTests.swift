import Testing
@testable import RESTFramework
import RESTTesting

@Suite struct PageNumberPaginationTests {
    /// The reference API's default paginator: size 10, `page_size` up to 100.
    func paginator() -> PageNumberPagination {
        PageNumberPagination(pageSize: 10, pageSizeQueryParam: "page_size", maxPageSize: 100)
    }

    @Test(arguments: DRFReference.pageNumber25)
    func matchesDRF(_ url: String, _ expected: String) throws {
        #expect(try paginate(paginator(), url, items(25).orderBy("id")) == expected)
    }

    @Test(arguments: DRFReference.pageNumberEmpty)
    func emptyListMatchesDRF(_ url: String, _ expected: String) throws {
        #expect(try paginate(paginator(), url, items(0)) == expected)
    }

    @Test func envelopeKeysInDRFOrder() throws {
        let p = paginator()
        _ = try p.paginate(items(3), request: get("/x/"), view: nil)
        #expect(p.paginatedResponse([]).data?.objectValue?.keys == ["count", "next", "previous", "results"])
    }

    @Test func linksKeepPathSuffixSlashAndSchemeHost() throws {
        let p = paginator()
        let request = APIRequestFactory(scheme: "https").get(
            "/api/users.json/?page=2&format=json",
            headers: ["Host": "api.example.com:8443"])
        _ = try p.paginate(items(30), request: request, view: nil)
        #expect(p.nextLink() == "https://api.example.com:8443/api/users.json/?format=json&page=3")
        #expect(p.previousLink() == "https://api.example.com:8443/api/users.json/?format=json")
    }

    @Test func linksSortParametersByCodePointAndEscapeThePath() throws {
        let p = paginator()
        // Upper case sorts before lower case, `_` between them, as Python's sorted() does.
        _ = try p.paginate(items(30), request: get("/a b/é/?b=1&B=2&_=3&page=2&a=x%2By"), view: nil)
        #expect(p.nextLink() == "http://testserver/a%20b/%C3%A9/?B=2&_=3&a=x%2By&b=1&page=3")
    }

    @Test func pageSizeComesFromSettingsWhenTheClassSetsNone() throws {
        final class View: APIView {}
        let view = View()
        view.settings.pageSize = 4
        let p = PageNumberPagination()
        let page = try p.paginate(items(9), request: get("/x/?page=3"), view: view)
        #expect(page?.map(\.id) == [9])
        // No size anywhere: pagination is off.
        #expect(try PageNumberPagination().paginate(items(9), request: get("/x/"), view: nil) == nil)
    }

    @Test func customLastPageStringsAndParameterName() throws {
        let p = PageNumberPagination(pageSize: 2)
        p.pageQueryParam = "p"
        p.lastPageStrings = ["last", "end"]
        #expect(try p.paginate(items(5), request: get("/x/?p=end"), view: nil)?.map(\.id) == [5])
        #expect(p.previousLink() == "http://testserver/x/?p=2")
    }

    /// A client page size up to `Int.max` (no `maxPageSize`): the page's offset, and offset plus
    /// size, go past the end of `Int`. Answers from DRF 3.18 on the same rows.
    @Test(arguments: [
        (
            "/x/?page_size=9223372036854775807",
            #"{"count":25,"next":null,"previous":null,"results":[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25]}"#
        ),
        ("/x/?page_size=9223372036854775807&page=2", #"{"error":"Invalid page."}"#),
        ("/x/?page_size=4611686018427387904&page=2", #"{"error":"Invalid page."}"#),
        ("/x/?page=922337203685477581", #"{"error":"Invalid page."}"#),
    ])
    func hugePageSizesAndNumbersMatchDRF(_ url: String, _ expected: String) throws {
        for strategy in [CountStrategy.exact, .none] {
            let expected = strategy == .none ? expected.replacing(#""count":25"#, with: #""count":null"#) : expected
            let p = PageNumberPagination(pageSize: 10, pageSizeQueryParam: "page_size", countStrategy: strategy)
            #expect(try paginate(p, url, items(25)) == expected)
        }
    }
}
