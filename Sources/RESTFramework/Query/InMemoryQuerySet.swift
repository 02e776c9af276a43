/// A `Queryable` over an array: every `Predicate` and `Lookup` evaluated in memory, with the
/// semantics the model layer's SQL compiler must reproduce on PostgreSQL. Used by the
/// framework's tests, by applications' unit tests, and as the executable specification of a
/// queryset.
///
///     struct Row: FieldReadable {
///         let id: Int64; let name: String
///         func fieldValue(_ name: String) -> FieldValue? {
///             switch name { case "id": .int(id); case "name": .string(self.name); default: nil }
///         }
///     }
///     let rows = InMemoryQuerySet([Row(id: 1, name: "Ada"), Row(id: 2, name: "Alan")])
///     try rows.filter(.field("name", .icontains("AL"))).orderBy("-id").all()   // [Alan]
///
/// The semantics, row by row (see `InMemoryEvaluation` for the details):
/// - Two-valued logic, as Django's: a comparison with NULL is false, and `.not`/`exclude` keep
///   the rows where the field is NULL (Django compiles `~Q(f__lt=5)` to
///   `NOT (f < 5 AND f IS NOT NULL)`). `.exact(.null)` is `IS NULL`; NULLs in `.in` never match.
/// - Values are coerced to the field's type as Django's `get_prep_value` does: `.string("42")`
///   against an integer field is 42 (Python's `int()` rules, any size: an integer beyond 64 bits
///   is below or above every row, as Django 5's overflow handling makes it); text that is not a
///   number throws `QueryValueError.cannotCoerce`.
/// - `contains`/`startswith` match literally (`%` and `_` are not wildcards); the `i` variants
///   compare `UPPER()` of both sides, per character, as PostgreSQL's `UPPER` does. Non-text
///   fields are matched on their `::text` form.
/// - Text orders by code point (PostgreSQL's `C` collation).
/// - Ordering puts NULLs last ascending and first descending (PostgreSQL's default) unless the
///   term says otherwise. Rows equal on every term keep their array order (a database promises
///   nothing there: order by a unique field last).
public struct InMemoryQuerySet<Element: FieldReadable>: Queryable {
    public let rows: [Element]
    public private(set) var predicates: [Predicate] = []
    public private(set) var ordering: [OrderTerm] = []
    /// What `estimatedCount()` answers (nil: no estimate), to exercise count strategies.
    public var estimate: Int?
    /// What `DjangoFilterBackend` learns of each field (rows carry values, not types).
    public var filterFields: [String: FilterField] = [:]
    /// The keys of the related rows a foreign key filter accepts, by filter field (`"account"`).
    public var relatedKeys: [String: Set<FieldValue>] = [:]

    public init(_ rows: [Element], estimate: Int? = nil) {
        self.rows = rows
        self.estimate = estimate
    }

    public func filter(_ predicate: Predicate) -> InMemoryQuerySet {
        var copy = self
        copy.predicates.append(predicate)
        return copy
    }

    public func exclude(_ predicate: Predicate) -> InMemoryQuerySet { filter(!predicate) }

    public func orderBy(_ terms: [OrderTerm]) -> InMemoryQuerySet {
        var copy = self
        copy.ordering = terms
        return copy
    }

    public func count() throws -> Int { try evaluate().count }

    public func estimatedCount() throws -> Int? { estimate }

    public func fetch(offset: Int, limit: Int?) throws -> [Element] {
        let all = try evaluate()
        let start = min(max(offset, 0), all.count)
        // A limit from a request can be as large as `Int.max` (`?limit=` without `maxLimit`):
        // past the end of `Int` is past the end of the rows.
        let end =
            limit.map { limit in
                let (sum, overflow) = start.addingReportingOverflow(max(limit, 0))
                return overflow ? all.count : min(sum, all.count)
            } ?? all.count
        return Array(all[start..<end])
    }

    /// The matching rows in order.
    public func evaluate() throws -> [Element] {
        let predicate = Predicate.and(predicates)
        var matching: [(offset: Int, element: Element)] = []
        for (offset, row) in rows.enumerated() where try InMemoryEvaluation.matches(row, predicate) {
            matching.append((offset, row))
        }
        guard !ordering.isEmpty else { return matching.map(\.element) }
        // Read every sort key first so an unknown field throws instead of trapping in the sort.
        let keys = try matching.map { entry in
            try ordering.map { term in
                guard let value = entry.element.fieldValue(term.field) else { throw FieldError(Element.self, field: term.field) }
                return value
            }
        }
        let sortedIndices = matching.indices.sorted { a, b in
            let order = InMemoryEvaluation.compareRows(keys[a], keys[b], ordering)
            return order != 0 ? order < 0 : matching[a].offset < matching[b].offset
        }
        return sortedIndices.map { matching[$0].element }
    }
}

extension InMemoryQuerySet: Sendable where Element: Sendable {}

extension InMemoryQuerySet where Element: Sendable {
    /// Django's `values_list(field, flat=True)` as a subquery for `Predicate.inSubquery`.
    ///
    ///     let memberOf = memberships.filter(.field("user_id", .exact(7))).values("account_id")
    ///     accounts.filter(.inSubquery("id", memberOf))
    public func values(_ field: String) -> InMemorySubquery {
        InMemorySubquery {
            try self.evaluate().map { row in
                guard let value = row.fieldValue(field) else { throw FieldError(Element.self, field: field) }
                return value
            }
        }
    }
}

/// A subquery the in-memory queryset can evaluate: a lazily computed list of values.
public struct InMemorySubquery: SubqueryExpression {
    let values: @Sendable () throws -> [FieldValue]

    public init(_ values: @escaping @Sendable () throws -> [FieldValue]) { self.values = values }
    public init(values: [FieldValue]) { self.values = { values } }
}
