/// The parts of a multipart body, as Django's `Parser` and `BoundaryIter` cut them: each runs
/// from the end of one `--boundary` delimiter to the next (the line break before a delimiter
/// belongs to it), the last to the end of the body (the epilogue, `--` and what follows). The
/// preamble before the first delimiter is not a part. A part's headers end at its first blank
/// line; a part without one (raw data) has no headers.
///
/// Parts are found one at a time with `ByteSearch` (linear in the body whatever the boundary),
/// so a parser that stops early (the field limit) has not searched the rest.
///
///     for part in MultipartParts(body: body, delimiter: Array("--XyZ".utf8)) {
///         part.headers["content-disposition"]?.parameters   // [("name", "title")]
///     }
struct MultipartParts: Sequence, IteratorProtocol {
    struct Part {
        /// Lower-cased header name → (value, parameters).
        var headers: [String: (value: String, parameters: [(name: String, value: String)])]
        var content: ArraySlice<UInt8>
    }

    let body: [UInt8]
    let delimiter: [UInt8]
    /// Where the next part's delimiter starts; nil when there are no more parts.
    private var nextDelimiter: Int?

    init(body: [UInt8], delimiter: [UInt8]) {
        self.body = body
        self.delimiter = delimiter
        nextDelimiter = ByteSearch.firstIndex(of: delimiter, in: body, from: 0)
    }

    mutating func next() -> Part? {
        guard let position = nextDelimiter else { return nil }
        let start = position + delimiter.count
        // Django makes a part only of bytes left after a delimiter: none at the very end.
        guard start < body.count else {
            nextDelimiter = nil
            return nil
        }
        let following = ByteSearch.firstIndex(of: delimiter, in: body, from: start)
        nextDelimiter = following
        var stop = following ?? body.count
        if following != nil {
            if stop > start && body[stop - 1] == 10 { stop -= 1 }
            if stop > start && body[stop - 1] == 13 { stop -= 1 }
        }
        guard let headerEnd = ByteSearch.firstIndex(of: Self.blankLine, in: body, from: start, before: stop) else {
            return Part(headers: [:], content: body[start..<stop])
        }
        var headers: [String: (value: String, parameters: [(name: String, value: String)])] = [:]
        // Lines split on the bytes CR LF (what splitting the text on "\r\n" gives, without
        // iterating characters), empty ones skipped.
        var lineStart = start
        while lineStart < headerEnd {
            let lineEnd = ByteSearch.firstIndex(of: Self.lineBreak, in: body, from: lineStart, before: headerEnd) ?? headerEnd
            defer { lineStart = lineEnd + 2 }
            if lineEnd == lineStart { continue }
            let (main, parameters) = HeaderParameters.parse(String(decoding: body[lineStart..<lineEnd], as: UTF8.self))
            guard let colon = main.firstIndex(of: ":") else { continue }
            let name = String(main[..<colon])
            headers[name] = (HeaderParameters.trim(main[main.index(after: colon)...]), parameters)
        }
        return Part(headers: headers, content: body[(headerEnd + 4)..<stop])
    }

    private static let blankLine: [UInt8] = [13, 10, 13, 10]
    private static let lineBreak: [UInt8] = [13, 10]
}
