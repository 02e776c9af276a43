import COpenSSL

/// An HTTP entity tag (RFC 9110 §8.8.3): an opaque string in quotes, weak when prefixed `W/`.
/// What `ETag` carries and `If-Match` / `If-None-Match` list.
///
///     let tag = EntityTag.ofRepresentation(Array(#"{"id":1}"#.utf8))
///     let header = tag.headerValue                // "\"…32 hex digits…\""
///     let weak = EntityTag(parsing: #"W/"v7""#)   // weak, opaque "v7"
///     let version = EntityTag(version: "42")      // "\"42\"": a row version
public struct EntityTag: Hashable, Sendable {
    /// The characters between the quotes.
    public let opaque: String
    /// `W/"…"`: the representation may change without the tag changing (never sent here).
    public let isWeak: Bool

    /// A tag from its opaque part; nil when it holds a character an entity tag cannot (`"`, a
    /// space, a control character).
    public init?(opaque: String, weak: Bool = false) {
        guard opaque.utf8.allSatisfy(Self.isTagCharacter) else { return nil }
        self.opaque = opaque
        isWeak = weak
    }

    /// A strong tag from a row version (a counter or a timestamp's text); characters an entity
    /// tag cannot hold (and `%`, and anything beyond ASCII) are percent-escaped, so any version makes a valid tag.
    public init(version: String) {
        var escaped = ""
        for byte in version.utf8 {
            if byte < 0x80 && Self.isTagCharacter(byte) && byte != UInt8(ascii: "%") {
                escaped.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                escaped += "%" + Self.hex([byte])
            }
        }
        opaque = escaped
        isWeak = false
    }

    /// One entity tag as written in a header (`"abc"`, `W/"abc"`), surrounding spaces allowed;
    /// nil for anything else.
    public init?(parsing text: String) {
        var reader = EntityTagReader(Array(text.utf8))
        reader.skipSpaces()
        guard let tag = reader.readTag() else { return nil }
        reader.skipSpaces()
        guard reader.atEnd else { return nil }
        self = tag
    }

    init(uncheckedOpaque opaque: String, weak: Bool) {
        self.opaque = opaque
        isWeak = weak
    }

    /// The field value: `"opaque"` or `W/"opaque"`.
    public var headerValue: String { (isWeak ? "W/\"" : "\"") + opaque + "\"" }

    /// RFC 9110 §8.8.3.2 strong comparison (If-Match): both strong, same opaque part.
    public func strongMatch(_ other: EntityTag) -> Bool { !isWeak && !other.isWeak && opaque == other.opaque }

    /// RFC 9110 §8.8.3.2 weak comparison (If-None-Match): the same opaque part, `W/` ignored.
    public func weakMatch(_ other: EntityTag) -> Bool { opaque == other.opaque }

    /// The strong tag of a representation: the first 128 bits of the SHA-256 of its bytes, in
    /// hex. Equal bytes give equal tags; any change of the bytes (a field, the indent, another
    /// renderer) gives another tag.
    public static func ofRepresentation(_ body: [UInt8]) -> EntityTag {
        var digest = [UInt8](repeating: 0, count: Int(SHA256_DIGEST_LENGTH))
        var context = SHA256_CTX()
        SHA256_Init(&context)
        body.withUnsafeBytes { bytes in _ = SHA256_Update(&context, bytes.baseAddress, bytes.count) }
        digest.withUnsafeMutableBufferPointer { out in _ = SHA256_Final(out.baseAddress, &context) }
        return EntityTag(uncheckedOpaque: hex(digest.prefix(16)), weak: false)
    }

    /// RFC 9110's `etagc`: `!`, `#`…`~`, and obs-text (bytes from 0x80).
    static func isTagCharacter(_ byte: UInt8) -> Bool {
        byte == 0x21 || (byte >= 0x23 && byte != 0x7F)
    }

    private static func hex<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
