/// An element type of a Swift array that maps to a PostgreSQL column: `[String]` is `text[]`,
/// `[Int64]` `bigint[]`, `[Int32]` `integer[]`, `[Int16]` `smallint[]`, and `[UInt8]` is
/// `bytea` (bytes are one value, not an array of them). Swift allows one conditional
/// conformance of `Array`, so the element decides how its array is read and written.
///
///     let tags = try row["tags", as: [String].self]        // text[]; a NULL element is refused
///     let scores = try row["scores", as: [Int64?].self]    // bigint[] with NULL elements
///     try connection.execute("UPDATE posts SET tags = $1 WHERE id = $2", ["a,b", "{c}"], Int64(7))
public protocol PostgresArrayElement {
    /// The OID of `[Self]` as a parameter.
    static var arrayDataType: PostgresDataType { get }
    /// `[Self]` from a column's text form; nil when it does not fit.
    static func decodeArray(_ bytes: UnsafeRawBufferPointer) -> [Self]?
    /// Writes `[Self]`'s text form.
    static func encodeArray(_ elements: [Self], into writer: PostgresParameterWriter) throws
}

extension Array: PostgresDecodable where Element: PostgresArrayElement {
    public static func decode(_ value: PostgresValue) -> [Element]? {
        guard let bytes = value.bytes else { return nil }
        return Element.decodeArray(bytes)
    }
}

extension Array: PostgresEncodable where Element: PostgresArrayElement {
    public static var postgresDataType: PostgresDataType { Element.arrayDataType }
    public func encode(into writer: PostgresParameterWriter) throws { try Element.encodeArray(self, into: writer) }
}

/// An element of a one-dimensional array in PostgreSQL's array text format
/// (`{a,"b c",NULL,"\"q\""}`), one element at a time.
public protocol PostgresTextArrayElement: PostgresArrayElement {
    /// The element from its unquoted, unescaped text (nil: a NULL element); nil when refused.
    static func arrayElement(_ text: String?) -> Self?
    /// The element's text (nil: NULL).
    var arrayElementText: String? { get }
}

extension PostgresTextArrayElement {
    public static func decodeArray(_ bytes: UnsafeRawBufferPointer) -> [Self]? {
        guard let texts = parseTextArray(bytes) else { return nil }
        var elements: [Self] = []
        elements.reserveCapacity(texts.count)
        for text in texts {
            guard let element = arrayElement(text) else { return nil }
            elements.append(element)
        }
        return elements
    }

    public static func encodeArray(_ elements: [Self], into writer: PostgresParameterWriter) throws {
        try writer.write(textArrayLiteral(elements.map(\.arrayElementText)))
    }
}

extension String: PostgresTextArrayElement {
    public static var arrayDataType: PostgresDataType { .textArray }
    public static func arrayElement(_ text: String?) -> String? { text }
    public var arrayElementText: String? { self }
}

extension Int64: PostgresTextArrayElement {
    public static var arrayDataType: PostgresDataType { .int8Array }
    public static func arrayElement(_ text: String?) -> Int64? {
        guard var text else { return nil }
        return text.withUTF8 { parseInteger(UnsafeRawBufferPointer($0)) }
    }
    public var arrayElementText: String? { String(self) }

    /// `{1,2,3}`, digits straight into the parameter (an integer never needs quoting): a page's
    /// keys for a prefetch's `= ANY($1)` went through a `String` per element before.
    public static func encodeArray(_ elements: [Int64], into writer: PostgresParameterWriter) throws {
        writer.writeASCII(UInt8(ascii: "{"))
        for (index, element) in elements.enumerated() {
            if index > 0 { writer.writeASCII(UInt8(ascii: ",")) }
            writer.write(element)
        }
        writer.writeASCII(UInt8(ascii: "}"))
    }
}

extension Int32: PostgresTextArrayElement {
    public static var arrayDataType: PostgresDataType { .int4Array }
    public static func arrayElement(_ text: String?) -> Int32? { Int64.arrayElement(text).flatMap { Int32(exactly: $0) } }
    public var arrayElementText: String? { String(self) }
}

extension Int16: PostgresTextArrayElement {
    public static var arrayDataType: PostgresDataType { .int2Array }
    public static func arrayElement(_ text: String?) -> Int16? { Int64.arrayElement(text).flatMap { Int16(exactly: $0) } }
    public var arrayElementText: String? { String(self) }
}

/// Optional elements read NULL as nil; the plain element types refuse it.
extension Optional: PostgresArrayElement, PostgresTextArrayElement where Wrapped: PostgresTextArrayElement {
    public static var arrayDataType: PostgresDataType { Wrapped.arrayDataType }
    public static func arrayElement(_ text: String?) -> Wrapped?? {
        guard let text else { return .some(nil) }
        return Wrapped.arrayElement(text).map { .some($0) }
    }
    public var arrayElementText: String? { self?.arrayElementText }
}
