import Testing
@testable import RESTFramework

@Suite struct CountStrategyTests {
    @Test func noneReportsNullCountAndFindsNextByLookAhead() throws {
        let p = PageNumberPagination(pageSize: 10, countStrategy: .none)
        #expect(
            try paginate(p, "/x/?page=2", items(25))
                == #"{"count":null,"next":"http://testserver/x/?page=3","previous":"http://testserver/x/","results":[11,12,13,14,15,16,17,18,19,20]}"#
        )
        #expect(
            try paginate(PageNumberPagination(pageSize: 10, countStrategy: .none), "/x/?page=3", items(25))
                == #"{"count":null,"next":null,"previous":"http://testserver/x/?page=2","results":[21,22,23,24,25]}"#)
        // Exactly full last page: no phantom next.
        #expect(try paginate(PageNumberPagination(pageSize: 5, countStrategy: .none), "/x/?page=5", items(25)).contains(#""next":null"#))
    }

    @Test(arguments: ["/x/?page=4", "/x/?page=last", "/x/?page=0", "/x/?page=99999999999999999999"])
    func noneRefusesPagesPastTheDataAndLast(_ url: String) throws {
        #expect(try paginate(PageNumberPagination(pageSize: 10, countStrategy: .none), url, items(25)) == #"{"error":"Invalid page."}"#)
    }

    @Test func noneAcceptsAnEmptyFirstPage() throws {
        #expect(
            try paginate(PageNumberPagination(pageSize: 10, countStrategy: .none), "/x/", items(0))
                == #"{"count":null,"next":null,"previous":null,"results":[]}"#)
    }

    @Test func estimatedReportsTheEstimateButNavigatesByRows() throws {
        var rows = items(25)
        rows.estimate = 40
        #expect(
            try paginate(PageNumberPagination(pageSize: 10, countStrategy: .estimated), "/x/?page=3", rows)
                == #"{"count":40,"next":null,"previous":"http://testserver/x/?page=2","results":[21,22,23,24,25]}"#)
        // `last` is the estimate's last page; here it has no rows.
        #expect(
            try paginate(PageNumberPagination(pageSize: 10, countStrategy: .estimated), "/x/?page=last", rows)
                == #"{"error":"Invalid page."}"#)
        rows.estimate = 21
        #expect(
            try paginate(PageNumberPagination(pageSize: 10, countStrategy: .estimated), "/x/?page=last", rows)
                == #"{"count":21,"next":null,"previous":"http://testserver/x/?page=2","results":[21,22,23,24,25]}"#)
    }

    @Test func estimatedFallsBackToExactWithoutAnEstimate() throws {
        #expect(
            try paginate(PageNumberPagination(pageSize: 10, countStrategy: .estimated), "/x/?page=last", items(25))
                == #"{"count":25,"next":null,"previous":"http://testserver/x/?page=2","results":[21,22,23,24,25]}"#)
        #expect(
            try paginate(LimitOffsetPagination(defaultLimit: 10, countStrategy: .estimated), "/x/?offset=20", items(25))
                == #"{"count":25,"next":null,"previous":"http://testserver/x/?limit=10&offset=10","results":[21,22,23,24,25]}"#)
    }

    @Test func limitOffsetWithoutCount() throws {
        let p = LimitOffsetPagination(defaultLimit: 10, countStrategy: .none)
        #expect(
            try paginate(p, "/x/?offset=10", items(25))
                == #"{"count":null,"next":"http://testserver/x/?limit=10&offset=20","previous":"http://testserver/x/?limit=10","results":[11,12,13,14,15,16,17,18,19,20]}"#
        )
        #expect(
            try paginate(LimitOffsetPagination(defaultLimit: 10, countStrategy: .none), "/x/?offset=99999999999999999999", items(25))
                == #"{"count":null,"next":null,"previous":"http://testserver/x/?limit=10&offset=99999999999999999989","results":[]}"#)
        var rows = items(25)
        rows.estimate = 1000
        #expect(
            try paginate(LimitOffsetPagination(defaultLimit: 10, countStrategy: .estimated), "/x/?offset=20", rows)
                == #"{"count":1000,"next":null,"previous":"http://testserver/x/?limit=10&offset=10","results":[21,22,23,24,25]}"#)
    }
}
