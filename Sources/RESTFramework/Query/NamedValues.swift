/// Named values in order: what Django returns as a dict from `aggregate()` and as each row of
/// `values(...).annotate(...)`. Readable by name (a serializer can render it) and as JSON.
///
///     let totals = NamedValues([("count", 4), ("budget_total", .null)])
///     totals["count"]   // .int(4)
///     totals.json       // {"count": 4, "budget_total": null}
public struct NamedValues: Sendable, Hashable, FieldReadable, CustomStringConvertible {
    public let names: [String]
    public let values: [FieldValue]

    public init(_ pairs: [(String, FieldValue)]) {
        names = pairs.map(\.0)
        values = pairs.map(\.1)
    }

    /// The value named `name`; nil when there is none.
    public subscript(name: String) -> FieldValue? {
        names.firstIndex(of: name).map { values[$0] }
    }

    public func fieldValue(_ name: String) -> FieldValue? { self[name] }

    /// The pairs, in order.
    public var pairs: [(name: String, value: FieldValue)] { Array(zip(names, values)) }

    /// A JSON object of the values, in order.
    public var json: JSON { .object(pairs.map { ($0.name, $0.value.json) }) }

    public var description: String {
        "{" + pairs.map { "\($0.name): \($0.value)" }.joined(separator: ", ") + "}"
    }
}
