import RESTFramework

/// A column value with a fixed set of values, Django's `choices`: `DjangoFilterBackend`'s
/// `exact` filter on such a column accepts only these ("Select a valid choice. x is not one of
/// the available choices."). A nullable column of it has the same choices.
///
///     enum ProjectStatus: String, ColumnChoices {
///         case planned, active, done
///         static var choices: [FieldValue] { [.string("planned"), .string("active"), .string("done")] }
///         // columnType, fieldValue, decode: as for any ColumnValue
///     }
public protocol ColumnChoices: ColumnValue {
    static var choices: [FieldValue] { get }
}

extension Optional: ColumnChoices where Wrapped: ColumnChoices {
    public static var choices: [FieldValue] { Wrapped.choices }
}

extension ColumnValue {
    /// The choices of a `ColumnChoices` type, nil for any other: read once, where a column is declared.
    @usableFromInline static var declaredChoices: [FieldValue]? { (Self.self as? any ColumnChoices.Type)?.choices }
}
