import Foundation
import TestSupport
import Testing

/// The examples in the `///` comments of the public framework modules cannot drift from the API:
/// each must appear, line for line (indentation and blank lines aside), in a compiled source of
/// this folder (`Tests/DocExamples`), where it sits in whatever context it needs (a class body, a
/// function). An example is what Markdown calls an indented code block: `///` lines indented 4
/// spaces or more, after a blank `///` line or at the start of the comment. One that is not Swift
/// (an output, a log line, a regular expression) is introduced by a line saying
/// `(not compiled: <reason>)`, and stays the exception.
@Suite struct DocCommentExampleTests {
    static let root = NginxProcess.projectRoot
    static let modules = [
        "HTTPCore", "ValueCore", "RESTFramework", "RESTTesting", "RESTModels", "RESTServer", "PostgreSQL", "Migrations", "FastCGI",
        "Commands", "ServerMetrics",
    ]
    /// Files left out of this check. Keep this empty.
    static let rewrittenElsewhere: Set<String> = []

    @Test func everyDocCommentExampleIsCompiledCode() throws {
        let compiled = try DocExamples.files(under: Self.root + "/Tests/DocExamples").map(QuotedCode.normalizedLines)
        var checked = 0, exempt = 0
        for module in Self.modules {
            for path in try DocExamples.swiftFiles(under: "Sources/" + module) where !Self.rewrittenElsewhere.contains(path) {
                let text = try String(contentsOfFile: Self.root + "/" + path, encoding: .utf8)
                for example in DocExamples.examples(in: text) {
                    if let reason = example.exemption {
                        #expect(!reason.isEmpty, "\(path):\(example.line): a `not compiled` marker needs a reason")
                        exempt += 1
                        continue
                    }
                    checked += 1
                    let lines = QuotedCode.normalizedLines(example.text)
                    #expect(compiled.contains { QuotedCode.contains($0, lines) },
                            "\(path):\(example.line): this doc example is not in the compiled sources under Tests/DocExamples:\n\(example.text)")
                }
            }
        }
        // The scan itself can fail silently (a changed comment style, a wrong root): it must
        // find the examples there are, and exemptions must stay rare.
        #expect(checked >= 200, "only \(checked) doc examples found")
        print("DocCommentExampleTests: \(checked) doc examples checked, \(exempt) marked not compiled")
        #expect(exempt <= 12, "\(exempt) doc examples are marked not compiled")
    }

    @Test func examplesAreTheIndentedCodeBlocksOfDocComments() {
        let source = """
            /// Text.
            ///
            ///     let a = 1
            ///     let b = 2
            ///
            ///     let c = 3
            /// - Parameters:
            ///   - x: a list item's continuation, not code:
            ///     indented, but it follows text
            /// Output (not compiled: what it prints):
            ///
            ///     {"a": 1}
            func f() {}
            ///     let d = 4
            """
        let examples = DocExamples.examples(in: source)
        #expect(examples.map(\.text) == ["let a = 1\nlet b = 2", "let c = 3", "{\"a\": 1}", "let d = 4"])
        #expect(examples.map(\.line) == [3, 6, 12, 14])
        #expect(examples.map(\.exemption) == [nil, nil, "what it prints", nil])
    }

    @Test func anExampleMustBeContiguousInACompiledFile() {
        let compiled = QuotedCode.normalizedLines("struct S {\n    let a = 1\n\n    let b = 2\n}\n")
        #expect(QuotedCode.contains(compiled, ["let a = 1", "let b = 2"]))
        #expect(!QuotedCode.contains(compiled, ["let a = 1", "}"]))
        #expect(!QuotedCode.contains(compiled, ["let a = 2"]))
    }
}

/// The indented code blocks of `///` comments.
enum DocExamples {
    struct Example {
        /// 1-based line of the example's first line.
        var line: Int
        /// The example's lines, without `/// ` and the 4 spaces of the block's indentation.
        var text: String
        /// The reason given by a `(not compiled: reason)` on the text line before the example.
        var exemption: String?
    }

    static func examples(in source: String) -> [Example] {
        let lines = source.components(separatedBy: "\n")
        // The text after `///` of a doc comment line, nil for any other line.
        let doc: (Int) -> Substring? = { index in
            let trimmed = lines[index].drop { $0 == " " || $0 == "\t" }
            return trimmed.hasPrefix("///") ? trimmed.dropFirst(3) : nil
        }
        let isCode: (Int) -> Bool = { index in doc(index)?.hasPrefix("    ") == true }
        let isBlank: (Int) -> Bool = { index in doc(index).map { $0.allSatisfy { $0 == " " } } ?? false }
        var examples: [Example] = []
        var index = 0
        while index < lines.count {
            // Markdown: an indented block cannot interrupt a paragraph or a list item.
            guard isCode(index), index == 0 || doc(index - 1) == nil || isBlank(index - 1) else {
                index += 1
                continue
            }
            var end = index
            while end < lines.count && isCode(end) { end += 1 }
            // `/// ` and then the block's 4 spaces of indentation.
            let text = (index..<end).map { line in
                let content = doc(line)!
                return String((content.hasPrefix(" ") ? content.dropFirst() : content).dropFirst(4))
            }.joined(separator: "\n")
            var previous = index - 1
            while previous >= 0 && isBlank(previous) { previous -= 1 }
            var exemption: String?
            if previous >= 0, let intro = doc(previous), let marker = intro.range(of: "(not compiled:") {
                let rest = intro[marker.upperBound...]
                exemption = String(rest[..<(rest.firstIndex(of: ")") ?? rest.endIndex)]).trimmingCharacters(in: .whitespaces)
            }
            examples.append(Example(line: index + 1, text: text, exemption: exemption))
            index = end
        }
        return examples
    }



    /// Paths relative to the project root, sorted.
    static func swiftFiles(under folder: String) throws -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: NginxProcess.projectRoot + "/" + folder)
        var paths: [String] = []
        while let path = enumerator?.nextObject() as? String {
            if path.hasSuffix(".swift") { paths.append(folder + "/" + path) }
        }
        return paths.sorted()
    }

    static func files(under folder: String) throws -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: folder)
        var texts: [String] = []
        while let path = enumerator?.nextObject() as? String {
            // This file holds the scanner and its own test examples: it must not vouch for one.
            guard path.hasSuffix(".swift"), !path.hasSuffix("DocCommentExampleTests.swift") else { continue }
            texts.append(try String(contentsOfFile: folder + "/" + path, encoding: .utf8))
        }
        return texts
    }
}
