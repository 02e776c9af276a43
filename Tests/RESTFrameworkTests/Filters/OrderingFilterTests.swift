import Testing
@testable import RESTFramework

@Suite struct OrderingFilterTests {
    let rows = InMemoryQuerySet([
        Item(id: 1, name: "b", created: DateTime(microsecondsSinceEpoch: 3)),
        Item(id: 2, name: "a", created: DateTime(microsecondsSinceEpoch: 1)),
        Item(id: 3, name: "b", created: DateTime(microsecondsSinceEpoch: 2)),
        Item(id: 4, name: "c", created: DateTime(microsecondsSinceEpoch: 2)),
    ])

    func order(_ query: String, view: APIView = AccountsView()) throws -> [Int64] {
        try OrderingFilter().filterQueryset(get("/x/?" + query), rows.orderBy("-id"), view: view).all().map(\.id)
    }

    @Test func allowedFieldsInOrder() throws {
        #expect(try order("ordering=name,-created") == [2, 1, 3, 4])
        #expect(try order("ordering=-name") == [4, 1, 3, 2])
        #expect(try order("ordering=+created,id") == [2, 3, 4, 1])  // `+` is a space, trimmed
        #expect(try order("ordering=%20created%20,%20-id%20") == [2, 4, 3, 1])
    }

    @Test func unknownTermsAreDroppedAndTheRestKept() throws {
        #expect(try order("ordering=password,-name,description") == [4, 1, 3, 2])
        #expect(try order("ordering=--name,-created") == [1, 3, 4, 2])
    }

    @Test(arguments: ["", "ordering=", "ordering=password", "ordering=,,", "ordering=-", "ordering=name__x"])
    func defaultOrderingWhenNothingValid(_ query: String) throws {
        #expect(try order(query) == [1, 2, 3, 4])
    }

    @Test func withoutDefaultTheQuerysetKeepsItsOrdering() throws {
        final class Plain: APIView, OrderableView {
            var orderingFields: [String]? { nil }
            var ordering: [String]? { nil }
        }
        #expect(try order("ordering=name", view: Plain()) == [4, 3, 2, 1])
        let filter = OrderingFilter(orderingFields: ["name"])
        #expect(try filter.filterQueryset(get("/x/?ordering=name"), rows, view: Plain()).all().map(\.id) == [2, 1, 3, 4])
    }

    @Test func orderingParamIsConfigurable() throws {
        let filter = OrderingFilter(orderingParam: "sort")
        #expect(filter.ordering(for: get("/x/?sort=-id"), view: AccountsView()) == ["-id"])
        #expect(filter.ordering(for: get("/x/?ordering=-id"), view: AccountsView()) == ["id"])
    }
}
