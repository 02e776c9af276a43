import Foundation
import PostgreSQL

/// Statement text being built, with its `$n` parameters. Values only ever enter as
/// parameters; the text holds identifiers from model declarations and fixed keywords, so the
/// same query shape always gives the same text (and reuses the connection's prepared statement).
struct SQLBuilder {
    var parameters: [any PostgresEncodable] = []

    /// Adds a parameter and returns its placeholder with its type (`$3::int8`). Numbering is
    /// global to the statement, so subqueries compiled into the same builder are numbered
    /// correctly.
    ///
    /// The cast is in the text because a prepared statement keeps the parameter types of its
    /// first execution: `"n" = $1` prepared for an int8 would read a later float8 `3.5` as a
    /// bigint. With the type in the text, equal texts always mean equal types.
    mutating func bind(_ value: any PostgresEncodable) -> String {
        parameters.append(value)
        let placeholder = "$" + String(parameters.count)
        guard let name = Self.typeNames[type(of: value).postgresDataType.rawValue] else { return placeholder }
        return placeholder + "::" + name
    }

    private static let typeNames: [UInt32: String] = [
        16: "bool", 20: "int8", 25: "text", 701: "float8", 1184: "timestamptz",
        1000: "bool[]", 1016: "int8[]", 1009: "text[]", 1022: "float8[]", 1185: "timestamptz[]",
    ]
}

/// A finished statement.
struct SQLStatement {
    var text: String
    var parameters: [any PostgresEncodable]
}

enum SQL {
    /// A quoted identifier: `"users"`. Only ever applied to names from model declarations.
    /// (Plain Swift rather than Foundation's `replacingOccurrences`, which bridges through
    /// NSString and cost ~100k instructions per statement when this ran per column.)
    static func identifier(_ name: String) -> String {
        guard name.utf8.contains(UInt8(ascii: "\"")) else { return "\"" + name + "\"" }
        var quoted = "\""
        for character in name.unicodeScalars {
            if character == "\"" { quoted.unicodeScalars.append("\"") }
            quoted.unicodeScalars.append(character)
        }
        return quoted + "\""
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
