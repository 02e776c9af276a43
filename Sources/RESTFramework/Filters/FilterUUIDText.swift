/// Python's `uuid.UUID(text)`, which Django's UUID form and model fields call: `urn:` and
/// `uuid:` removed, surrounding braces stripped, hyphens removed, then exactly 32 characters
/// that `int(text, 16)` reads (a sign, a `0x` prefix and single underscores included) within
/// 128 bits.
///
///     FilterUUIDText.parse("{12345678-1234-5678-1234-567812345678}")   // "12345678-1234-5678-1234-567812345678"
///     FilterUUIDText.parse("not-a-uuid")                               // nil
enum FilterUUIDText {
    /// The canonical lowercase form, or nil.
    static func parse(_ text: String) -> String? {
        var hex = text.replacing("urn:", with: "").replacing("uuid:", with: "")
        var scalars = Substring(hex).unicodeScalars[...]
        while scalars.first == "{" || scalars.first == "}" { scalars = scalars.dropFirst() }
        while scalars.last == "{" || scalars.last == "}" { scalars = scalars.dropLast() }
        hex = String(String.UnicodeScalarView(scalars)).replacing("-", with: "")
        guard hex.unicodeScalars.count == 32 else { return nil }
        guard let digits = pythonHexDigits(hex), digits.count <= 32 else { return nil }
        let padded = String(repeating: "0", count: 32 - digits.count) + digits
        var result = ""
        for (index, character) in padded.enumerated() {
            if index == 8 || index == 12 || index == 16 || index == 20 { result.append("-") }
            result.append(character)
        }
        return result
    }

    /// The lowercase hex digits of a non-negative `int(text, 16)` without leading zeros (empty
    /// for zero); nil where Python raises or the value is negative (out of a UUID's range).
    private static func pythonHexDigits(_ text: String) -> String? {
        var s = Substring(PythonText.strip(text)).unicodeScalars[...]
        var negative = false
        if s.first == "+" || s.first == "-" {
            negative = s.first == "-"
            s = s.dropFirst()
        }
        if s.count >= 2, s.first == "0", let x = s.dropFirst().first, x == "x" || x == "X" {
            s = s.dropFirst(2)
            if s.first == "_" { s = s.dropFirst() }  // `0x_ff` is allowed
        }
        var digits = ""
        var previousWasDigit = false
        for scalar in s {
            if scalar == "_" {
                guard previousWasDigit else { return nil }
                previousWasDigit = false
                continue
            }
            guard scalar.isASCII, let value = Int(String(scalar), radix: 16) else { return nil }
            digits.append(String(value, radix: 16))
            previousWasDigit = true
        }
        guard previousWasDigit else { return nil }
        let significant = String(digits.drop { $0 == "0" })
        if negative && !significant.isEmpty { return nil }
        return significant
    }
}
