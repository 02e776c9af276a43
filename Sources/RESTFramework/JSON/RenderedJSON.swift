/// Reads a rendered object (`JSONObject(rendered:)`) back: its members as the pairs it was
/// written from, or one member's value without building the others.
///
///     let object = JSONObject(rendered: Array(#"{"id":1,"url":"http://x/1/"}"#.utf8))
///     RenderedJSON.lastValue(of: "url", in: object.renderedBytes!)   // "http://x/1/"
///
/// The bytes are `JSONWriter`'s own compact output (valid UTF-8, no whitespace), so reading them
/// cannot fail; a failure would be a bug in the writer, and traps.
enum RenderedJSON {
    static func members(of bytes: [UInt8]) -> [(key: String, value: JSON)] {
        bytes.withUnsafeBufferPointer { buffer in
            var reader = reader(buffer)
            do {
                guard case .object(let object) = try reader.value() else { preconditionFailure("not an object") }
                return object.pairs
            } catch {
                preconditionFailure("a rendered object does not read back: \(error)")
            }
        }
    }

    /// The value of the last member named `key` (as a subscript on the pairs answers), or nil.
    static func lastValue(of key: String, in bytes: [UInt8]) -> JSON? {
        bytes.withUnsafeBufferPointer { buffer -> JSON? in
            guard buffer.count > 2 else { return nil }
            var reader = reader(buffer)
            do {
                var found: Int?
                reader.index = 1
                while true {
                    if try reader.string() == key { found = reader.index + 1 }
                    reader.index += 1  // the `:`
                    skipValue(&reader)
                    if buffer[reader.index] == JSONByte.closeBrace { break }
                    reader.index += 1  // the `,`
                }
                guard let found else { return nil }
                reader.index = found
                return try reader.value()
            } catch {
                preconditionFailure("a rendered object does not read back: \(error)")
            }
        }
    }

    private static func reader(_ buffer: UnsafeBufferPointer<UInt8>) -> JSONReader {
        var reader = JSONReader(text: buffer, maxDepth: .max)
        reader.readsWriterOutput = true
        return reader
    }

    /// Moves past one value: strings to their closing quote (escapes skipped), containers to
    /// their matching bracket, scalars to the next `,`, `}` or `]`.
    private static func skipValue(_ reader: inout JSONReader) {
        let text = reader.text
        var i = reader.index, depth = 0
        repeat {
            switch text[i] {
            case JSONByte.quote:
                i += 1
                while text[i] != JSONByte.quote { i += text[i] == JSONByte.backslash ? 2 : 1 }
                i += 1
            case JSONByte.openBrace, JSONByte.openBracket:
                depth += 1
                i += 1
            case JSONByte.closeBrace, JSONByte.closeBracket:
                depth -= 1
                i += 1
            case JSONByte.comma, JSONByte.colon:
                i += 1
            default:
                while i < text.count, text[i] != JSONByte.comma, text[i] != JSONByte.closeBrace,
                    text[i] != JSONByte.closeBracket
                { i += 1 }
            }
        } while depth > 0
        reader.index = i
    }
}

extension JSON {
    /// Whether `JSONWriter`'s text of this value reads back as this same value, so it may be
    /// kept rendered. Everything does but a `.bigInt` whose text is not an integer literal
    /// beyond 64 bits (only code can make one: the parser never does).
    var readsBackAsWritten: Bool {
        switch self {
        case .null, .bool, .int, .double, .string: return true
        case .bigInt(let text): return (try? JSON.parse(text)) == .bigInt(text)
        case .array(let items): return items.allSatisfy(\.readsBackAsWritten)
        case .object(let object):
            return object.renderedBytes != nil || object.pairs.allSatisfy { $0.value.readsBackAsWritten }
        }
    }
}
