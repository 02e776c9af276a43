/// One allowed value of a field with choices and the name shown for it: Django's `choices`
/// pairs, what DRF's `ChoiceField` accepts and what OPTIONS lists as `{"value", "display_name"}`.
///
///     let planned = Choice(value: .string("planned"), displayName: "Planned")
public struct Choice: Sendable, Hashable {
    public let value: FieldValue
    public let displayName: String

    public init(value: FieldValue, displayName: String) {
        self.value = value
        self.displayName = displayName
    }
}
