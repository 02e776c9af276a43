import Testing
@testable import RESTFramework

/// The reference API's public accounts: search, then ordering, then limit/offset pages.
@Suite struct FilterPipelineTests {
    func list(_ url: String) throws -> String {
        let view = AccountsView()
        let request = get(url)
        view.request = request
        let filtered = try view.filterQueryset(accounts)
        return try paginate(LimitOffsetPagination(defaultLimit: 2, maxLimit: 100), url, filtered, view: view)
    }

    @Test func searchOrderAndPage() throws {
        #expect(
            try list("/api/public-accounts/?search=a&ordering=-name,bogus&offset=1")
                == #"{"count":5,"next":"http://testserver/api/public-accounts/?limit=2&offset=3&ordering=-name%2Cbogus&search=a","previous":"http://testserver/api/public-accounts/?limit=2&ordering=-name%2Cbogus&search=a","results":[2,3]}"#
        )
        #expect(try list("/api/public-accounts/?search=%22alan+t%22") == #"{"count":1,"next":null,"previous":null,"results":[3]}"#)
        // No ordering asked for: the view's default, id.
        #expect(
            try list("/api/public-accounts/?ordering=password")
                == #"{"count":5,"next":"http://testserver/api/public-accounts/?limit=2&offset=2&ordering=password","previous":null,"results":[1,2]}"#
        )
    }
}
