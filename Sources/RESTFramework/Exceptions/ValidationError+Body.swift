/// The check every serializer makes of its input before looking at fields: the body must be an
/// object. DRF's messages, for reuse by the serializer layer:
///
///     ValidationError.nonObjectBody(.array([]))   // {"non_field_errors":["Invalid data. Expected a dictionary, but got list."]}
///     ValidationError.nonObjectBody(.null)        // {"non_field_errors":["No data provided"]}
///     ValidationError.nonObjectBody(["a": 1])     // nil
extension ValidationError {
    /// `Serializer.to_internal_value`'s `invalid` message for a value of this type.
    public static func invalidDataMessage(for data: JSON) -> String {
        "Invalid data. Expected a dictionary, but got \(data.pythonTypeName)."
    }

    /// DRF's `Serializer.errors` special case for `None` input.
    public static let noDataProvidedMessage = "No data provided"

    /// The error for a body that is not an object, or nil when it is one.
    public static func nonObjectBody(_ data: JSON, nonFieldErrorsKey: String = "non_field_errors") -> ValidationError? {
        switch data {
        case .object: return nil
        case .null: return ValidationError(.object([(nonFieldErrorsKey, JSON.array([.string(noDataProvidedMessage)]))]), code: "null")
        default:
            return ValidationError(.object([(nonFieldErrorsKey, JSON.array([.string(invalidDataMessage(for: data))]))]), code: "invalid")
        }
    }
}
