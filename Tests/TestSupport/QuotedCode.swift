import Foundation

/// How the documentation checks (`MarkdownSnippetTests`, `DocCommentExampleTests`) decide that a
/// quoted piece of code is in a source file: line for line, indentation and blank lines aside.
public enum QuotedCode {
    /// Lines without their surrounding whitespace, blank lines dropped: a quote may be shown at
    /// another indentation than it has in its source.
    public static func normalizedLines(_ text: String) -> [String] {
        text.components(separatedBy: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// Whether `needle`'s lines appear in `haystack`, contiguous and in order.
    public static func contains(_ haystack: [String], _ needle: [String]) -> Bool {
        guard !needle.isEmpty, needle.count <= haystack.count else { return needle.isEmpty }
        return (0...(haystack.count - needle.count)).contains { start in
            haystack[start..<(start + needle.count)].elementsEqual(needle)
        }
    }
}
