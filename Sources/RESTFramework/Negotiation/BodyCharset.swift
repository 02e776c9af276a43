/// The text encoding of a request body: the Content-Type's `charset`, which Django copies into
/// `request.encoding` when Python knows the codec, else UTF-8 (`DEFAULT_CHARSET`).
///
/// UTF-8, ASCII and Latin-1 (under Python's names and aliases) are decoded as Python decodes
/// them; any other charset is read as UTF-8 (a simplification: Django would use that codec).
///
///     BodyCharset(contentType: "application/json; charset=ISO-8859-1")   // .latin1
enum BodyCharset: Sendable {
    case utf8, ascii, latin1

    init(contentType: String) {
        let name = MediaType.parsed(contentType).parameters.first { $0.name == "charset" }?.value
        self = name.flatMap(Self.init(codecName:)) ?? .utf8
    }

    /// `codecs.lookup` for the codecs handled here: names normalized as Python's
    /// `encodings.normalize_encoding` does (lower case, other punctuation to `_`).
    init?(codecName: String) {
        var normalized = ""
        var pendingUnderscore = false
        for character in codecName.lowercased() {
            if character.isLetter || character.isNumber || character == "." {
                if pendingUnderscore && !normalized.isEmpty { normalized.append("_") }
                pendingUnderscore = false
                normalized.append(character)
            } else {
                pendingUnderscore = true
            }
        }
        normalized = normalized.replacing(".", with: "_")
        switch normalized {
        case "utf_8", "utf8", "u8", "utf", "utf8_ucs2", "utf8_ucs4", "cp65001":
            self = .utf8
        case "ascii", "us_ascii", "us", "646", "ansi_x3_4_1968", "ansi_x3_4_1986", "cp367", "csascii", "ibm367",
            "iso646_us", "iso_646_irv_1991", "iso_ir_6":
            self = .ascii
        case "latin_1", "latin1", "latin", "l1", "iso8859_1", "iso_8859_1", "8859", "cp819", "ibm819",
            "iso_ir_100", "csisolatin1", "iso_8859_1_1987":
            self = .latin1
        default:
            return nil
        }
    }

    /// The body as UTF-8 for the JSON reader; ASCII fails as Python's codec does.
    func utf8Bytes(_ body: [UInt8]) throws -> [UInt8] {
        switch self {
        case .utf8:
            return body
        case .ascii:
            if let bad = body.firstIndex(where: { $0 >= 0x80 }) {
                throw JSONParseError(
                    "'ascii' codec can't decode byte 0x\(PythonUTF8.hex(body[bad])) in position \(bad): ordinal not in range(128)")
            }
            return body
        case .latin1:
            return Self.latin1ToUTF8(body)
        }
    }

    /// Text for the form parsers: Django decodes with the request's encoding and falls back to
    /// Latin-1 when that fails ("some user agents are misbehaving").
    func text(_ body: [UInt8]) -> String {
        let decodes: Bool
        switch self {
        case .latin1: decodes = false
        case .ascii: decodes = !body.contains { $0 >= 0x80 }
        case .utf8: decodes = (try? body.withUnsafeBufferPointer { try PythonUTF8.decodableLength($0) }) == body.count
        }
        return decodes ? String(decoding: body, as: UTF8.self) : String(decoding: Self.latin1ToUTF8(body), as: UTF8.self)
    }

    static func latin1ToUTF8(_ body: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(body.count + body.count / 8)
        for byte in body {
            if byte < 0x80 { out.append(byte) } else { out.append(0xC0 | byte >> 6); out.append(0x80 | byte & 0x3F) }
        }
        return out
    }
}
