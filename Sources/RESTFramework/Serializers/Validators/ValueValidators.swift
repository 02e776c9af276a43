/// Django's `MaxValueValidator` for integers.
///
///     IntegerField("age", validators: [MaxValueValidator(150)])  // "Ensure this value is less than or equal to 150."
public struct MaxValueValidator: Validator {
    public let limit: Int64
    public let message: String?
    public init(_ limit: Int64, message: String? = nil) { self.limit = limit; self.message = message }

    public func validate(_ value: FieldValue, context: FieldValidationContext) throws {
        if let number = value.intValue, number > limit {
            throw ValidationError(message ?? "Ensure this value is less than or equal to \(limit).", code: "max_value")
        }
    }
}

/// Django's `MinValueValidator` for integers.
public struct MinValueValidator: Validator {
    public let limit: Int64
    public let message: String?
    public init(_ limit: Int64, message: String? = nil) { self.limit = limit; self.message = message }

    public func validate(_ value: FieldValue, context: FieldValidationContext) throws {
        if let number = value.intValue, number < limit {
            throw ValidationError(message ?? "Ensure this value is greater than or equal to \(limit).", code: "min_value")
        }
    }
}
