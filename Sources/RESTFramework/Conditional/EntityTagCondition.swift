/// The value of an `If-Match` or `If-None-Match` header (RFC 9110 §13.1.1, §13.1.2): `*`, or a
/// comma-separated list of entity tags.
///
///     let list = EntityTagCondition(#"W/"a", "b""#)   // .tags([W/"a", "b"])
///     let any = EntityTagCondition("*")              // .any
///     let bad = EntityTagCondition("a, b")           // .malformed: tags must be quoted
///
/// A value that is not a valid list is `.malformed` and matches nothing: an `If-Match` the
/// server cannot read must not let a write through (412), and an `If-None-Match` it cannot read
/// answers in full (200). Django's `parse_etags` would take an unquoted value as one tag; the
/// RFC's grammar has none, so this does not guess.
public enum EntityTagCondition: Equatable, Sendable {
    /// `*`: any current representation.
    case any
    /// The listed tags (empty elements of the list are allowed and skipped, as RFC 9110 §5.6.1 says).
    case tags([EntityTag])
    case malformed

    public init(_ value: String) {
        var reader = EntityTagReader(Array(value.utf8))
        reader.skipSpaces()
        if reader.peek == UInt8(ascii: "*") {
            reader.advance()
            reader.skipSpaces()
            self = reader.atEnd ? .any : .malformed
            return
        }
        var tags: [EntityTag] = []
        while true {
            // Empty list elements (`, ,`) are allowed.
            while !reader.atEnd, reader.peek == UInt8(ascii: ",") || reader.peek == UInt8(ascii: " ") || reader.peek == 0x09 {
                reader.advance()
            }
            if reader.atEnd { break }
            guard let tag = reader.readTag() else {
                self = .malformed
                return
            }
            tags.append(tag)
            reader.skipSpaces()
            if reader.atEnd { break }
            guard reader.peek == UInt8(ascii: ",") else {
                self = .malformed
                return
            }
        }
        self = .tags(tags)
    }

    /// The header's fields, joined as one list (several `If-Match` fields are one list, RFC 9110
    /// §5.3); nil when the request has none.
    public init?(header name: String, in headers: Headers) {
        let values = headers.values(name)
        guard !values.isEmpty else { return nil }
        self.init(values.count == 1 ? values[0] : values.joined(separator: ", "))
    }

    /// `If-Match`'s test: `*` when there is a current representation, else a listed tag that
    /// strongly matches it.
    public func strongMatch(_ current: EntityTag?) -> Bool {
        guard let current else { return false }
        switch self {
        case .any: return true
        case .tags(let tags): return tags.contains { $0.strongMatch(current) }
        case .malformed: return false
        }
    }

    /// `If-None-Match`'s test (true means "the client has it"): `*` when there is a current
    /// representation, else a listed tag that weakly matches it.
    public func weakMatch(_ current: EntityTag?) -> Bool {
        guard let current else { return false }
        switch self {
        case .any: return true
        case .tags(let tags): return tags.contains { $0.weakMatch(current) }
        case .malformed: return false
        }
    }
}

/// Reads entity tags off a header's bytes.
struct EntityTagReader {
    private let bytes: [UInt8]
    private var position = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { position >= bytes.count }
    var peek: UInt8? { atEnd ? nil : bytes[position] }
    mutating func advance() { position += 1 }

    /// Optional whitespace: spaces and tabs.
    mutating func skipSpaces() {
        while let byte = peek, byte == UInt8(ascii: " ") || byte == 0x09 { advance() }
    }

    /// `[W/] DQUOTE *etagc DQUOTE`, or nil (the position then means nothing).
    mutating func readTag() -> EntityTag? {
        var weak = false
        if peek == UInt8(ascii: "W") {
            advance()
            guard peek == UInt8(ascii: "/") else { return nil }
            advance()
            weak = true
        }
        guard peek == UInt8(ascii: "\"") else { return nil }
        advance()
        let start = position
        while let byte = peek, byte != UInt8(ascii: "\"") {
            guard EntityTag.isTagCharacter(byte) else { return nil }
            advance()
        }
        guard !atEnd else { return nil }
        let opaque = String(decoding: bytes[start..<position], as: UTF8.self)
        advance()
        return EntityTag(uncheckedOpaque: opaque, weak: weak)
    }
}
