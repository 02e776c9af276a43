/// Why a body is not JSON, worded as Python's `json` module words it, so DRF's
/// `JSON parse error - <reason>` message comes out the same.
///
///     do { _ = try JSON.parse(Array("[1,]".utf8)) } catch let error as JSONParseError {
///         error.description   // "Expecting value: line 1 column 4 (char 3)"
///     }
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Where in the text, counted as Python counts: lines from 1, columns from 1, `character` the
    /// code point index from 0.
    public struct Location: Sendable, Equatable {
        public let line: Int
        public let column: Int
        public let character: Int
    }

    /// The message without its location ("Expecting value").
    public let message: String
    /// Nil for errors Python reports without one (decoding errors, `NaN`, digit limits).
    public let location: Location?

    public init(_ message: String, location: Location? = nil) {
        self.message = message
        self.location = location
    }

    /// `json.JSONDecodeError.__str__`: `"<msg>: line L column C (char N)"`.
    public var description: String {
        guard let location else { return message }
        return "\(message): line \(location.line) column \(location.column) (char \(location.character))"
    }

    /// The location of byte `offset` in UTF-8 `text`, as `JSONDecodeError` computes it from
    /// code points: line = newlines before + 1, column = distance from the last newline.
    /// Only run when an error is reported, so the linear scan costs nothing on the hot path.
    static func location(ofByte offset: Int, in text: UnsafeBufferPointer<UInt8>) -> Location {
        var character = 0, line = 1, lastNewline = -1
        for index in 0..<min(offset, text.count) {
            let byte = text[index]
            if byte & 0xC0 == 0x80 { continue }  // continuation bytes are not code points
            if byte == 10 { line += 1; lastNewline = character }
            character += 1
        }
        return Location(line: line, column: character - lastNewline, character: character)
    }
}
