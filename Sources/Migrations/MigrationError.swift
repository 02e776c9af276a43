import PostgreSQL

/// Why migrations could not be loaded or applied. Each case names the file concerned, and the
/// descriptions are what `migrate` prints.
///
///     catch let error as MigrationError {
///         print(error)   // 0002_members.sql:3:8: ERROR 42601: syntax error at or near "TABL"
///     }
public enum MigrationError: Error, Sendable, CustomStringConvertible {
    case directoryNotFound(String)
    case invalidFileName(String)
    case duplicateNumber(String, String)
    case unreadable(file: String, reason: String)
    /// `migrate new NAME` with a name that would not make a `NNNN_name.sql` file.
    case invalidName(String)
    /// `migrate new` would overwrite this file.
    case fileExists(String)
    /// The file was applied with other contents; applying the new ones is refused.
    case checksumMismatch(file: String, recorded: String, current: String)
    /// The server refused the file; it was rolled back and nothing after it ran. `line` and
    /// `column` locate the error in the file when the server gave a position.
    case failed(file: String, line: Int?, column: Int?, sourceLine: String?, error: PostgresError)

    public var description: String {
        switch self {
        case .directoryNotFound(let path):
            return "no migrations folder at \(path) (pass --dir PATH)"
        case .invalidFileName(let name):
            return "\(name): migration files are named NNNN_name.sql (a number, an underscore, a name)"
        case .duplicateNumber(let first, let second):
            return "\(first) and \(second) have the same number; renumber one of them"
        case .unreadable(let file, let reason):
            return "\(file): \(reason)"
        case .invalidName(let name):
            return "'\(name)' is not a migration name: use lowercase letters, digits and underscores (e.g. add_notes_index), at most 80"
        case .fileExists(let path):
            return "\(path) already exists"
        case .checksumMismatch(let file, let recorded, let current):
            return "\(file) was changed after it was applied (recorded sha256 \(recorded.prefix(12))…, now \(current.prefix(12))…); "
                + "put the change in a new migration file instead"
        case .failed(let file, let line, let column, let sourceLine, let error):
            var text = file
            if let line, let column { text += ":\(line):\(column)" }
            text += ": " + error.description.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n    ")
            if let sourceLine, let column {
                text += "\n    " + sourceLine + "\n    " + String(repeating: " ", count: max(0, column - 1)) + "^"
            }
            return text + "\n(rolled back; later files were not run)"
        }
    }
}

extension String {
    /// Where a 1-based character position (as PostgreSQL counts them) falls, as line and
    /// column (1-based), with the text of that line.
    func location(ofCharacterPosition position: Int) -> (line: Int, column: Int, text: String) {
        var line = 1
        var column = 1
        var lineStart = startIndex
        var index = startIndex
        var count = 1
        while index < endIndex && count < position {
            if unicodeScalars[index] == "\n" {
                line += 1
                column = 1
                lineStart = unicodeScalars.index(after: index)
            } else {
                column += 1
            }
            index = unicodeScalars.index(after: index)
            count += 1
        }
        let lineEnd = self[lineStart...].firstIndex(where: { $0 == "\n" || $0 == "\r\n" }) ?? endIndex
        return (line, column, String(self[lineStart..<lineEnd]))
    }
}
