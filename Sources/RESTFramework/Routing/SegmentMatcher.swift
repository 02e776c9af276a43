import Foundation

/// What a URL parameter accepts within one path segment. The common shapes are checked by hand,
/// without a regex; only a custom `lookupValueRegex` pays for `NSRegularExpression`, compiled
/// once when the route is built.
///
///     SegmentMatcher.lookup.matches("42")        // true
///     SegmentMatcher.lookup.matches("1.5")       // false: a dot starts a format suffix
///     try SegmentMatcher(regex: "[0-9a-f]{8}")   // a custom lookup
public enum SegmentMatcher: Sendable {
    /// DRF's default lookup, `[^/.]+`.
    case lookup
    /// Django's `str` converter, `[^/]+`.
    case string
    /// Django's `int` converter, `[0-9]+`.
    case int
    /// Django's `slug` converter, `[-a-zA-Z0-9_]+`.
    case slug
    /// Any other pattern, matched against the whole segment.
    case regex(SegmentRegex)

    /// A matcher for a regex source. Sources equal to a built-in shape get the built-in (no regex).
    public init(regex source: String) throws {
        switch source {
        case Self.lookup.source: self = .lookup
        case Self.string.source: self = .string
        case Self.int.source: self = .int
        case Self.slug.source: self = .slug
        default: self = .regex(try SegmentRegex(source))
        }
    }

    /// The regex this matcher stands for, as it is printed in route tables.
    public var source: String {
        switch self {
        case .lookup: return "[^/.]+"
        case .string: return "[^/]+"
        case .int: return "[0-9]+"
        case .slug: return "[-a-zA-Z0-9_]+"
        case .regex(let regex): return regex.source
        }
    }

    /// Whether a whole segment (no `/` in it) is accepted.
    public func matches(_ segment: Substring) -> Bool {
        guard !segment.isEmpty else { return false }
        switch self {
        case .lookup: return !segment.utf8.contains(UInt8(ascii: "."))
        case .string: return true
        case .int: return segment.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        case .slug: return segment.utf8.allSatisfy(Self.isSlugByte)
        case .regex(let regex): return regex.matches(segment)
        }
    }

    private static func isSlugByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
            return true
        default: return false
        }
    }
}

/// A compiled custom lookup pattern, anchored to the whole segment.
///
///     let hex = try SegmentRegex("[0-9a-f]+")
///     hex.matches("beef")   // true
public struct SegmentRegex: Sendable {
    public let source: String
    private let compiled: NSRegularExpression

    public init(_ source: String) throws {
        self.source = source
        // Python spells named groups `(?P<name>`; ICU, `(?<name>`.
        let icu = source.replacingOccurrences(of: "(?P<", with: "(?<")
        do {
            compiled = try NSRegularExpression(pattern: "^(?:" + icu + ")$")
        } catch {
            throw ImproperlyConfigured("The lookup pattern `\(source)` is not a valid regular expression; fix `lookupValueRegex`.")
        }
    }

    public func matches(_ segment: Substring) -> Bool {
        let text = String(segment)
        return compiled.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }
}
