import Foundation

/// Prometheus' own validator of the text format, from Debian's `prometheus` package (Tests/run
/// installs it).
///
///     let result = try Promtool.checkMetrics(text)   // status 0: valid, no lint problem
public enum Promtool {
    public static let path = "/usr/bin/promtool"

    /// `promtool check metrics` with `text` on standard input: it parses the exposition and
    /// lints it (names, HELP, counters ending in `_total`, ...).
    public static func checkMetrics(_ text: String) throws -> Subprocess.Result {
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw TestSupportError("\(path) is missing: install Debian's prometheus package (Tests/run does)")
        }
        return try Subprocess.run(path, ["check", "metrics"], stdin: text)
    }
}
