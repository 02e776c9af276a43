/// A `json` or `jsonb` value as the JSON text the server gives (jsonb normalized by it, json
/// as stored). This module does not parse JSON: the model layer turns the text into the
/// framework's JSON value.
///
///     let settings = try row["settings", as: PostgresJSON.self].text   // {"theme": "dark"}
///     try connection.execute("UPDATE users SET settings = $1 WHERE id = $2", PostgresJSON(#"{"theme":"dark"}"#), Int64(7))
public struct PostgresJSON: Hashable, Sendable, CustomStringConvertible {
    public var text: String
    public init(_ text: String) { self.text = text }
    public var description: String { text }
}

extension PostgresJSON: PostgresDecodable {
    public static func decode(_ value: PostgresValue) -> PostgresJSON? { value.string.map(PostgresJSON.init) }
}

/// Sent as `jsonb` (the server checks the text); a `json` column accepts it too.
extension PostgresJSON: PostgresEncodable {
    public static var postgresDataType: PostgresDataType { .jsonb }
    public func encode(into writer: PostgresParameterWriter) throws { try writer.write(text) }
}
