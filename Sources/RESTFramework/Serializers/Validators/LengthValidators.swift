/// Django's `MaxLengthValidator`: at most `limit` characters, counted as Python counts them
/// (code points).
///
///     MaxLengthValidator(150)   // "Ensure this value has at most 150 characters (it has 151)."
///
/// Django's own message differs from DRF's; `CharField(maxLength:)` installs this validator with
/// DRF's "Ensure this field has no more than 150 characters."
public struct MaxLengthValidator: Validator {
    public let limit: Int
    /// The message when the check fails; nil for Django's own.
    public var message: String? { custom ?? fieldMessages?.message("max_length", ["max_length": String(limit)]) }
    let custom: String?
    /// A text field's messages, formatted only when the check fails: the field makes this
    /// validator each time it validates, and formatting the message every time cost more than
    /// the check.
    let fieldMessages: ErrorMessages?

    public init(_ limit: Int, message: String? = nil) {
        self.limit = limit
        custom = message
        fieldMessages = nil
    }

    /// With the field's `max_length` message (DRF's wording, or the field's `errorMessages`).
    init(_ limit: Int, messages: ErrorMessages) {
        self.limit = limit
        custom = nil
        fieldMessages = messages
    }

    public func validate(_ value: FieldValue, context: FieldValidationContext) throws {
        guard let length = Self.length(of: value) else { return }
        if length > limit {
            throw ValidationError(
                message ?? "Ensure this value has at most \(limit) character\(limit == 1 ? "" : "s") (it has \(length)).",
                code: "max_length")
        }
    }
}

extension MaxLengthValidator {
    /// Python's `len()` of what the length validators check: a text's code points, a list's
    /// items (`ListField`'s `maxLength`/`minLength`); nil for values without a length.
    static func length(of value: FieldValue) -> Int? {
        switch value {
        case .string(let text): return PythonText.length(text)
        case .list(let items): return items.count
        default: return nil
        }
    }
}

/// Django's `MinLengthValidator`: at least `limit` characters (code points).
public struct MinLengthValidator: Validator {
    public let limit: Int
    /// The message when the check fails; nil for Django's own.
    public var message: String? { custom ?? fieldMessages?.message("min_length", ["min_length": String(limit)]) }
    let custom: String?
    /// A text field's messages, formatted only when the check fails: the field makes this
    /// validator each time it validates, and formatting the message every time cost more than
    /// the check.
    let fieldMessages: ErrorMessages?

    public init(_ limit: Int, message: String? = nil) {
        self.limit = limit
        custom = message
        fieldMessages = nil
    }

    /// With the field's `min_length` message (DRF's wording, or the field's `errorMessages`).
    init(_ limit: Int, messages: ErrorMessages) {
        self.limit = limit
        custom = nil
        fieldMessages = messages
    }

    public func validate(_ value: FieldValue, context: FieldValidationContext) throws {
        guard let length = MaxLengthValidator.length(of: value) else { return }
        if length < limit {
            throw ValidationError(
                message ?? "Ensure this value has at least \(limit) character\(limit == 1 ? "" : "s") (it has \(length)).",
                code: "min_length")
        }
    }
}

/// Django's `ProhibitNullCharactersValidator`, which DRF puts on every CharField.
public struct ProhibitNullCharactersValidator: Validator {
    public init() {}
    public func validate(_ value: FieldValue, context: FieldValidationContext) throws {
        if case .string(let text) = value, text.unicodeScalars.contains("\u{0}") {
            throw ValidationError("Null characters are not allowed.", code: "null_characters_not_allowed")
        }
    }
}
