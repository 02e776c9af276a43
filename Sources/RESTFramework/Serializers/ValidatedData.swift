/// The result of validation: field sources mapped to their internal values, in serializer-field
/// order (what DRF's `validated_data` dictionary holds). A dotted source (`"owner.username"`) is
/// kept as one key; the model layer decides what it means.
///
///     var attrs: ValidatedData = ["username": "ada", "is_staff": false]
///     attrs["email"] = ""
///     attrs["username"]        // .string("ada")
public struct ValidatedData: Sendable, Equatable, Sequence, FieldReadable, ExpressibleByDictionaryLiteral,
    CustomStringConvertible
{
    public private(set) var pairs: [(key: String, value: FieldValue)]

    public init() { pairs = [] }
    public init(_ pairs: [(String, FieldValue)]) { self.pairs = pairs.map { (key: $0.0, value: $0.1) } }
    public init(dictionaryLiteral elements: (String, FieldValue)...) { self.init(elements) }

    /// Setting a key keeps its place; setting nil removes it.
    public subscript(key: String) -> FieldValue? {
        get { pairs.first { $0.key == key }?.value }
        set {
            if let index = pairs.firstIndex(where: { $0.key == key }) {
                if let newValue { pairs[index].value = newValue } else { pairs.remove(at: index) }
            } else if let newValue {
                pairs.append((key: key, value: newValue))
            }
        }
    }

    public var keys: [String] { pairs.map(\.key) }
    public var count: Int { pairs.count }
    public var isEmpty: Bool { pairs.isEmpty }
    public func contains(_ key: String) -> Bool { pairs.contains { $0.key == key } }
    public func makeIterator() -> IndexingIterator<[(key: String, value: FieldValue)]> { pairs.makeIterator() }

    /// `{**self, **other}`: other's values win; new keys go last.
    public func merging(_ other: ValidatedData) -> ValidatedData {
        var merged = self
        for (key, value) in other { merged[key] = value }
        return merged
    }

    public func fieldValue(_ name: String) -> FieldValue? { self[name] }

    /// The values as JSON (datetimes as ISO 8601), for logs and tests.
    public var json: JSON { .object(pairs.map { ($0.key, $0.value.json) }) }
    public var description: String { JSONWriter.renderString(json) }

    public static func == (lhs: ValidatedData, rhs: ValidatedData) -> Bool {
        lhs.pairs.elementsEqual(rhs.pairs) { $0.key == $1.key && $0.value == $1.value }
    }
}
