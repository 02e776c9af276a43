extension CalendarDate: PostgresEncodable {
    public static var postgresDataType: PostgresDataType { .date }
    public func encode(into writer: PostgresParameterWriter) throws { try writer.write(description) }
}

extension CalendarDate: PostgresDecodable {
    public static func decode(_ value: PostgresValue) -> CalendarDate? {
        guard let bytes = value.bytes else { return nil }
        return parseDate(bytes)
    }
}
