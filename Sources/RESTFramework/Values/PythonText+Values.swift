#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The text Python (and so DRF) gives the column types beyond numbers, strings and datetimes:
/// what a serializer renders and what a cursor carries.
///
///     PythonText.durationString(CalendarDuration(microseconds: -3_600_000_000))   // "-1 23:00:00"
extension PythonText {
    /// `str(uuid)`: hyphenated, lower case (Foundation's `uuidString` is upper case).
    static func uuidString(_ uuid: UUID) -> String {
        // Written into the string's own storage (no array, no digit table made per call).
        String(unsafeUninitializedCapacity: 36) { text in
            var position = 0
            withUnsafeBytes(of: uuid.uuid) { bytes in
                for index in 0..<16 {
                    if index == 4 || index == 6 || index == 8 || index == 10 {
                        text[position] = UInt8(ascii: "-")
                        position += 1
                    }
                    text[position] = hexDigit(bytes[index] >> 4)
                    text[position + 1] = hexDigit(bytes[index] & 0x0f)
                    position += 2
                }
            }
            return position
        }
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }

    /// `time.isoformat()`: `14:30:00`, or `14:30:00.500000` (six digits) with microseconds.
    /// PostgreSQL's `24:00:00`, which Python's `time` cannot hold, stays `24:00:00`.
    static func isoformat(_ time: TimeOfDay) -> String {
        let micros = time.microsecondsSinceMidnight
        let seconds = micros / 1_000_000
        var text = twoDigits(seconds / 3600) + ":" + twoDigits(seconds / 60 % 60) + ":" + twoDigits(seconds % 60)
        if micros % 1_000_000 != 0 { text += "." + sixDigits(micros % 1_000_000) }
        return text
    }

    /// Django's `duration_string`, what DRF's `DurationField` renders: `2 04:00:00`, `01:30:00`,
    /// `-1 23:00:00` (Python normalises a timedelta to days, and seconds in `0..<86400`), with
    /// `.ffffff` when there are microseconds. Months become days the way psycopg reads an
    /// interval into a `timedelta`: a year (12 months) is 365 days, another month 30.
    static func durationString(_ duration: CalendarDuration) -> String {
        let (days, seconds, microseconds) = timedeltaParts(duration)
        var text = twoDigits(seconds / 3600) + ":" + twoDigits(seconds / 60 % 60) + ":" + twoDigits(seconds % 60)
        if days != 0 { text = String(days) + " " + text }
        if microseconds != 0 { text += "." + sixDigits(microseconds) }
        return text
    }

    /// `str(timedelta)`: `-1 day, 23:00:00`, `2 days, 4:00:00`, `1:30:00.500000`.
    static func timedeltaString(_ duration: CalendarDuration) -> String {
        let (days, seconds, microseconds) = timedeltaParts(duration)
        var text = String(seconds / 3600) + ":" + twoDigits(seconds / 60 % 60) + ":" + twoDigits(seconds % 60)
        if days != 0 { text = String(days) + (days == 1 || days == -1 ? " day, " : " days, ") + text }
        if microseconds != 0 { text += "." + sixDigits(microseconds) }
        return text
    }

    /// A timedelta's normalised fields: days (any sign), seconds `0..<86400`, microseconds
    /// `0..<1_000_000`.
    static func timedeltaParts(_ duration: CalendarDuration) -> (days: Int64, seconds: Int64, microseconds: Int64) {
        let months = Int64(duration.months)
        let monthDays = months / 12 * 365 + months % 12 * 30
        var (days, rest) = duration.microseconds.quotientAndRemainder(dividingBy: CalendarDuration.microsecondsPerDay)
        if rest < 0 {
            days -= 1
            rest += CalendarDuration.microsecondsPerDay
        }
        return (monthDays + Int64(duration.days) + days, rest / 1_000_000, rest % 1_000_000)
    }

    private static func twoDigits(_ value: Int64) -> String { value < 10 ? "0" + String(value) : String(value) }

    private static func sixDigits(_ value: Int64) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }
}
