/// Reads a time as Django's `parse_time` does on Python 3.11: first `time.fromisoformat` (the C
/// parser: an optional leading `T`, `HH[:MM[:SS]]` or `HHMMSS`, a fraction after `.` or `,`
/// of any length (six digits kept), an offset `Z`/`±HH[:MM[:SS[.f]]]` that Django then drops
/// without converting), then Django's `\d{1,2}:\d{1,2}(:\d{1,2}([.,]\d{1,6}\d{0,6})?)?$`.
/// Hours 0...23 (`24:00` is refused, as Python's `time` refuses it).
///
///     TimeInput.parse("10:00+05:00")?.description   // "10:00:00"
enum TimeInput {
    static func parse(_ text: String) -> TimeOfDay? {
        fromISOFormat(Array(text.utf8)) ?? djangoPattern(Array(text.unicodeScalars))
    }

    static func time(_ hour: Int, _ minute: Int, _ second: Int, _ microsecond: Int) -> TimeOfDay? {
        guard hour < 24, minute < 60, second < 60 else { return nil }
        return TimeOfDay(hour: Int64(hour), minute: Int64(minute), second: Int64(second), microsecond: Int64(microsecond))
    }

    // MARK: time.fromisoformat

    static func fromISOFormat(_ all: [UInt8]) -> TimeOfDay? {
        let bytes = all.first == UInt8(ascii: "T") ? Array(all.dropFirst()) : all
        // The offset starts at the first `Z`, `+` or `-` (CPython looks from the start).
        let offsetStart = bytes.firstIndex { $0 == UInt8(ascii: "Z") || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") } ?? bytes.count
        guard let (clock, trailing) = hhmmssff(bytes, 0, offsetStart) else { return nil }
        if offsetStart == bytes.count {
            guard !trailing else { return nil }
        } else if bytes[offsetStart] == UInt8(ascii: "Z") {
            guard offsetStart + 1 == bytes.count else { return nil }
        } else {
            guard let (offset, rest) = hhmmssff(bytes, offsetStart + 1, bytes.count), !rest else { return nil }
            // Python's timezone: strictly within a day.
            let seconds = (offset.0 * 60 + offset.1) * 60 + offset.2
            guard seconds < 86_400 else { return nil }
        }
        return time(clock.0, clock.1, clock.2, clock.3)
    }

    /// CPython's `parse_hh_mm_ss_ff` over `bytes[start..<end]`: the fields, and whether
    /// something other than the end followed them (its "return 1").
    static func hhmmssff(_ bytes: [UInt8], _ start: Int, _ end: Int) -> ((Int, Int, Int, Int), Bool)? {
        // Reads past `end` see the next byte (CPython reads on into the string), past the
        // string its NUL.
        func at(_ i: Int) -> UInt8 { i < bytes.count ? bytes[i] : 0 }
        func isDigit(_ b: UInt8) -> Bool { b &- UInt8(ascii: "0") < 10 }
        var values = [0, 0, 0]
        var p = start
        var separated = true
        for index in 0..<3 {
            guard isDigit(at(p)), isDigit(at(p + 1)) else { return nil }
            values[index] = Int(at(p) - 48) * 10 + Int(at(p + 1) - 48)
            p += 2
            let c = at(p)
            p += 1
            if index == 0 { separated = c == UInt8(ascii: ":") }
            if p >= end { return ((values[0], values[1], values[2], 0), c != 0) }
            if separated && c == UInt8(ascii: ":") { continue }
            if c == UInt8(ascii: ".") || c == UInt8(ascii: ",") { break }
            if !separated { p -= 1; continue }
            return nil
        }
        let toParse = min(end - p, 6)
        var micros = 0
        for _ in 0..<toParse {
            guard isDigit(at(p)) else { return nil }
            micros = micros * 10 + Int(at(p) - 48)
            p += 1
        }
        for _ in toParse..<6 { micros *= 10 }
        while isDigit(at(p)) { p += 1 }
        return ((values[0], values[1], values[2], micros), at(p) != 0)
    }

    // MARK: Django's time_re

    static func djangoPattern(_ s: [Unicode.Scalar]) -> TimeOfDay? {
        var p = UnicodeDigits(s)
        guard let hour = p.number(1...2), p.take(":"), let minute = p.number(1...2) else { return nil }
        var second = 0, micros = 0
        if p.take(":") {
            guard let sec = p.number(1...2) else { return nil }
            second = sec
            if p.take(".") || p.take(",") {
                guard let fraction = p.digits(1...12) else { return nil }
                for k in 0..<6 { micros = micros * 10 + (k < fraction.count ? fraction[k] : 0) }
            }
        }
        guard p.atEndOrFinalNewline else { return nil }
        return time(hour, minute, second, micros)
    }
}
