import Foundation
import PostgreSQL

/// Statement text being built, with its `$n` parameters. Values only ever enter as
/// parameters; the text holds identifiers from model declarations and fixed keywords, so the
/// same query shape always gives the same text (and reuses the connection's prepared statement).
struct SQLBuilder {
    var parameters: [any PostgresEncodable] = []

    /// Adds a parameter and returns its placeholder (`$3`). Numbering is global to the
    /// statement, so subqueries compiled into the same builder are numbered correctly.
    mutating func bind(_ value: any PostgresEncodable) -> String {
        parameters.append(value)
        return "$" + String(parameters.count)
    }
}

/// A finished statement.
struct SQLStatement {
    var text: String
    var parameters: [any PostgresEncodable]
}

enum SQL {
    /// A quoted identifier: `"users"`. Only ever applied to names from model declarations.
    static func identifier(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A LIKE pattern matching `text` literally (`\` is LIKE's default escape character).
    static func likeEscaped(_ text: String) -> String {
        var escaped = ""
        for character in text.unicodeScalars {
            if character == "\\" || character == "%" || character == "_" { escaped.unicodeScalars.append("\\") }
            escaped.unicodeScalars.append(character)
        }
        return escaped
    }
}
