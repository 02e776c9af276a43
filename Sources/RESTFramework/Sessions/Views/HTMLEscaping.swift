/// Django's `escape()`: text made safe for HTML element content and quoted attribute values.
///
///     HTMLEscaping.escape(#"<script>alert("x")</script>"#)
///     // "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"
public enum HTMLEscaping {
    /// (One escaper for the framework's HTML: the browsable API's page writer.)
    public static func escape(_ text: String) -> String { HTMLWriter.escape(text) }
}
