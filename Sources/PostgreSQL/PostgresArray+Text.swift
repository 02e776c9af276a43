/// PostgreSQL's array text format, one dimension: `{}`, `{1,2}`, `{a,"b c",NULL,"x\"y\\z"}`.
/// Unquoted elements are trimmed and `NULL` (any case) is SQL NULL; a quoted `"NULL"` is text.
/// Multidimensional arrays and explicit bounds (`[0:1]={...}`) are refused (nil).
func parseTextArray(_ bytes: UnsafeRawBufferPointer) -> [String?]? {
    let open = UInt8(ascii: "{"), close = UInt8(ascii: "}"), quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")
    let comma = UInt8(ascii: ","), space = UInt8(ascii: " ")
    guard bytes.count >= 2, bytes[0] == open, bytes[bytes.count - 1] == close else { return nil }
    let end = bytes.count - 1
    var index = 1
    var elements: [String?] = []
    if end == 1 { return elements }
    while true {
        while index < end, isArraySpace(bytes[index]) { index += 1 }
        guard index < end else { return nil }
        var element: [UInt8] = []
        var quoted = false
        if bytes[index] == quote {
            quoted = true
            index += 1
            while true {
                guard index < end else { return nil }
                let byte = bytes[index]
                index += 1
                if byte == quote { break }
                if byte == backslash {
                    guard index < end else { return nil }
                    element.append(bytes[index])
                    index += 1
                } else {
                    element.append(byte)
                }
            }
            while index < end, isArraySpace(bytes[index]) { index += 1 }
        } else {
            while index < end, bytes[index] != comma {
                let byte = bytes[index]
                // A brace or quote inside an unquoted element is a nested array or bad text.
                guard byte != open, byte != close, byte != quote else { return nil }
                if byte == backslash {
                    index += 1
                    guard index < end else { return nil }
                }
                element.append(bytes[index])
                index += 1
            }
            while let last = element.last, last == space || isArraySpace(last) { element.removeLast() }
            guard !element.isEmpty else { return nil }
        }
        if !quoted, element.count == 4, String(decoding: element, as: UTF8.self).uppercased() == "NULL" {
            elements.append(nil)
        } else {
            elements.append(String(decoding: element, as: UTF8.self))
        }
        if index == end { return elements }
        guard bytes[index] == comma else { return nil }
        index += 1
    }
}

private func isArraySpace(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: " ") || (byte >= 9 && byte <= 13)
}

/// `{"a","b \"c\"",NULL}`: every element quoted, so commas, braces, spaces and the word NULL
/// need no further thought.
func textArrayLiteral(_ elements: [String?]) -> String {
    var text = "{"
    for (index, element) in elements.enumerated() {
        if index > 0 { text += "," }
        guard let element else {
            text += "NULL"
            continue
        }
        text += "\""
        for character in element.unicodeScalars {
            if character == "\"" || character == "\\" { text += "\\" }
            text.unicodeScalars.append(character)
        }
        text += "\""
    }
    return text + "}"
}
