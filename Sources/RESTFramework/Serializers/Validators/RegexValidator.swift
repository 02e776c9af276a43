/// Django's `RegexValidator`: the value must contain a match (`re.search`), or must not with
/// `inverseMatch`.
///
///     RegexValidator(#"^[\w.@+-]+\z"#, message: "Enter a valid username. ...")
///
/// The pattern is Swift `Regex` syntax, matched on Unicode scalars as Python matches code points.
/// Mind one spelling: Python's `\Z` (the very end) is `\z` here; `\Z` in Swift, as in Perl,
/// also matches before a final newline.
public struct RegexValidator: Validator {
    public let pattern: String
    public let message: String
    public let inverseMatch: Bool
    public let ignoreCase: Bool

    public init(_ pattern: String, message: String = "Enter a valid value.", inverseMatch: Bool = false,
                ignoreCase: Bool = false) {
        self.pattern = pattern
        self.message = message
        self.inverseMatch = inverseMatch
        self.ignoreCase = ignoreCase
    }

    /// Whether `text` contains a match. A pattern that does not compile never matches (and is a
    /// configuration mistake the first test will show).
    public func matches(_ text: String) -> Bool {
        guard let compiled = try? Regex(pattern) else { return false }
        let regex = compiled.matchingSemantics(.unicodeScalar).ignoresCase(ignoreCase)
        return (try? regex.firstMatch(in: text)) != nil
    }

    public func validate(_ value: FieldValue, context: FieldValidationContext) throws {
        guard let text = value.stringValue ?? (value.isNull ? nil : value.description) else { return }
        if matches(text) == inverseMatch { throw ValidationError(message, code: "invalid") }
    }
}
