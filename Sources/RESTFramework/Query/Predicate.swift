/// A filter condition over model fields, as Django's `filter(**lookups)` and `Q` objects express
/// it. Pure data: the model layer compiles it to SQL with bound parameters; tests can evaluate
/// it in memory. Values never become SQL text.
///
///     let p: Predicate = .field("username", .icontains("ada")) || .field("email", .icontains("ada"))
///     let q: Predicate = !.field("last_login", .isNull(true)) && .field("id", .gt(10))
///     let r: Predicate = .field("created", .year(2024)) && .field("title", .iregex("^(draft|wip):"))
public indirect enum Predicate: Sendable {
    case field(String, Lookup)
    case and([Predicate])
    case or([Predicate])
    case not(Predicate)
    /// `field IN (subquery)`: scoping by a related table ("the accounts this user is a member of").
    case inSubquery(String, any SubqueryExpression)
    /// Matches every row (`true`) or none (`false`).
    case constant(Bool)

    public static func && (a: Predicate, b: Predicate) -> Predicate { .and([a, b]) }
    public static func || (a: Predicate, b: Predicate) -> Predicate { .or([a, b]) }
    public static prefix func ! (a: Predicate) -> Predicate { .not(a) }
}

/// Django's field lookups.
public enum Lookup: Sendable, Hashable {
    case exact(FieldValue)
    case iexact(String)
    case lt(FieldValue), lte(FieldValue), gt(FieldValue), gte(FieldValue)
    case `in`([FieldValue])
    /// Case-sensitive and case-insensitive substring matches; `%` and `_` are literal.
    case contains(String), icontains(String)
    case startswith(String), istartswith(String)
    case endswith(String), iendswith(String)
    case isNull(Bool)
    /// Django's `range`: `BETWEEN low AND high`, both ends included, values coerced as `gte`/`lte`.
    case range(FieldValue, FieldValue)
    /// PostgreSQL's `~` and `~*` on the field's text (Django's `regex` and `iregex`). In memory
    /// the pattern is a Swift `Regex` matching code points: the two agree on the common syntax
    /// (classes, anchors, quantifiers, groups, alternation), not on PostgreSQL-only escapes.
    case regex(String), iregex(String)
    /// Django's `created__date=...` on a timestamp: the UTC day (`"2024-01-31"` or a `DateTime`).
    case date(FieldValue)
    /// Django's `created__year=...` on a timestamp: the UTC year (`2024` or `"2024"`).
    case year(FieldValue)
    /// A comparison with another field of the same row: spelt `.gt(F("created"))`.
    case fieldComparison(FieldComparison, F)
}

/// A subquery the model layer can compile (a queryset's `values(column)`).
public protocol SubqueryExpression: Sendable {}

/// One ordering term: `"-created"` is descending; nulls placement optional (`NULLS LAST`).
///
///     OrderTerm("-last_login", nulls: .last)
public struct OrderTerm: Sendable, Hashable, CustomStringConvertible {
    public enum Nulls: Sendable, Hashable { case first, last }
    public var field: String
    public var descending: Bool
    public var nulls: Nulls?

    public init(field: String, descending: Bool = false, nulls: Nulls? = nil) {
        self.field = field
        self.descending = descending
        self.nulls = nulls
    }

    /// Parses Django's `"-field"` notation.
    public init(_ text: String, nulls: Nulls? = nil) {
        if text.hasPrefix("-") {
            self.init(field: String(text.dropFirst()), descending: true, nulls: nulls)
        } else {
            self.init(field: text, descending: false, nulls: nulls)
        }
    }

    public var reversed: OrderTerm {
        OrderTerm(field: field, descending: !descending, nulls: nulls.map { $0 == .first ? .last : .first })
    }

    public var description: String { (descending ? "-" : "") + field }
}
