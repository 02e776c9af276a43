/// The browsable API's page text: every value goes in through `text`, `element` or an
/// attribute, which escape it (Django's `escape`: `& < > " '`), so a username
/// `<script>alert(1)</script>` stays text. Fixed markup goes in through `markup`, which takes
/// only a string literal, so no request's or row's value can reach the page unescaped. (The
/// framework's own page writer also has `raw`, for markup it builds.) Tag and attribute names
/// are the code's own.
///
///     var html = HTMLWriter()
///     html.markup("<b>")
///     html.text("<script>")
///     html.markup("</b>")
///     html.string   // <b>&lt;script&gt;</b>
///
/// A filter backend's controls (`FilterBackend.toHTML`) are written with it:
///
///     html.open("input", [("type", "search"), ("name", "q"), ("value", request.query["q"] ?? "")])
public struct HTMLWriter {
    private(set) var bytes: [UInt8] = []

    public init() {}

    public var string: String { String(decoding: bytes, as: UTF8.self) }

    /// Fixed markup, a string literal.
    public mutating func markup(_ literal: StaticString) {
        literal.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Markup written by the framework (never a request's or a row's value).
    mutating func raw(_ markup: String) { bytes.append(contentsOf: markup.utf8) }

    /// A value as element text.
    public mutating func text(_ value: String) { Self.escape(value, into: &bytes) }

    /// ` name="value"`, the value escaped.
    public mutating func attribute(_ name: String, _ value: String) {
        raw(" \(name)=\"")
        text(value)
        raw("\"")
    }

    /// `<tag attributes>text</tag>`.
    public mutating func element(_ tag: String, _ attributes: [(String, String)] = [], text value: String) {
        open(tag, attributes)
        text(value)
        close(tag)
    }

    /// `<tag attributes>`, each value escaped.
    public mutating func open(_ tag: String, _ attributes: [(String, String)] = []) {
        raw("<\(tag)")
        for (name, value) in attributes { attribute(name, value) }
        raw(">")
    }

    /// `</tag>`.
    public mutating func close(_ tag: String) { raw("</\(tag)>") }

    static func escape(_ value: String, into out: inout [UInt8]) {
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "\""): out.append(contentsOf: "&quot;".utf8)
            case UInt8(ascii: "'"): out.append(contentsOf: "&#x27;".utf8)
            default: out.append(byte)
            }
        }
    }

    static func escape(_ value: String) -> String {
        var out: [UInt8] = []
        escape(value, into: &out)
        return String(decoding: out, as: UTF8.self)
    }
}
