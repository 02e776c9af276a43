import PostgreSQL
import RESTFramework

/// An enum stored in a text or integer column, with choices (Django's `TextChoices` and
/// `IntegerChoices`). The raw value is what the column holds; `displayName` is the label
/// (by default, for text, the case name in words, title case: `inProgress` → `In Progress`).
///
///     enum Status: String, ColumnEnum {
///         case planned, active, done
///     }
///
///     enum Priority: Int16, ColumnEnum {
///         case high = 1, normal = 2, low = 3
///
///         var displayName: String {
///             switch self {
///             case .high: "High"
///             case .normal: "Normal"
///             case .low: "Low"
///             }
///         }
///     }
///
/// A model property of such a type (or its optional) is a column like any other; its choices are
/// data on the column (`Column.choices`), in declaration order, for the serializer's
/// `ChoiceField`, OPTIONS and the filter backend. A stored value that is not a case is a
/// decoding error naming the column and the choices.
public protocol ColumnEnum: ColumnValue, RawRepresentable, CaseIterable where RawValue: ColumnValue {
    /// The label shown for this case (Django's `label`).
    var displayName: String { get }
}

extension ColumnEnum {
    public static var columnType: ColumnType { RawValue.columnType }
    public var fieldValue: FieldValue { rawValue.fieldValue }
    public static var choices: [Choice]? { allCases.map { Choice(value: $0.rawValue.fieldValue, displayName: $0.displayName) } }

    public static func decode(_ row: Row, column: Int) throws -> Self {
        let raw = try RawValue.decode(row, column: column)
        if let value = Self(rawValue: raw) { return value }
        let name = row.result.columnName(column)
        let allowed = allCases.map { "\($0.rawValue)" }.joined(separator: ", ")
        throw PostgresError(
            kind: .decoding,
            message: "column \"\(name)\" holds \(raw), which is not one of \(Self.self)'s choices (\(allowed))", column: name)
    }
}

extension ColumnEnum where RawValue == String {
    /// Django's default label (`IN_PROGRESS` → `In Progress`) for a Swift case name: its words
    /// (split at capitals and `_`) in title case (`inProgress` → `In Progress`).
    public var displayName: String {
        var words: [String] = []
        for character in String(describing: self) {
            if character == "_" {
                words.append("")
            } else if character.isUppercase || words.isEmpty {
                words.append(String(character))
            } else {
                words[words.count - 1].append(character)
            }
        }
        return words.filter { !$0.isEmpty }.map { $0.prefix(1).uppercased() + $0.dropFirst().lowercased() }.joined(separator: " ")
    }
}
