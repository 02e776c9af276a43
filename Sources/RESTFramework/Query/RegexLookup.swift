/// The in-memory side of `regex`/`iregex`: a Swift `Regex` searched over code points, as
/// PostgreSQL's `~` searches (unanchored, one character per code point). A pattern Swift
/// cannot compile throws `QueryValueError.invalidRegularExpression`; PostgreSQL rejects the
/// same common mistakes (an unclosed group or class, a dangling quantifier) with its own error.
///
///     try RegexLookup("^a.c$", caseInsensitive: true, field: "name").matches("ABC")   // true
struct RegexLookup {
    private let regex: Regex<AnyRegexOutput>

    init(_ pattern: String, caseInsensitive: Bool, field: String) throws {
        do {
            let compiled = try Regex(pattern).matchingSemantics(.unicodeScalar)
            regex = caseInsensitive ? compiled.ignoresCase() : compiled
        } catch {
            throw QueryValueError.invalidRegularExpression(field: field, pattern: pattern)
        }
    }

    func matches(_ text: String) -> Bool {
        (try? regex.firstMatch(in: text)) != nil
    }
}
