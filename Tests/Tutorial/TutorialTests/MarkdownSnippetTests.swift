import Foundation
import TestSupport
import Testing

/// The README tutorial and `docs/framework.md` cannot drift from the code: every ```swift block
/// in them must appear, line for line (indentation aside), in a compiled source of this folder
/// (`Tests/Tutorial`: the `todo-api` executable and this test target), and every ```sql block in
/// the tutorial's migrations. A block that cannot be compiled here (a package manifest) is
/// preceded by `<!-- not compiled: <reason> -->`, and stays the exception.
@Suite struct MarkdownSnippetTests {
    static let root = NginxProcess.projectRoot
    static let tutorialFolder = root + "/Tests/Tutorial"

    @Test func readmeTutorialSnippetsAreCompiledCode() throws {
        let readme = try String(contentsOfFile: Self.root + "/README.md", encoding: .utf8)
        let tutorial = try #require(Snippets.section("## Tutorial", of: readme), "README.md has no \"## Tutorial\" section")
        let blocks = Snippets.blocks(in: tutorial)
        #expect(blocks.filter { $0.language == "swift" && $0.exemption == nil }.count >= 5)
        try Self.check(blocks, document: "README.md")
    }

    @Test func frameworkReferenceSnippetsAreCompiledCode() throws {
        let reference = try String(contentsOfFile: Self.root + "/docs/framework.md", encoding: .utf8)
        let blocks = Snippets.blocks(in: reference)
        #expect(blocks.filter { $0.language == "swift" && $0.exemption == nil }.count >= 20)
        try Self.check(blocks, document: "docs/framework.md")
    }

    /// `docs/contributing.md` quotes the tree: each of its Swift blocks is found, line for line, in
    /// a source file under `Sources` or `Tests`.
    @Test func contributingSnippetsAreInTheTree() throws {
        let guide = try String(contentsOfFile: Self.root + "/docs/contributing.md", encoding: .utf8)
        let blocks = Snippets.blocks(in: guide).filter { $0.language == "swift" }
        #expect(blocks.count >= 3)
        let tree = try (Snippets.files(under: Self.root + "/Sources", extension: "swift")
            + Snippets.files(under: Self.root + "/Tests", extension: "swift")).map(QuotedCode.normalizedLines)
        for block in blocks {
            let lines = QuotedCode.normalizedLines(block.text)
            #expect(tree.contains { QuotedCode.contains($0, lines) },
                    "docs/contributing.md: this ```swift block is not in any source under Sources or Tests:\n\(block.text)")
        }
    }

    static func check(_ blocks: [Snippets.Block], document: String) throws {
        let swiftSources = try Snippets.files(under: tutorialFolder, extension: "swift").map(QuotedCode.normalizedLines)
        let sqlSources = try Snippets.files(under: tutorialFolder + "/migrations", extension: "sql").map(QuotedCode.normalizedLines)
        for block in blocks {
            if let reason = block.exemption {
                #expect(!reason.isEmpty, "\(document): a `not compiled` marker needs a reason")
                continue
            }
            let sources: [[String]]
            switch block.language {
            case "swift": sources = swiftSources
            case "sql": sources = sqlSources
            default: continue
            }
            let lines = QuotedCode.normalizedLines(block.text)
            #expect(sources.contains { QuotedCode.contains($0, lines) },
                    "\(document): this ```\(block.language) block is not in the compiled sources under Tests/Tutorial:\n\(block.text)")
        }
    }
}

/// Fenced code blocks of a Markdown text.
enum Snippets {
    struct Block {
        var language: String
        var text: String
        /// The reason given by a `<!-- not compiled: reason -->` line right before the block.
        var exemption: String?
    }

    /// From `heading` (a whole line) to the next heading of the same level.
    static func section(_ heading: String, of markdown: String) -> String? {
        let lines = markdown.components(separatedBy: "\n")
        guard let start = lines.firstIndex(of: heading) else { return nil }
        let level = heading.prefix { $0 == "#" } + " "
        let end = lines[(start + 1)...].firstIndex { $0.hasPrefix(level) } ?? lines.count
        return lines[start..<end].joined(separator: "\n")
    }

    static func blocks(in markdown: String) -> [Block] {
        var blocks: [Block] = []
        var current: Block?
        var previous = ""
        for line in markdown.components(separatedBy: "\n") {
            if var block = current {
                if line.trimmingCharacters(in: .whitespaces) == "```" {
                    blocks.append(block)
                    current = nil
                } else {
                    block.text += block.text.isEmpty ? line : "\n" + line
                    current = block
                }
            } else if line.hasPrefix("```") {
                var exemption: String?
                if previous.hasPrefix("<!-- not compiled:"), previous.hasSuffix("-->") {
                    exemption = String(previous.dropFirst("<!-- not compiled:".count).dropLast(3)).trimmingCharacters(in: .whitespaces)
                }
                current = Block(language: String(line.dropFirst(3)).trimmingCharacters(in: .whitespaces), text: "", exemption: exemption)
            }
            if !line.trimmingCharacters(in: .whitespaces).isEmpty { previous = line.trimmingCharacters(in: .whitespaces) }
        }
        return blocks
    }



    static func files(under folder: String, extension ext: String) throws -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: folder)
        var texts: [String] = []
        while let path = enumerator?.nextObject() as? String {
            // This file quotes Markdown, not code: it must not vouch for a snippet.
            guard path.hasSuffix("." + ext), !path.hasSuffix("MarkdownSnippetTests.swift") else { continue }
            texts.append(try String(contentsOfFile: folder + "/" + path, encoding: .utf8))
        }
        return texts
    }
}
