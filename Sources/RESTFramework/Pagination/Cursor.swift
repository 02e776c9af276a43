/// A position in a cursor-paginated list, as DRF's `Cursor` namedtuple: skip `offset` rows past
/// `position` (the ordering field's value as text), walking backwards when `reverse`.
///
/// On the wire it is DRF's token: base64 of `o=<offset>&r=1&p=<position>` (each key only when
/// non-zero, reversed or set), so cursors minted by DRF keep working here and the other way.
///
///     Cursor(offset: 0, reverse: false, position: "42").encoded      // "cD00Mg=="
///     try Cursor(decoding: "cj0xJnA9NDg3", offsetCutoff: 1000)        // reverse, position "487"
public struct Cursor: Sendable, Hashable {
    public var offset: Int
    public var reverse: Bool
    public var position: String?

    public init(offset: Int, reverse: Bool, position: String?) {
        self.offset = offset
        self.reverse = reverse
        self.position = position
    }

    /// Why a cursor token was refused (DRF answers every case with the same 404).
    public struct Invalid: Error, Sendable, Hashable {}

    /// DRF's `decode_cursor`: Python's lenient `b64decode` (junk characters skipped; nothing
    /// left is the first page), ASCII only, then `parse_qs`: `o` a non-negative integer capped
    /// at `offsetCutoff`, `r` any integer (non-zero: reverse), `p` any text. First values win.
    public init(decoding token: String, offsetCutoff: Int?) throws(Invalid) {
        guard token.unicodeScalars.allSatisfy(\.isASCII),
            let bytes = PythonBase64.decode(token), bytes.allSatisfy({ $0 < 0x80 })
        else { throw Invalid() }
        let tokens = QueryDict(parsing: String(decoding: bytes, as: UTF8.self))
        guard let offset = PaginationNumbers.positiveInt(tokens.list("o").first ?? "0", strict: false, cutoff: offsetCutoff),
            let reverse = IntegerText(parsing: tokens.list("r").first ?? "0")
        else { throw Invalid() }
        self.init(offset: offset, reverse: !reverse.isZero, position: tokens.list("p").first)
    }

    /// DRF's `encode_cursor` token (before it is form-encoded into a link).
    public var encoded: String {
        var tokens: [(String, String)] = []
        if offset != 0 { tokens.append(("o", String(offset))) }
        if reverse { tokens.append(("r", "1")) }
        if let position { tokens.append(("p", position)) }
        return PythonBase64.encode(Array(QueryDict(tokens).urlencoded().utf8))
    }
}
