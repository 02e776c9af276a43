extension DecimalNumber: PostgresEncodable {
    public static var postgresDataType: PostgresDataType { .numeric }
    public func encode(into writer: PostgresParameterWriter) throws { try writer.write(description) }
}

extension DecimalNumber: PostgresDecodable {
    public static func decode(_ value: PostgresValue) -> DecimalNumber? {
        guard let bytes = value.bytes else { return nil }
        return parseNumeric(bytes)
    }
}
