/// `multipart/form-data` bodies as Django's `encode_multipart` writes them: one part per field,
/// CRLF line ends, the closing boundary followed by a CRLF.
///
///     let body = MultipartBody.encode([("title", "Hi")])
///     // --BoUnDaRyStRiNg\r\n
///     // Content-Disposition: form-data; name="title"\r\n
///     // \r\n
///     // Hi\r\n
///     // --BoUnDaRyStRiNg--\r\n
enum MultipartBody {
    /// Django's test client boundary, so bodies compare byte for byte with DRF's tests.
    static let boundary = "BoUnDaRyStRiNg"

    static func encode(_ fields: [(String, String)]) -> [UInt8] {
        var lines: [String] = []
        for (name, value) in fields {
            lines.append("--" + boundary)
            lines.append("Content-Disposition: form-data; name=\"\(quoted(name))\"")
            lines.append("")
            lines.append(value)
        }
        lines.append("--" + boundary + "--")
        lines.append("")
        return Array(lines.joined(separator: "\r\n").utf8)
    }

    /// A field name inside the quoted `name=` parameter: quote and backslash escaped, line
    /// breaks dropped (a name cannot end the header line).
    static func quoted(_ name: String) -> String {
        var result = ""
        for character in name {
            switch character {
            case "\"", "\\": result.append("\\"); result.append(character)
            case "\r", "\n", "\r\n": continue
            default: result.append(character)
            }
        }
        return result
    }
}
