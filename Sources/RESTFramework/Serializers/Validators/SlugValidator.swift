/// The check DRF's `SlugField` makes: `^[-a-zA-Z0-9_]+$` (Python's `$` lets one final newline
/// through, where Django's own `validate_slug` says `\Z`), or with `allowUnicode`
/// `^[-\w]+\Z` (Python's `\w` is `str.isalnum()` or `_`: letters and numbers of any script,
/// not combining marks). A scan rather than a regular expression compiled per value.
///
///     SlugValidator(allowUnicode: true).isValid("日本-語")   // true
///     SlugValidator().isValid("with space")                  // false
public struct SlugValidator: Validator {
    public let allowUnicode: Bool
    public let message: String

    public init(
        allowUnicode: Bool = false,
        message: String = "Enter a valid \u{201C}slug\u{201D} consisting of letters, numbers, underscores or hyphens."
    ) {
        self.allowUnicode = allowUnicode
        self.message = message
    }

    public func validate(_ value: FieldValue, context: FieldValidationContext) throws {
        guard let text = value.stringValue, isValid(text) else { throw ValidationError(message, code: "invalid") }
    }

    public func isValid(_ text: String) -> Bool {
        var scalars = Substring(text).unicodeScalars[...]
        if !allowUnicode, scalars.last == "\n" { scalars = scalars.dropLast() }
        return !scalars.isEmpty && scalars.allSatisfy(allowUnicode ? Self.isWordOrHyphen : Self.isASCIISlugCharacter)
    }

    static func isASCIISlugCharacter(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "a"..."z", "A"..."Z", "0"..."9", "_", "-": return true
        default: return false
        }
    }

    /// `-`, `_`, or `str.isalnum()`: a letter (Lu, Ll, Lt, Lm, Lo) or a number with a numeric type.
    static func isWordOrHyphen(_ c: Unicode.Scalar) -> Bool {
        if c == "-" || c == "_" { return true }
        switch c.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
        default: return c.properties.numericType != nil
        }
    }
}
