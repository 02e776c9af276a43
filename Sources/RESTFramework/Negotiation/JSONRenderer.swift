/// DRF's `JSONRenderer`: compact UTF-8 JSON (`{"a":1}`), or Python's
/// `json.dumps(indent=N, separators=(",", ": "))` when the accepted media type says `indent=N`
/// (clamped to 0...8; 0, or a value Python's `int()` refuses, means compact). Content-Type
/// `application/json` without a charset; nil data renders no bytes (so no Content-Type).
///
///     JSONRenderer().render(["a": [1]], acceptedMediaType: "application/json; indent=2", request: nil)
///     // {\n  "a": [\n    1\n  ]\n}
public struct JSONRenderer: Renderer {
    public init() {}
    public var mediaType: String { "application/json" }
    public var format: String { "json" }

    public func render(_ data: JSON?, acceptedMediaType: String?, request: Request?) -> [UInt8] {
        guard let data else { return [] }
        return JSONWriter.render(data, indent: acceptedMediaType.flatMap(Self.indent(from:)))
    }

    /// DRF's `get_indent`: `zero_as_none(max(min(int(params['indent']), 8), 0))`.
    static func indent(from mediaType: String) -> Int? {
        // Parameters follow a `;`: the usual `application/json` needs no parse.
        guard mediaType.utf8.contains(UInt8(ascii: ";")) else { return nil }
        guard let text = MediaType.parsed(mediaType).parameters.first(where: { $0.name == "indent" })?.value,
            let value = PythonInt.parse(text)
        else { return nil }
        let clamped = max(min(value, 8), 0)
        return clamped == 0 ? nil : clamped
    }
}

/// Python's `int(str)` for base 10, enough to read a header parameter: surrounding whitespace,
/// a sign, digits from any script (`٤`), single underscores between digits. Values beyond
/// `Int` saturate (they are clamped by the caller anyway).
enum PythonInt {
    static func parse(_ text: String) -> Int? {
        var scalars = Substring(text).unicodeScalars[...]
        while let first = scalars.first, first.properties.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
        var negative = false
        if let sign = scalars.first, sign == "+" || sign == "-" {
            negative = sign == "-"
            scalars.removeFirst()
        }
        guard !scalars.isEmpty else { return nil }
        var value = 0, previousWasDigit = false
        for scalar in scalars {
            if scalar == "_" {
                guard previousWasDigit else { return nil }
                previousWasDigit = false
                continue
            }
            guard scalar.properties.numericType == .decimal, let digit = scalar.properties.numericValue else { return nil }
            let (product, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = product.addingReportingOverflow(Int(digit))
            value = overflow1 || overflow2 ? Int.max : sum
            previousWasDigit = true
        }
        guard previousWasDigit else { return nil }
        return negative ? -value : value
    }
}
