extension CalendarDuration: PostgresEncodable {
    public static var postgresDataType: PostgresDataType { .interval }
    public func encode(into writer: PostgresParameterWriter) throws { try writer.write(description) }
}

extension CalendarDuration: PostgresDecodable {
    public static func decode(_ value: PostgresValue) -> CalendarDuration? {
        guard let bytes = value.bytes else { return nil }
        return parseInterval(bytes)
    }
}
