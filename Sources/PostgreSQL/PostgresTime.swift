extension TimeOfDay: PostgresEncodable {
    public static var postgresDataType: PostgresDataType { .time }
    public func encode(into writer: PostgresParameterWriter) throws { try writer.write(description) }
}

extension TimeOfDay: PostgresDecodable {
    public static func decode(_ value: PostgresValue) -> TimeOfDay? {
        guard let bytes = value.bytes else { return nil }
        return parseTime(bytes)
    }
}
