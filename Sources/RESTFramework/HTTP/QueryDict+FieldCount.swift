extension QueryDict {
    /// How many fields a query string or form body holds as Django counts them against
    /// `DATA_UPLOAD_MAX_NUMBER_FIELDS` (Python's `parse_qsl(max_num_fields=)`): one more than the
    /// `&` separators, empty pairs included; none for empty text. Counted on the raw bytes, before
    /// anything is split or decoded, so refusing a 10 MiB body costs one pass over it.
    ///
    ///     QueryDict.fieldCount("a=1&b=2&&")   // 4
    public static func fieldCount(_ text: String) -> Int {
        if text.isEmpty { return 0 }
        var text = text
        return text.withUTF8 { fieldCount(UnsafeRawBufferPointer($0)) }
    }

    /// `fieldCount` of a body's bytes (`&` is the same byte in UTF-8 and Latin-1).
    public static func fieldCount(_ bytes: [UInt8]) -> Int {
        bytes.withUnsafeBytes { fieldCount($0) }
    }

    static func fieldCount(_ bytes: UnsafeRawBufferPointer) -> Int {
        if bytes.isEmpty { return 0 }
        var separators = 0
        for byte in bytes where byte == UInt8(ascii: "&") { separators += 1 }
        return separators + 1
    }

}
