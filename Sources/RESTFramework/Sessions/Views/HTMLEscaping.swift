/// Django's `escape()`: text made safe for HTML element content and quoted attribute values.
///
///     HTMLEscaping.escape(#"<script>alert("x")</script>"#)
///     // "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"
public enum HTMLEscaping {
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#x27;"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }
}
