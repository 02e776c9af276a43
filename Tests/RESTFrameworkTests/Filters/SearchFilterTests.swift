import Testing
@testable import RESTFramework

final class AccountsView: APIView, FilteredView, SearchableView, OrderableView {
    var filterBackends: [any FilterBackend] { [SearchFilter(), OrderingFilter()] }
    var searchFields: [String] { ["name", "description"] }
    var orderingFields: [String]? { ["name", "created", "id"] }
    var ordering: [String]? { ["id"] }
}

let accounts = InMemoryQuerySet([
    Item(id: 1, name: "Ada Lovelace", description: "analytical engine"),
    Item(id: 2, name: "Grace Hopper", description: "compilers, COBOL"),
    Item(id: 3, name: "Alan Turing", description: "computable numbers"),
    Item(id: 4, name: "100% cotton", description: "a_b"),
    Item(id: 5, name: "Édith", description: "ÉCOLE straße"),
])

func search(_ query: String, fields: [String]? = nil) throws -> [Int64] {
    let request = get("/api/public-accounts/?" + query)
    return try SearchFilter(searchFields: fields).filterQueryset(request, accounts, view: AccountsView()).all().map(\.id)
}

@Suite struct SearchFilterTests {
    /// Reference splits printed by DRF 3.16's `search_smart_split`.
    @Test(arguments: [
        ("ada lovelace", ["ada", "lovelace"]),
        ("ada,lovelace", ["ada", "lovelace"]),
        (#""grace hopper" ada"#, ["grace hopper", "ada"]),
        ("'x,y' z", ["x,y", "z"]),
        (#","a b","#, ["a b"]),
        (#"a"b c"d"#, [#"a"b c"d"#]),
        (#""unterminated x"#, [#""unterminated"#, "x"]),
        ("'", [""]),
        (#"""#, [""]),
        ("a,,b , c", ["a", "b", "c"]),
        (#""a\"b" c"#, [#"a"b"#, "c"]),
        ("it's fine", ["it's", "fine"]),
        ("  ", []),
        (#"x"a b"y"c d"z w"#, [#"x"a b"y"c d"z"#, "w"]),
        ("a\u{3000}b\u{1F}c", ["a", "b", "c"]),
        (#""a, b",c"#, [#""a"#, #"b""#, "c"]),
        (#""""#, [""]),
        ("a'b'c'd", ["a'b'c", "'d"]),
        ("\"a\\\nb\" c", ["\"a\\", "b\"", "c"]),
    ])
    func splitsAsDRF(_ text: String, _ expected: [String]) {
        #expect(SearchTerms.split(text) == expected)
    }

    @Test func everyTermMustMatchSomeField() throws {
        #expect(try search("search=an") == [1, 3])  // in a name or a description
        #expect(try search("search=ada+engine") == [1])  // one term per field
        #expect(try search("search=ada,hopper") == [])  // AND, not OR
        #expect(try search("search=COMP") == [2, 3])  // case-insensitive, either field
        #expect(try search("search=%22grace+hopper%22") == [2])
        #expect(try search("search=%22hopper+grace%22") == [])
    }

    @Test func percentAndUnderscoreAreLiteral() throws {
        #expect(try search("search=%25") == [4])
        #expect(try search("search=a_b") == [4])
        #expect(try search("search=_") == [4])
    }

    @Test func unicodeCaseInsensitivity() throws {
        #expect(try search("search=%C3%A9cole") == [5])  // é matches É
        #expect(try search("search=STRASSE") == [])  // ß is not SS in UPPER()
        #expect(try search("search=STRAßE") == [5])
    }

    @Test(arguments: ["", "search=", "search=+++", "search=%2C", "other=x"])
    func blankSearchFiltersNothing(_ query: String) throws {
        #expect(try search(query) == [1, 2, 3, 4, 5])
    }

    @Test func lastValueOfTheParameterWins() throws {
        #expect(try search("search=zzz&search=ada") == [1])
    }

    @Test func nullCharacterIsA400WithDRFsBody() throws {
        let error = try #require(throws: ValidationError.self) { try search("search=a%00b") }
        #expect(error.statusCode == 400)
        #expect(JSONWriter.renderString(error.responseData) == #"["Null characters are not allowed."]"#)
    }

    @Test func fieldPrefixesAndExplicitLookups() throws {
        #expect(try search("search=al", fields: ["^name"]) == [3])
        #expect(try search("search=grace+hopper", fields: ["=name"]) == [])
        #expect(try search("search=%22grace+hopper%22", fields: ["=name"]) == [2])
        #expect(try search("search=Ada", fields: ["name__startswith"]) == [1])
        #expect(try search("search=ada", fields: ["name__startswith"]) == [])
        #expect(throws: ImproperlyConfigured.self) { try search("search=x", fields: ["@name"]) }
    }

    @Test func viewWithoutSearchFieldsIsNotFiltered() throws {
        final class Plain: APIView {}
        let rows = try SearchFilter().filterQueryset(get("/x/?search=zzz"), accounts, view: Plain()).all()
        #expect(rows.count == 5)
    }
}
