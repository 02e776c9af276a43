/// Django's `RegexValidator`: the value must contain a match (`re.search`), or must not with
/// `inverseMatch`.
///
/// Patterns are written as for Python's `re` (Django's validators copy over unchanged) and
/// matched on Unicode scalars, as Python matches code points. Three spellings mean something else
/// in Swift's `Regex`, so they are translated first: `\Z` (Python: the very end; Swift: also
/// before a final newline) becomes `\z`, `$` (Python: also before a final newline; Swift: the
/// very end) becomes `(?=\n?\z)`, and `\w` (Python: letters, numbers, `_`; Swift: also
/// combining marks) becomes `[\p{L}\p{N}_]`. Everything else is Swift `Regex` syntax.
///
///     RegexValidator(#"^[\w.@+-]+\Z"#, message: "Enter a valid username. ...")  // Django's username rule
public struct RegexValidator: Validator {
    public let pattern: String
    public let message: String
    public let inverseMatch: Bool
    public let ignoreCase: Bool

    public init(
        _ pattern: String, message: String = "Enter a valid value.", inverseMatch: Bool = false,
        ignoreCase: Bool = false
    ) {
        self.pattern = pattern
        self.message = message
        self.inverseMatch = inverseMatch
        self.ignoreCase = ignoreCase
    }

    /// Whether `text` contains a match. A pattern that does not compile never matches (and is a
    /// configuration mistake the first test will show).
    public func matches(_ text: String) -> Bool {
        guard let compiled = try? Regex(Self.translatingPythonSyntax(pattern)) else { return false }
        let regex = compiled.matchingSemantics(.unicodeScalar).ignoresCase(ignoreCase)
        return (try? regex.firstMatch(in: text)) != nil
    }

    public func validate(_ value: FieldValue, context: FieldValidationContext) throws {
        guard let text = value.stringValue ?? (value.isNull ? nil : value.description) else { return }
        if matches(text) == inverseMatch { throw ValidationError(message, code: "invalid") }
    }

    /// Rewrites `\Z`, `$` and `\w` as Python means them (see the type's comment); escaped
    /// backslashes and character classes are respected.
    static func translatingPythonSyntax(_ pattern: String) -> String {
        var out = ""
        var inClass = false
        var iterator = pattern.makeIterator()
        while let c = iterator.next() {
            switch c {
            case "\\":
                guard let next = iterator.next() else { out.append(c); break }
                switch next {
                case "Z" where !inClass: out += "\\z"
                case "w": out += inClass ? "\\p{L}\\p{N}_" : "[\\p{L}\\p{N}_]"
                default: out.append(c); out.append(next)
                }
            case "$" where !inClass: out += #"(?=\n?\z)"#  // Python's `$`: the end, or before a final newline
            case "[" where !inClass: inClass = true; out.append(c)
            case "]" where inClass: inClass = false; out.append(c)
            default: out.append(c)
            }
        }
        return out
    }
}
