/// django-filter's `filterset_fields`: the fields a view filters on, each with its lookups. A
/// list gives each field the `exact` lookup; a dictionary names the lookups. The query parameter
/// of a lookup is `field__lookup`, and of `exact` the bare field name.
///
///     var filtersetFields: FiltersetFields { ["status", "account"] }
///
///     var filtersetFields: FiltersetFields { ["status": ["exact", "in"], "budget": ["gte", "lte"]] }
///
/// The order is the declaration's (a dictionary literal keeps it): it is the order of the errors
/// in a 400, as django-filter's form reports them.
public struct FiltersetFields: Sendable, Hashable, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    /// Each field with its lookups, in declaration order.
    public var fields: [(name: String, lookups: [String])] {
        zip(names, lookups).map { ($0, $1) }
    }

    private var names: [String]
    private var lookups: [[String]]

    public init(_ fields: [(name: String, lookups: [String])]) {
        names = fields.map(\.name)
        lookups = fields.map(\.lookups)
    }

    public init(arrayLiteral names: String...) {
        self.init(names.map { ($0, ["exact"]) })
    }

    public init(dictionaryLiteral elements: (String, [String])...) {
        self.init(elements.map { ($0.0, $0.1) })
    }

    /// django-filter's `get_filter_name`: `field__lookup`, with a trailing `__exact` left off.
    static func filterName(field: String, lookup: String) -> String {
        let name = field + "__" + lookup
        return name.hasSuffix("__exact") ? String(name.dropLast("__exact".count)) : name
    }
}

/// django-filter's `filterset_fields` on a view, read by `DjangoFilterBackend`.
///
///     final class ProjectViewSet: ModelViewSet<QuerySet<Project>>, FilterableView {
///         override class var filterBackends: [any FilterBackend]? { [DjangoFilterBackend(), SearchFilter(), OrderingFilter()] }
///         var filtersetFields: FiltersetFields { ["status": ["exact", "in"], "budget": ["gte", "lte"], "account": ["exact"]] }
///     }
public protocol FilterableView: AnyObject {
    var filtersetFields: FiltersetFields { get }
}
