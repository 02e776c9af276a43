#if canImport(Glibc)
import Glibc
#endif

/// An HTTP-date (RFC 9110 §5.6.7): whole seconds since the Unix epoch, what `Last-Modified`
/// carries and `If-Modified-Since` / `If-Unmodified-Since` compare against.
///
///     let date = HTTPDate(parsing: "Sun, 06 Nov 1994 08:49:37 GMT")     // IMF-fixdate
///     let old = HTTPDate(parsing: "Sunday, 06-Nov-94 08:49:37 GMT")     // RFC 850: the same date
///     let older = HTTPDate(parsing: "Sun Nov  6 08:49:37 1994")         // asctime: the same date
///     let header = date?.headerValue                                    // "Sun, 06 Nov 1994 08:49:37 GMT"
///     let second = HTTPDate(DateTime(microsecondsSinceEpoch: 784_111_777_900_000))   // the same: no fraction
///
/// A recipient must read all three formats; a sender writes only the first. Anything else is
/// nil, and a precondition header that holds one is ignored (§13.1.3, §13.1.4).
public struct HTTPDate: Hashable, Comparable, Sendable {
    public let secondsSinceEpoch: Int64

    public init(secondsSinceEpoch: Int64) { self.secondsSinceEpoch = secondsSinceEpoch }

    /// An instant to the second below it: HTTP dates have no fraction, so a row updated at
    /// 08:49:37.9 was last modified in the second the header names as 08:49:37.
    public init(_ instant: DateTime) {
        let micro = instant.microsecondsSinceEpoch
        secondsSinceEpoch = micro >= 0 ? micro / 1_000_000 : -((-(micro + 1)) / 1_000_000) - 1
    }

    public static func < (a: HTTPDate, b: HTTPDate) -> Bool { a.secondsSinceEpoch < b.secondsSinceEpoch }

    /// IMF-fixdate: `Sun, 06 Nov 1994 08:49:37 GMT`.
    public var headerValue: String { SetCookie.httpDate(Int(clamping: secondsSinceEpoch)) }

    public init?(parsing text: String) {
        var reader = HTTPDateReader(Array(text.utf8))
        reader.skipSpaces()
        guard let date = reader.imfFixdate() ?? reader.rfc850() ?? reader.asctime() else { return nil }
        self = date
    }

    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// The instant of a UTC calendar time; nil when a field is out of range.
    static func make(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) -> HTTPDate? {
        guard (1...12).contains(month), (1...31).contains(day), (0...23).contains(hour), (0...59).contains(minute),
            (0...60).contains(second), (1...9999).contains(year)
        else { return nil }
        var parts = tm()
        parts.tm_year = Int32(year - 1900)
        parts.tm_mon = Int32(month - 1)
        parts.tm_mday = Int32(day)
        parts.tm_hour = Int32(hour)
        parts.tm_min = Int32(minute)
        parts.tm_sec = Int32(second)
        let seconds = timegm(&parts)
        // timegm normalises 31 Feb into March: such a day is not a date.
        guard parts.tm_mday == Int32(day), parts.tm_mon == Int32(month - 1) else { return nil }
        return HTTPDate(secondsSinceEpoch: Int64(seconds))
    }
}

/// Reads one of the three HTTP-date formats off a header's bytes; each reader starts afresh.
struct HTTPDateReader {
    private let bytes: [UInt8]
    private var start = 0

    init(_ bytes: [UInt8]) {
        var end = bytes.count
        while end > 0, bytes[end - 1] == UInt8(ascii: " ") || bytes[end - 1] == 0x09 { end -= 1 }
        self.bytes = Array(bytes[..<end])
    }

    mutating func skipSpaces() {
        while start < bytes.count, bytes[start] == UInt8(ascii: " ") || bytes[start] == 0x09 { start += 1 }
    }

    /// `Sun, 06 Nov 1994 08:49:37 GMT`
    func imfFixdate() -> HTTPDate? {
        var cursor = Cursor(bytes: bytes, position: start)
        guard cursor.letters(3) != nil, cursor.literal(", "), let day = cursor.digits(2), cursor.literal(" "),
            let month = cursor.month(), cursor.literal(" "), let year = cursor.digits(4), cursor.literal(" "),
            let time = cursor.time(), cursor.literal(" GMT"), cursor.atEnd
        else { return nil }
        return HTTPDate.make(year: year, month: month, day: day, hour: time.0, minute: time.1, second: time.2)
    }

    /// `Sunday, 06-Nov-94 08:49:37 GMT`: a two-digit year more than 50 years ahead is the past
    /// century's (RFC 9110 §5.6.7).
    func rfc850() -> HTTPDate? {
        var cursor = Cursor(bytes: bytes, position: start)
        guard let name = cursor.letters(), name.count >= 6, cursor.literal(", "), let day = cursor.digits(2),
            cursor.literal("-"), let month = cursor.month(), cursor.literal("-"), let short = cursor.digits(2),
            cursor.literal(" "), let time = cursor.time(), cursor.literal(" GMT"), cursor.atEnd
        else { return nil }
        var year = 2000 + short
        let thisYear = 1970 + Int(DateTime.now().microsecondsSinceEpoch / 31_556_952_000_000)
        if year > thisYear + 50 { year -= 100 }
        return HTTPDate.make(year: year, month: month, day: day, hour: time.0, minute: time.1, second: time.2)
    }

    /// `Sun Nov  6 08:49:37 1994` (the day padded with a space).
    func asctime() -> HTTPDate? {
        var cursor = Cursor(bytes: bytes, position: start)
        guard cursor.letters(3) != nil, cursor.literal(" "), let month = cursor.month(), cursor.literal(" ") else { return nil }
        if cursor.literal(" ") {
            guard let digit = cursor.digits(1) else { return nil }
            return cursor.asctimeRest(month: month, day: digit)
        }
        guard let day = cursor.digits(2) else { return nil }
        return cursor.asctimeRest(month: month, day: day)
    }

    private struct Cursor {
        let bytes: [UInt8]
        var position: Int

        var atEnd: Bool { position == bytes.count }

        mutating func literal(_ text: StaticString) -> Bool {
            let count = text.utf8CodeUnitCount
            guard position + count <= bytes.count else { return false }
            for offset in 0..<count where bytes[position + offset] != text.utf8Start[offset] { return false }
            position += count
            return true
        }

        /// Exactly `count` letters, or as many as there are when `count` is nil (at least one).
        mutating func letters(_ count: Int? = nil) -> [UInt8]? {
            let begin = position
            while position < bytes.count, (bytes[position] | 0x20) >= UInt8(ascii: "a"), (bytes[position] | 0x20) <= UInt8(ascii: "z") {
                position += 1
                if let count, position - begin == count { break }
            }
            let found = Array(bytes[begin..<position])
            if let count { return found.count == count ? found : nil }
            return found.isEmpty ? nil : found
        }

        mutating func digits(_ count: Int) -> Int? {
            guard position + count <= bytes.count else { return nil }
            var value = 0
            for offset in 0..<count {
                let byte = bytes[position + offset]
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            position += count
            return value
        }

        /// `Jan` … `Dec`, case-sensitive as the grammar writes them: 1 … 12.
        mutating func month() -> Int? {
            guard let name = letters(3) else { return nil }
            let text = String(decoding: name, as: UTF8.self)
            return HTTPDate.months.firstIndex(of: text).map { $0 + 1 }
        }

        mutating func time() -> (Int, Int, Int)? {
            guard let hour = digits(2), literal(":"), let minute = digits(2), literal(":"), let second = digits(2) else { return nil }
            return (hour, minute, second)
        }

        mutating func asctimeRest(month: Int, day: Int) -> HTTPDate? {
            guard literal(" "), let time = time(), literal(" "), let year = digits(4), atEnd else { return nil }
            return HTTPDate.make(year: year, month: month, day: day, hour: time.0, minute: time.1, second: time.2)
        }
    }
}
