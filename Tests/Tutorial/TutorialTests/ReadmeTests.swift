import Foundation
import TestSupport
import Testing

/// The README's shape, which its readers and CI rely on (its code blocks are
/// `MarkdownSnippetTests`' job).
@Suite struct ReadmeTests {
    static let root = NginxProcess.projectRoot

    /// The README keeps its sections and its two commands.
    @Test func readmeKeepsTheTwoCommands() throws {
        let readme = try String(contentsOfFile: Self.root + "/README.md", encoding: .utf8)
        #expect(readme.contains("## The two commands"))
        #expect(readme.contains("./deploy/stack up    # "))
        #expect(readme.contains("./Tests/run          # runs every test"))
        // CI must call the README's test command, to the letter.
        let ci = try String(contentsOfFile: Self.root + "/.ci/run", encoding: .utf8)
        #expect(ci.split(separator: "\n").contains("./Tests/run"))
        let headings = readme.split(separator: "\n").filter { $0.hasPrefix("## ") }.map(String.init)
        #expect(headings.firstIndex(of: "## Tutorial") == headings.firstIndex(of: "## The two commands").map { $0 + 1 })
    }
}
