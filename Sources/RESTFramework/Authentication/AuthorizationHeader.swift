/// The `Authorization` header as DRF's `get_authorization_header(request).split()` sees it:
/// the header's bytes, split on ASCII whitespace.
///
/// DRF works on bytes: WSGI hands Django header values decoded as Latin-1 (one character per
/// byte, PEP 3333) and DRF encodes them back. A responder that builds `Headers` the same way
/// gives us the exact bytes back; a value holding characters above U+00FF can only have come
/// from a UTF-8 decoding, so its UTF-8 bytes are the best reconstruction of what was sent.
struct AuthorizationHeader {
    /// The whitespace-separated words of the header; empty when it is absent or blank.
    let words: [[UInt8]]

    init(_ request: Request) {
        self.init(value: request.headers["Authorization"] ?? "")
    }

    init(value: String) {
        words = Self.split(Self.bytes(of: value))
    }

    /// Whether the first word is `scheme`, compared as Python's `bytes.lower()` does (ASCII only).
    func hasScheme(_ scheme: String) -> Bool {
        guard let first = words.first else { return false }
        let expected = Self.bytes(of: scheme)
        guard first.count == expected.count else { return false }
        return zip(first, expected).allSatisfy { Self.asciiLowercased($0) == Self.asciiLowercased($1) }
    }

    static func bytes(of value: String) -> [UInt8] {
        // ASCII (what a header nearly always is) reads the same either way.
        if value.utf8.allSatisfy({ $0 < 0x80 }) { return Array(value.utf8) }
        if value.unicodeScalars.allSatisfy({ $0.value <= 0xFF }) {
            return value.unicodeScalars.map { UInt8($0.value) }
        }
        return Array(value.utf8)
    }

    /// Python's `bytes.split()` with no separator: runs of space, \t, \n, \v, \f, \r separate,
    /// and leading or trailing whitespace yields no empty words.
    static func split(_ bytes: [UInt8]) -> [[UInt8]] {
        bytes.split(whereSeparator: isWhitespace).map(Array.init)
    }

    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
    }

    static func asciiLowercased(_ byte: UInt8) -> UInt8 {
        (0x41...0x5A).contains(byte) ? byte + 0x20 : byte
    }

    /// Latin-1 decoding: every byte is the code point of the same value.
    static func latin1String(_ bytes: [UInt8]) -> String {
        var text = String.UnicodeScalarView()
        for byte in bytes { text.append(Unicode.Scalar(byte)) }
        return String(text)
    }
}
