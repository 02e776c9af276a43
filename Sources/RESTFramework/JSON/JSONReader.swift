/// The strict JSON parser behind `JSONParser`: Python's `json.loads` as DRF configures it
/// (`parse_constant` refusing `NaN`/`Infinity`), reading UTF-8 bytes directly.
///
///     try JSON.parse(Array(#"{"a": [1, 2.5, "\u00e9"]}"#.utf8))   // ["a": [1, 2.5, "é"]]
///     try JSON.parse("[1,]")    // throws "Expecting value: line 1 column 4 (char 3)"
///
/// Decisions where Python's behaviour cannot or should not be copied:
/// - A lone surrogate escape (`"\ud800"`) becomes U+FFFD: Python keeps it, but a Swift `String`
///   cannot hold one (and DRF could not render or store it either). A valid pair combines.
/// - Nesting deeper than `maxDepth` (512) is an error worded as Python's `RecursionError`; DRF
///   would answer 500 there. The parser is iterative, so no depth can overflow the stack.
/// - Integers beyond 64 bits are `.bigInt(text)`; more than 4300 digits fail with Python's
///   `int` conversion message, as DRF does. `1e400` is `.double(.infinity)`, as `float()` reads it.
/// - Repeated object keys keep the first key's position and the last value (a Python dict).
extension JSON {
    /// How deep arrays and objects may nest.
    public static let maxParseDepth = 512

    /// Parses a UTF-8 body; throws `JSONParseError` with Python's message.
    public static func parse(_ bytes: [UInt8], maxDepth: Int = JSON.maxParseDepth) throws -> JSON {
        try bytes.withUnsafeBufferPointer { buffer in
            let length = try PythonUTF8.decodableLength(buffer)
            var reader = JSONReader(text: UnsafeBufferPointer(rebasing: buffer[..<length]), maxDepth: maxDepth)
            return try reader.document()
        }
    }

    public static func parse(_ text: String, maxDepth: Int = JSON.maxParseDepth) throws -> JSON {
        try parse(Array(text.utf8), maxDepth: maxDepth)
    }
}

/// ASCII bytes the reader dispatches on.
enum JSONByte {
    static let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\"), slash = UInt8(ascii: "/")
    static let openBrace = UInt8(ascii: "{"), closeBrace = UInt8(ascii: "}")
    static let openBracket = UInt8(ascii: "["), closeBracket = UInt8(ascii: "]")
    static let comma = UInt8(ascii: ","), colon = UInt8(ascii: ":"), minus = UInt8(ascii: "-"), plus = UInt8(ascii: "+")
    static let dot = UInt8(ascii: "."), zero = UInt8(ascii: "0"), one = UInt8(ascii: "1"), nine = UInt8(ascii: "9")
    static let lowerE = UInt8(ascii: "e"), upperE = UInt8(ascii: "E"), lowerU = UInt8(ascii: "u")
}

/// One pass over already validated UTF-8. Positions are byte offsets; they become Python's
/// code point positions only when an error is reported.
struct JSONReader {
    let text: UnsafeBufferPointer<UInt8>
    let end: Int
    let maxDepth: Int
    var index = 0
    /// Reading back what `JSONWriter` wrote (a rendered serializer output), not a request body:
    /// `NaN`/`Infinity` are the doubles the writer wrote them for, and repeated keys stay
    /// members of their own, as they were in the object written.
    var readsWriterOutput = false

    init(text: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
        self.text = text
        self.end = text.count
        self.maxDepth = maxDepth
    }

    /// `json.loads`: BOM check, one value between optional whitespace, nothing after it.
    mutating func document() throws -> JSON {
        if end >= 3 && text[0] == 0xEF && text[1] == 0xBB && text[2] == 0xBF {
            throw failure("Unexpected UTF-8 BOM (decode using utf-8-sig)", at: 0)
        }
        skipWhitespace()
        let result = try value()
        skipWhitespace()
        if index != end { throw failure("Extra data", at: index) }
        return result
    }

    // MARK: Structure

    /// An open array or object: where its members start on the shared stacks.
    private struct Frame {
        let isObject: Bool
        let valuesStart: Int
        let keysStart: Int
    }

    /// Parses one value, containers included, without recursion: open containers live on
    /// `frames`, their finished members on `values`/`keys` until the container closes.
    mutating func value() throws -> JSON {
        var frames: [Frame] = []
        var values: [JSON] = []
        var keys: [String] = []
        while true {
            guard index < end else { throw failure("Expecting value", at: index) }
            var current: JSON
            switch text[index] {
            case JSONByte.openBrace:
                try checkDepth(frames.count, container: "object")
                index += 1
                skipWhitespace()
                if index < end && text[index] == JSONByte.closeBrace {
                    index += 1
                    current = .object(JSONObject())
                } else {
                    frames.append(Frame(isObject: true, valuesStart: values.count, keysStart: keys.count))
                    keys.append(try memberKey())
                    continue
                }
            case JSONByte.openBracket:
                try checkDepth(frames.count, container: "array")
                index += 1
                skipWhitespace()
                if index < end && text[index] == JSONByte.closeBracket {
                    index += 1
                    current = .array([])
                } else {
                    frames.append(Frame(isObject: false, valuesStart: values.count, keysStart: keys.count))
                    continue
                }
            case JSONByte.quote:
                current = .string(try string())
            default:
                current = try scalar()
            }

            // A value is complete: add it to the open container, closing as many as end here.
            while let frame = frames.last {
                values.append(current)
                skipWhitespace()
                let closer = frame.isObject ? JSONByte.closeBrace : JSONByte.closeBracket
                if index < end && text[index] == closer {
                    index += 1
                    frames.removeLast()
                    if frame.isObject {
                        current = .object(
                            readsWriterOutput
                                ? JSONObject(
                                    uniquePairs: zip(keys[frame.keysStart...], values[frame.valuesStart...]).map { (key: $0, value: $1) })
                                : Self.makeObject(keys: keys[frame.keysStart...], values: values[frame.valuesStart...]))
                        keys.removeSubrange(frame.keysStart...)
                    } else {
                        current = .array(Array(values[frame.valuesStart...]))
                    }
                    values.removeSubrange(frame.valuesStart...)
                    continue
                }
                guard index < end && text[index] == JSONByte.comma else { throw failure("Expecting ',' delimiter", at: index) }
                index += 1
                skipWhitespace()
                if frame.isObject { keys.append(try memberKey()) }
                break
            }
            if frames.isEmpty { return current }
        }
    }

    /// `"key"` and `:` with the whitespace around it; leaves `index` at the member's value.
    private mutating func memberKey() throws -> String {
        guard index < end && text[index] == JSONByte.quote else {
            throw failure("Expecting property name enclosed in double quotes", at: index)
        }
        let key = try string()
        skipWhitespace()
        guard index < end && text[index] == JSONByte.colon else { throw failure("Expecting ':' delimiter", at: index) }
        index += 1
        skipWhitespace()
        return key
    }

    private func checkDepth(_ depth: Int, container: String) throws {
        if depth >= maxDepth {
            throw JSONParseError("maximum recursion depth exceeded while decoding a JSON \(container) from a unicode string")
        }
    }

    /// A Python dict from members in order: a repeated key keeps its first place, takes the last value.
    private static func makeObject(keys: ArraySlice<String>, values: ArraySlice<JSON>) -> JSONObject {
        var dict = PythonDict<String, JSON>(minimumCapacity: keys.count)
        for (key, value) in zip(keys, values) { dict.set(key, value) }
        return JSONObject(uniquePairs: dict.pairs)
    }

    // MARK: Helpers

    @inline(__always) mutating func skipWhitespace() {
        while index < end {
            switch text[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    func failure(_ message: String, at offset: Int) -> JSONParseError {
        JSONParseError(message, location: JSONParseError.location(ofByte: offset, in: text))
    }
}
