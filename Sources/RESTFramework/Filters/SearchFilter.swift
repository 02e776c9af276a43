/// DRF's `SearchFilter`: `?search=ada lovelace` keeps the rows where every term matches at
/// least one of the view's `searchFields` (an AND of ORs), case-insensitively, with `%` and
/// `_` matched literally.
///
///     final class AccountSearch: APIView, FilteredView, SearchableView {
///         var filterBackends: [any FilterBackend] { [SearchFilter(), OrderingFilter()] }
///         var searchFields: [String] { ["name", "description"] }
///     }
///
/// Terms split on whitespace and commas; a quoted phrase is one term (`SearchTerms`). An empty
/// or blank search, or a view without search fields, filters nothing. A NUL character is a 400
/// `["Null characters are not allowed."]`, as DRF's `CharField` validation of the parameter.
/// Field prefixes as DRF's: `^name` starts with, `=name` exact (both case-insensitive); a name
/// ending in a lookup (`name__istartswith`) uses it. `@` (full text) and `$` (regex) are not
/// supported and fail as a configuration error.
public struct SearchFilter: FilterBackend {
    public var searchParam: String
    /// Overrides the view's `searchFields` when set.
    public var searchFields: [String]?

    public init(searchFields: [String]? = nil, searchParam: String = "search") {
        self.searchFields = searchFields
        self.searchParam = searchParam
    }

    public func filterQueryset<Q: Queryable>(_ request: Request, _ queryset: Q, view: APIView) throws -> Q {
        let fields = getSearchFields(view: view, request: request)
        let terms = try getSearchTerms(request)
        guard !fields.isEmpty, !terms.isEmpty else { return queryset }
        let lookups = try fields.map(Self.constructSearch)
        return queryset.filter(
            .and(
                terms.map { term in
                    .or(lookups.map { field, lookup in .field(field, lookup(term)) })
                }))
    }

    /// DRF's `get_search_fields`: this filter's, else the view's.
    public func getSearchFields(view: APIView, request: Request) -> [String] {
        searchFields ?? (view as? any SearchableView)?.searchFields ?? []
    }

    /// DRF's `get_search_terms`: the last `?search=` value, validated as a `CharField` would
    /// (no NUL characters), split by `SearchTerms`.
    public func getSearchTerms(_ request: Request) throws -> [String] {
        let value = request.query[searchParam] ?? ""
        if value.unicodeScalars.contains("\0") {
            throw ValidationError(.array(["Null characters are not allowed."]), code: "null_characters_not_allowed")
        }
        return SearchTerms.split(value)
    }

    /// DRF's `construct_search`: the field and the lookup one term is matched with.
    static func constructSearch(_ name: String) throws -> (String, @Sendable (String) -> Lookup) {
        switch name.first {
        case "^": return (String(name.dropFirst()), { .istartswith($0) })
        case "=": return (String(name.dropFirst()), { .iexact($0) })
        case "@", "$":
            throw ImproperlyConfigured("Search field '\(name)': full-text (@) and regex ($) search are not supported.")
        default:
            break
        }
        if let separator = LookupSeparator.last(in: name[...]) {
            let field = String(name[..<separator.lowerBound])
            switch name[separator.upperBound...] {
            case "icontains": return (field, { .icontains($0) })
            case "contains": return (field, { .contains($0) })
            case "iexact": return (field, { .iexact($0) })
            case "exact": return (field, { .exact(.string($0)) })
            case "istartswith": return (field, { .istartswith($0) })
            case "startswith": return (field, { .startswith($0) })
            default: break  // a relation path (`owner__username`): the default lookup on it
            }
        }
        return (name, { .icontains($0) })
    }
}
