/// Django's `LOOKUP_SEP`, `__`, found by scanning the bytes: the standard library's generic
/// `split(separator:)`, `range(of:)` and `ranges(of:)` with a string separator (from
/// `_StringProcessing`) took ~13,000 instructions a call, and planning a page with three
/// `selectRelated` paths split each of them per request (docs/profile.md).
package enum LookupSeparator {
    /// `"project__account__name"` → `["project", "account", "name"]`; empty parts are kept
    /// (`"a____b"` → `["a", "", "b"]`), as Python's `str.split("__")` keeps them.
    package static func split(_ name: String) -> [String] {
        let path = name[...]
        var parts: [String] = []
        var start = path.startIndex
        while let separator = first(in: path[start...]) {
            parts.append(String(path[start..<separator.lowerBound]))
            start = separator.upperBound
        }
        parts.append(String(path[start...]))
        return parts
    }

    /// The first `__` in `text`, or nil.
    package static func first(in text: Substring) -> Range<String.Index>? {
        let utf8 = text.utf8
        var index = utf8.startIndex
        while index != utf8.endIndex {
            let next = utf8.index(after: index)
            if utf8[index] == UInt8(ascii: "_"), next != utf8.endIndex, utf8[next] == UInt8(ascii: "_") {
                return index..<utf8.index(after: next)
            }
            index = next
        }
        return nil
    }

    /// The last `__` in `text`, or nil (`"a___b"`: the last two underscores, as Python's
    /// `rsplit("__", 1)` finds them).
    package static func last(in text: Substring) -> Range<String.Index>? {
        let utf8 = text.utf8
        guard var index = utf8.indices.last else { return nil }
        while index != utf8.startIndex {
            let previous = utf8.index(before: index)
            if utf8[index] == UInt8(ascii: "_"), utf8[previous] == UInt8(ascii: "_") {
                return previous..<utf8.index(after: index)
            }
            index = previous
        }
        return nil
    }
}
