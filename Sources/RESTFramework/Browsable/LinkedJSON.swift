/// The response body as the browsable API shows it: JSON indented by 4 (as DRF asks its JSON
/// renderer for the page), escaped, with every string that is an `http(s)://` URL a link (DRF's
/// `urlize_quoted_links`). Only those two schemes become links, so a value `javascript:...` stays
/// text.
///
///     var html = HTMLWriter()
///     LinkedJSON.write(["url": "http://example.com/api/users/1/"], into: &html)
///     // {\n    "url": "<a href="http://example.com/api/users/1/" rel="nofollow">http://example.com/api/users/1/</a>"\n}
enum LinkedJSON {
    static func write(_ value: JSON, into html: inout HTMLWriter, level: Int = 0) {
        switch value {
        case .string(let text):
            if isLink(text) {
                html.raw("\"<a")
                html.attribute("href", text)
                html.raw(" rel=\"nofollow\">")
                // The JSON escapes of the text (a `"` in a URL is `\"`) without its quotes.
                html.text(String(JSONWriter.renderString(value).dropFirst().dropLast()))
                html.raw("</a>\"")
            } else {
                html.text(JSONWriter.renderString(value))
            }
        case .array(let items):
            if items.isEmpty { return html.raw("[]") }
            html.raw("[\n")
            for (index, item) in items.enumerated() {
                indent(level + 1, &html)
                write(item, into: &html, level: level + 1)
                html.raw(index == items.count - 1 ? "\n" : ",\n")
            }
            indent(level, &html)
            html.raw("]")
        case .object(let object):
            let pairs = object.pairs
            if pairs.isEmpty { return html.raw("{}") }
            html.raw("{\n")
            for (index, pair) in pairs.enumerated() {
                indent(level + 1, &html)
                html.text(JSONWriter.renderString(.string(pair.key)))
                html.raw(": ")
                write(pair.value, into: &html, level: level + 1)
                html.raw(index == pairs.count - 1 ? "\n" : ",\n")
            }
            indent(level, &html)
            html.raw("}")
        default:
            html.text(JSONWriter.renderString(value))
        }
    }

    static func isLink(_ text: String) -> Bool {
        (text.hasPrefix("http://") || text.hasPrefix("https://")) && !text.utf8.contains(where: { $0 <= 0x20 })
    }

    private static func indent(_ level: Int, _ html: inout HTMLWriter) {
        html.raw(String(repeating: " ", count: 4 * level))
    }
}
