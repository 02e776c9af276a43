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
        // An ASCII value (what a header nearly always is) is split straight from the string's
        // bytes: `split(whereSeparator:)`, `allSatisfy` and `zip` over collections were a
        // measurable cost on every authenticated request.
        var value = value
        if let words = value.withUTF8({ bytes in Self.isASCII(bytes) ? Self.split(bytes) : nil }) {
            self.words = words
        } else {
            words = Self.split(Self.bytes(of: value))
        }
    }

    /// Whether the first word is `scheme`, compared as Python's `bytes.lower()` does (ASCII only).
    func hasScheme(_ scheme: String) -> Bool {
        guard let first = words.first else { return false }
        let expected = Self.bytes(of: scheme)
        guard first.count == expected.count else { return false }
        for i in first.indices where Self.asciiLowercased(first[i]) != Self.asciiLowercased(expected[i]) { return false }
        return true
    }

    static func bytes(of value: String) -> [UInt8] {
        // ASCII (what a header nearly always is) reads the same either way.
        var value = value
        if value.withUTF8({ Self.isASCII($0) }) { return Array(value.utf8) }
        if value.unicodeScalars.allSatisfy({ $0.value <= 0xFF }) {
            return value.unicodeScalars.map { UInt8($0.value) }
        }
        return Array(value.utf8)
    }

    private static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for byte in bytes where byte >= 0x80 { return false }
        return true
    }

    /// Python's `bytes.split()` with no separator: runs of space, \t, \n, \v, \f, \r separate,
    /// and leading or trailing whitespace yields no empty words.
    static func split(_ bytes: [UInt8]) -> [[UInt8]] {
        bytes.withUnsafeBufferPointer { split($0) }
    }

    static func split(_ bytes: UnsafeBufferPointer<UInt8>) -> [[UInt8]] {
        var words: [[UInt8]] = []
        var start = 0
        while start < bytes.count {
            while start < bytes.count && isWhitespace(bytes[start]) { start += 1 }
            guard start < bytes.count else { break }
            var end = start
            while end < bytes.count && !isWhitespace(bytes[end]) { end += 1 }
            words.append(Array(bytes[start..<end]))
            start = end
        }
        return words
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
