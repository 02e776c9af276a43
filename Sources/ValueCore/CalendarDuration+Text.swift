/// The interval's text in IntervalStyle `postgres` (the connection pins it):
/// `1 year 2 mons -3 days +04:05:06.5`, `-00:00:01`, `00:00:00`.
extension CalendarDuration {
    public init?(_ text: String) {
        var text = text
        guard let value = text.withUTF8({ parseInterval(UnsafeRawBufferPointer($0)) }) else { return nil }
        self = value
    }

    /// The server's own output form, which it also reads back: a field after a negative one
    /// carries an explicit `+`, and units are plural unless the value is 1 (`-1 days`).
    public var description: String {
        var text = ""
        var previousNegative = false
        func field(_ value: Int32, _ unit: String) {
            guard value != 0 else { return }
            if !text.isEmpty { text += " " }
            text += (previousNegative && value > 0 ? "+" : "") + String(value) + " " + unit + (value == 1 ? "" : "s")
            previousNegative = value < 0
        }
        field(months / 12, "year")
        field(months % 12, "mon")
        field(days, "day")
        if microseconds != 0 || text.isEmpty {
            let magnitude = microseconds.magnitude
            let seconds = magnitude / 1_000_000
            let sign = microseconds < 0 ? "-" : previousNegative ? "+" : ""
            let hours = String(seconds / 3600)
            if !text.isEmpty { text += " " }
            text += sign + (hours.count < 2 ? "0" + hours : hours)
            text += ":" + pad(Int64(seconds / 60 % 60), 2) + ":" + pad(Int64(seconds % 60), 2)
            text += fractionText(Int64(magnitude % 1_000_000))
        }
        return text
    }
}

/// Parses IntervalStyle `postgres` output: `[±]N year(s)`, `mon(s)`, `day(s)` in any
/// combination, then an optional `[±]H+:MM:SS[.f]`. nil for other text or a field out of range.
package func parseInterval(_ bytes: UnsafeRawBufferPointer) -> CalendarDuration? {
    var scanner = ByteScanner(bytes: bytes)
    var months: Int64 = 0, days: Int64 = 0, microseconds: Int64 = 0
    var sawField = false
    while !scanner.isAtEnd {
        if sawField { guard scanner.skip(" ") else { return nil } }
        sawField = true
        let negative = scanner.skip("-")
        if !negative { _ = scanner.skip("+") }
        guard let number = scanner.number(minDigits: 1, maxDigits: 18) else { return nil }
        let signed = negative ? -number : number
        if scanner.skip(":") {
            guard let minute = scanner.number(minDigits: 2, maxDigits: 2), scanner.skip(":"),
                let second = scanner.number(minDigits: 2, maxDigits: 2), minute < 60, second < 60,
                let fraction = scanFraction(&scanner), scanner.isAtEnd
            else { return nil }
            // Signed throughout: the most negative interval's magnitude does not fit an Int64.
            let rest = (minute * 60 + second) * 1_000_000 + fraction
            let (hourMicros, overflow1) = signed.multipliedReportingOverflow(by: 3_600_000_000)
            let (total, overflow2) = hourMicros.addingReportingOverflow(negative ? -rest : rest)
            guard !overflow1, !overflow2 else { return nil }
            microseconds = total
            break
        }
        guard scanner.skip(" ") else { return nil }
        // Checked sums: repeated fields (never printed by the server) must not overflow.
        if scanner.skip("years") || scanner.skip("year") {
            let (value, overflow1) = signed.multipliedReportingOverflow(by: 12)
            let (sum, overflow2) = months.addingReportingOverflow(value)
            guard !overflow1, !overflow2 else { return nil }
            months = sum
        } else if scanner.skip("mons") || scanner.skip("mon") {
            let (sum, overflow) = months.addingReportingOverflow(signed)
            guard !overflow else { return nil }
            months = sum
        } else if scanner.skip("days") || scanner.skip("day") {
            let (sum, overflow) = days.addingReportingOverflow(signed)
            guard !overflow else { return nil }
            days = sum
        } else {
            return nil
        }
    }
    guard sawField, let months32 = Int32(exactly: months), let days32 = Int32(exactly: days) else { return nil }
    return CalendarDuration(months: months32, days: days32, microseconds: microseconds)
}
