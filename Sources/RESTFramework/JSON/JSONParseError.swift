/// Why a body is not JSON, worded for DRF's `JSON parse error - <reason>` message.
public struct JSONParseError: Error, Sendable, CustomStringConvertible {
    public let reason: String
    public let offset: Int
    public init(_ reason: String, offset: Int) { self.reason = reason; self.offset = offset }
    public var description: String { reason }
}
