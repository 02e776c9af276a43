/// A position in PostgreSQL's write-ahead log (`pg_lsn`), as the server prints it: two
/// hexadecimal halves, `16/B374D848`. Read-your-writes compares the primary's position after a
/// client's write with how far each replica has replayed.
///
///     let written = LogSequenceNumber("16/B374D848")!
///     written <= LogSequenceNumber("16/B374D900")!   // true: that replica has it
public struct LogSequenceNumber: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let value: UInt64

    public init(_ value: UInt64) { self.value = value }

    /// Parses `X/Y` (each 1 to 8 hex digits); nil for anything else, so a tampered or garbled
    /// text is refused rather than guessed.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let high = Self.hex(parts[0]), let low = Self.hex(parts[1]) else { return nil }
        value = high << 32 | low
    }

    private static func hex(_ text: Substring) -> UInt64? {
        guard (1...8).contains(text.utf8.count), text.utf8.allSatisfy({ $0 != UInt8(ascii: "+") && $0 != UInt8(ascii: "-") }) else {
            return nil
        }
        return UInt64(text, radix: 16)
    }

    public var description: String {
        String(value >> 32, radix: 16, uppercase: true) + "/" + String(value & 0xFFFF_FFFF, radix: 16, uppercase: true)
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.value < rhs.value }
}
