/// The browsable API's page text: every value goes in through `text` or `attribute`, which
/// escape it (Django's `escape`: `& < > " '`), so a username `<script>alert(1)</script>` stays
/// text. Markup the framework itself writes goes through `raw`.
///
///     var html = HTMLWriter()
///     html.raw("<b>")
///     html.text("<script>")
///     html.raw("</b>")
///     html.string   // <b>&lt;script&gt;</b>
struct HTMLWriter {
    private(set) var bytes: [UInt8] = []

    var string: String { String(decoding: bytes, as: UTF8.self) }

    /// Markup written by the framework (never a request's or a row's value).
    mutating func raw(_ markup: String) { bytes.append(contentsOf: markup.utf8) }

    /// A value as element text.
    mutating func text(_ value: String) { Self.escape(value, into: &bytes) }

    /// ` name="value"`, the value escaped.
    mutating func attribute(_ name: String, _ value: String) {
        raw(" \(name)=\"")
        text(value)
        raw("\"")
    }

    /// `<tag attributes>text</tag>`.
    mutating func element(_ tag: String, _ attributes: [(String, String)] = [], text value: String) {
        open(tag, attributes)
        text(value)
        raw("</\(tag)>")
    }

    mutating func open(_ tag: String, _ attributes: [(String, String)] = []) {
        raw("<\(tag)")
        for (name, value) in attributes { attribute(name, value) }
        raw(">")
    }

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
