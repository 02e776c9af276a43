/// `forms.DateField`'s and `forms.TimeField`'s readings: the English `DATE_INPUT_FORMATS` in
/// Django's order (`2026-12-06`, `12/06/2026`, `12/06/26`, `Dec 06 2026`, `Dec 06, 2026`,
/// `06 Dec 2026`, `06 Dec, 2026`, and the same with `December`) and `TIME_INPUT_FORMATS`
/// (`10:30:15`, `10:30:15.5`, `10:30`), each as Python's `strptime` matches it: its regular
/// expression takes the first match its alternations allow, and the text must end there.
///
///     FilterTemporalText.date("12/6/2026")   // "2026-12-06"
///     FilterTemporalText.date("2026-02-30")  // nil
///     FilterTemporalText.time("9:5")         // "09:05:00"
enum FilterTemporalText {
    private enum Token {
        case year4, year2, month, day, monthAbbreviation, monthName, space
        case hour, minute, second, fraction
        case literal(Unicode.Scalar)

        var isAbbreviation: Bool {
            if case .monthAbbreviation = self { return true }
            return false
        }
    }

    private static let formats: [[Token]] = [
        [.year4, .literal("-"), .month, .literal("-"), .day],
        [.month, .literal("/"), .day, .literal("/"), .year4],
        [.month, .literal("/"), .day, .literal("/"), .year2],
        [.monthAbbreviation, .space, .day, .space, .year4],
        [.monthAbbreviation, .space, .day, .literal(","), .space, .year4],
        [.day, .space, .monthAbbreviation, .space, .year4],
        [.day, .space, .monthAbbreviation, .literal(","), .space, .year4],
        [.monthName, .space, .day, .space, .year4],
        [.monthName, .space, .day, .literal(","), .space, .year4],
        [.day, .space, .monthName, .space, .year4],
        [.day, .space, .monthName, .literal(","), .space, .year4],
    ]

    private static let timeFormats: [[Token]] = [
        [.hour, .literal(":"), .minute, .literal(":"), .second],
        [.hour, .literal(":"), .minute, .literal(":"), .second, .literal("."), .fraction],
        [.hour, .literal(":"), .minute],
    ]

    private static let monthNames = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
        "december",
    ]

    /// The date as `YYYY-MM-DD`, or nil when no format reads it.
    static func date(_ text: String) -> String? {
        let scalars = Array(text.unicodeScalars)
        for format in formats {
            var fields = Fields()
            guard let end = match(format[...], scalars, at: 0, &fields), end == scalars.count,
                let year = fields.year, let month = fields.month, let day = fields.day,
                (1...9999).contains(year), day <= daysInMonth(Int64(month), year: Int64(year))
            else { continue }
            return padded(year, 4) + "-" + padded(month, 2) + "-" + padded(day, 2)
        }
        return nil
    }

    /// The time as `HH:MM:SS` or `HH:MM:SS.ffffff`, or nil when no format reads it (`datetime`
    /// refuses the leap seconds 60 and 61 that `%S` matches).
    static func time(_ text: String) -> String? {
        let scalars = Array(text.unicodeScalars)
        for format in timeFormats {
            var fields = Fields()
            guard let end = match(format[...], scalars, at: 0, &fields), end == scalars.count,
                let hour = fields.hour, let minute = fields.minute, (fields.second ?? 0) < 60
            else { continue }
            let clock = padded(hour, 2) + ":" + padded(minute, 2) + ":" + padded(fields.second ?? 0, 2)
            return fields.microsecond.map { $0 == 0 ? clock : clock + "." + padded($0, 6) } ?? clock
        }
        return nil
    }

    private static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    private struct Fields {
        var year: Int?, month: Int?, day: Int?
        var hour: Int?, minute: Int?, second: Int?, microsecond: Int?
    }

    /// The end of the first match of `tokens` at `start` (alternatives tried in the regular
    /// expression's order, backtracking into earlier tokens when a later one fails).
    private static func match(_ tokens: ArraySlice<Token>, _ s: [Unicode.Scalar], at start: Int, _ fields: inout Fields) -> Int? {
        guard let token = tokens.first else { return start }
        for (end, assign) in candidates(token, s, at: start) {
            var attempt = fields
            assign(&attempt)
            if let matched = match(tokens.dropFirst(), s, at: end, &attempt) {
                fields = attempt
                return matched
            }
        }
        return nil
    }

    /// What one token can match at `i`, in the order `_strptime`'s pattern tries it.
    private static func candidates(_ token: Token, _ s: [Unicode.Scalar], at i: Int) -> [(Int, (inout Fields) -> Void)] {
        func digit(_ k: Int) -> Int? {
            guard k < s.count, s[k] >= "0", s[k] <= "9" else { return nil }
            return Int(s[k].value - 48)
        }
        switch token {
        case .literal(let c):
            return i < s.count && s[i] == c ? [(i + 1, { _ in })] : []
        case .space:  // `\s+`, greedy: the one candidate is the whole run
            var k = i
            while k < s.count, PythonText.isSpace(s[k]) { k += 1 }
            return k > i ? [(k, { _ in })] : []
        case .year4:
            guard let a = digit(i), let b = digit(i + 1), let c = digit(i + 2), let d = digit(i + 3) else { return [] }
            let year = a * 1000 + b * 100 + c * 10 + d
            return [(i + 4, { $0.year = year })]
        case .year2:  // `%y`: 69-99 are 19xx, 00-68 are 20xx
            guard let a = digit(i), let b = digit(i + 1) else { return [] }
            let short = a * 10 + b
            return [(i + 2, { $0.year = short < 69 ? 2000 + short : 1900 + short })]
        case .month:  // `1[0-2]|0[1-9]|[1-9]`
            var found: [(Int, (inout Fields) -> Void)] = []
            if digit(i) == 1, let b = digit(i + 1), b <= 2 { found.append((i + 2, { $0.month = 10 + b })) }
            if digit(i) == 0, let b = digit(i + 1), b >= 1 { found.append((i + 2, { $0.month = b })) }
            if let a = digit(i), a >= 1 { found.append((i + 1, { $0.month = a })) }
            return found
        case .day:  // `3[01]|[12]\d|0[1-9]|[1-9]| [1-9]`
            var found: [(Int, (inout Fields) -> Void)] = []
            if digit(i) == 3, let b = digit(i + 1), b <= 1 { found.append((i + 2, { $0.day = 30 + b })) }
            if let a = digit(i), a == 1 || a == 2, let b = digit(i + 1) { found.append((i + 2, { $0.day = a * 10 + b })) }
            if digit(i) == 0, let b = digit(i + 1), b >= 1 { found.append((i + 2, { $0.day = b })) }
            if let a = digit(i), a >= 1 { found.append((i + 1, { $0.day = a })) }
            if i < s.count, s[i] == " ", let b = digit(i + 1), b >= 1 { found.append((i + 2, { $0.day = b })) }
            return found
        case .hour:  // `2[0-3]|[0-1]\d|\d`
            var found: [(Int, (inout Fields) -> Void)] = []
            if digit(i) == 2, let b = digit(i + 1), b <= 3 { found.append((i + 2, { $0.hour = 20 + b })) }
            if let a = digit(i), a <= 1, let b = digit(i + 1) { found.append((i + 2, { $0.hour = a * 10 + b })) }
            if let a = digit(i) { found.append((i + 1, { $0.hour = a })) }
            return found
        case .minute, .second:  // `[0-5]\d|\d`, and for seconds `6[0-1]` first
            var found: [(Int, (inout Fields) -> Void)] = []
            let isSecond: Bool
            if case .second = token { isSecond = true } else { isSecond = false }
            func set(_ value: Int) -> (inout Fields) -> Void {
                isSecond ? { $0.second = value } : { $0.minute = value }
            }
            if isSecond, digit(i) == 6, let b = digit(i + 1), b <= 1 { found.append((i + 2, set(60 + b))) }
            if let a = digit(i), a <= 5, let b = digit(i + 1) { found.append((i + 2, set(a * 10 + b))) }
            if let a = digit(i) { found.append((i + 1, set(a))) }
            return found
        case .fraction:  // `[0-9]{1,6}`, greedy, backtracking to fewer digits
            var found: [(Int, (inout Fields) -> Void)] = []
            var k = i, value = 0
            var prefixes: [(Int, Int)] = []
            while k < s.count, k - i < 6, let d = digit(k) {
                value = value * 10 + d
                k += 1
                prefixes.append((k, value))
            }
            for (end, digits) in prefixes.reversed() {
                var micro = digits
                for _ in (end - i)..<6 { micro *= 10 }
                found.append((end, { $0.microsecond = micro }))
            }
            return found
        case .monthAbbreviation, .monthName:  // case-insensitive, in calendar order
            var found: [(Int, (inout Fields) -> Void)] = []
            for (index, name) in monthNames.enumerated() {
                let word = token.isAbbreviation ? String(name.prefix(3)) : name
                let length = word.unicodeScalars.count
                guard i + length <= s.count,
                    String(String.UnicodeScalarView(s[i..<i + length])).lowercased() == word
                else { continue }
                found.append((i + length, { $0.month = index + 1 }))
            }
            return found
        }
    }
}
