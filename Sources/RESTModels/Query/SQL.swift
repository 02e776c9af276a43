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
        let number = parameters.count
        let typeIndex = Self.typeIndex(type(of: value).postgresDataType.rawValue)
        if number <= Self.cachedNumbers, let typeIndex { return Self.placeholders[typeIndex][number - 1] }
        return Self.placeholder(number, typeIndex: typeIndex)
    }

    /// The types given a cast, in `placeholders`' order.
    private static let typeNames = ["bool", "int8", "text", "float8", "timestamptz",
                                    "bool[]", "int8[]", "text[]", "float8[]", "timestamptz[]"]

    private static func typeIndex(_ oid: UInt32) -> Int? {
        switch oid {
        case 16: 0
        case 20: 1
        case 25: 2
        case 701: 3
        case 1184: 4
        case 1000: 5
        case 1016: 6
        case 1009: 7
        case 1022: 8
        case 1185: 9
        default: nil
        }
    }

    private static func placeholder(_ number: Int, typeIndex: Int?) -> String {
        let placeholder = "$" + String(number)
        guard let typeIndex else { return placeholder }
        return placeholder + "::" + typeNames[typeIndex]
    }

    /// `placeholders[type][n - 1]` is `$n::type`, made once rather than per parameter.
    private static let cachedNumbers = 16
    private static let placeholders: [[String]] = typeNames.indices.map { typeIndex in
        (1...cachedNumbers).map { placeholder($0, typeIndex: typeIndex) }
    }
}

/// A finished statement.
struct SQLStatement {
    var text: String
    var parameters: [any PostgresEncodable]
}

enum SQL {
    /// Whether `text` holds a NUL byte (which no PostgreSQL text can): `memchr` over the UTF-8
    /// in place, not a byte-at-a-time iterator (~30 instructions per byte, measured).
    static func containsNUL(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return false }
            return memchr(base, 0, bytes.count) != nil
        }
    }

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
