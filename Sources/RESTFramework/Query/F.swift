/// Django's `F("field")` in a filter: the value of another field of the same row, compiled to a
/// column reference (never a parameter). An unknown name is a `FieldError`.
///
///     let edited: Predicate = .field("updated", .gt(F("created")))   // updated > created
public struct F: Sendable, Hashable {
    public let field: String
    public init(_ field: String) { self.field = field }
}

/// How a field compares with another field of its row (`Lookup.fieldComparison`).
public enum FieldComparison: Sendable, Hashable {
    case exact, lt, lte, gt, gte
}

extension Lookup {
    /// `field = other` (NULL on either side matches nothing, as SQL's `=`).
    public static func exact(_ other: F) -> Lookup { .fieldComparison(.exact, other) }
    public static func lt(_ other: F) -> Lookup { .fieldComparison(.lt, other) }
    public static func lte(_ other: F) -> Lookup { .fieldComparison(.lte, other) }
    public static func gt(_ other: F) -> Lookup { .fieldComparison(.gt, other) }
    public static func gte(_ other: F) -> Lookup { .fieldComparison(.gte, other) }
}
