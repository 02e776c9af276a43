/// The Django form fields behind django-filter's filters: each reads one query value into what
/// the filter compares, or fails with the form field's message (django-filter's 400 lists it
/// under the parameter's name). Nil: an empty value, which filters nothing.
///
///     try FilterFormField.clean("abc", as: .number(.integer))   // throws "Enter a number."
///     try FilterFormField.clean("  ", as: .text)                // nil (CharField strips)
enum FilterFormField {
    /// One message from a form field's validation.
    struct Invalid: Error, Sendable, Equatable {
        let message: String
        init(_ message: String) { self.message = message }

        static let number = Invalid("Enter a number.")
        static let numberTooLarge = Invalid("Ensure this value is less than or equal to 1e+50.")
        static let date = Invalid("Enter a valid date.")
        static let time = Invalid("Enter a valid time.")
        static let dateTime = Invalid("Enter a valid date/time.")
        static let uuid = Invalid("Enter a valid UUID.")
        static let duration = Invalid("Enter a valid duration.")
        static let durationOverflow = Invalid("The number of days must be between -999999999 and 999999999.")
        static let nullCharacters = Invalid("Null characters are not allowed.")
        static let missingChoice = Invalid("Select a valid choice. That choice is not one of the available choices.")
        static let rangeValues = Invalid("Range query expects two values.")
        static func notAChoice(_ value: String) -> Invalid {
            Invalid("Select a valid choice. \(value) is not one of the available choices.")
        }
    }

    /// `field.clean(value)` for the form field of `kind`.
    static func clean(_ text: String, as kind: FilterFieldKind) throws(Invalid) -> FieldValue? {
        switch kind {
        case .text:
            // forms.CharField: strip, then (when not empty) ProhibitNullCharactersValidator.
            let stripped = PythonText.strip(text)
            if stripped.isEmpty { return nil }
            if stripped.unicodeScalars.contains("\0") { throw .nullCharacters }
            return .string(stripped)
        case .number(let storage):
            // forms.DecimalField: `Decimal(str(value))`, finite, and NumberFilter's 1e50 limit.
            if text.isEmpty { return nil }
            guard let number = FilterDecimal(parsing: text), number.isFinite else { throw .number }
            if number.exceedsFilterMaximum { throw .numberTooLarge }
            switch storage {
            case .integer: return number.truncatedInteger
            case .float: return .double(number.double)
            case .decimal: return .string(number.plainText)
            }
        case .boolean:
            return booleanWidget(text).map(FieldValue.bool)
        case .dateTime:
            // forms.DateTimeField: stripped ISO 8601 (Django's `parse_datetime`), naive as UTC.
            // (Blank is not empty to a temporal field: it fails.)
            if text.isEmpty { return nil }
            guard let time = isoDateTime(PythonText.strip(text)) else { throw .dateTime }
            return .dateTime(time)
        case .date:
            if text.isEmpty { return nil }
            guard let date = FilterTemporalText.date(PythonText.strip(text)) else { throw .date }
            return .string(date)
        case .time:
            if text.isEmpty { return nil }
            guard let time = FilterTemporalText.time(PythonText.strip(text)) else { throw .time }
            return .string(time)
        case .uuid:
            // forms.UUIDField is a CharField: stripped first.
            let stripped = PythonText.strip(text)
            if stripped.isEmpty { return nil }
            guard let uuid = FilterUUIDText.parse(stripped) else { throw .uuid }
            return .string(uuid)
        case .duration:
            // forms.DurationField is no CharField: `parse_duration(str(value))` of the text as
            // sent (" 01:30:00 " is invalid), ISO 8601 included; past a timedelta's range, its
            // `overflow` message.
            if text.isEmpty { return nil }
            switch DjangoDuration.parse(text) {
            case .value(let duration): return .duration(duration)
            case .overflow: throw .durationOverflow
            case .invalid: throw .duration
            }
        }
    }

    /// Django's `parse_datetime`: `YYYY-MM-DD[T ]HH:MM[:SS[.ffffff]]` with an optional offset, or
    /// (Python's `datetime.fromisoformat`) a date alone, `2026-12-06` or `20261206`, as midnight in
    /// the app's time zone (UTC). Python's other ISO forms (`2026-12-06T10`, week dates) are not read.
    static func isoDateTime(_ text: String) -> DateTime? {
        if let time = DateTime(iso8601: text) { return time }
        let bytes = Array(text.utf8)
        let digits = bytes.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        if bytes.count == 8, digits {
            let day =
                String(decoding: bytes[0..<4], as: UTF8.self) + "-" + String(decoding: bytes[4..<6], as: UTF8.self) + "-"
                + String(decoding: bytes[6..<8], as: UTF8.self)
            return DateTime(iso8601: day + "T00:00")
        }
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        return DateTime(iso8601: text + "T00:00")
    }

    /// DRF's `BooleanWidget.value_from_datadict`: lowercased `true`/`1`, `false`/`0`; anything
    /// else is None, which `NullBooleanField` leaves unfiltered (no error).
    static func booleanWidget(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "true", "1": return true
        case "false", "0": return false
        default: return nil
        }
    }

    /// `forms.ChoiceField.clean` (ChoiceFilter for `exact` on a field with choices): the text
    /// as sent, unstripped, must be `str()` of a choice.
    static func cleanChoice(_ text: String, choices: [FieldValue]) throws(Invalid) -> FieldValue? {
        if text.isEmpty { return nil }
        guard choices.contains(where: { PythonText.str($0) == text }) else { throw .notAChoice(text) }
        return .string(text)
    }

    /// `ModelChoiceField.to_python` (ModelChoiceFilter on a foreign key), before the related row
    /// is looked up: no NUL, then the key as the related primary key's model field reads it
    /// (Python's `int()` for an integer key; `uuid.UUID()`, unstripped, for a UUID key). A key
    /// the field cannot read is the same "Select a valid choice." as a missing row, but a UUID
    /// field's own error passes through (`“x” is not a valid UUID.`), as Django lets it.
    static func cleanRelatedKey(_ text: String, as kind: FilterFieldKind) throws(Invalid) -> FieldValue? {
        if text.isEmpty { return nil }
        if text.unicodeScalars.contains("\0") { throw .nullCharacters }
        switch kind {
        case .uuid:
            guard let uuid = FilterUUIDText.parse(text) else { throw Invalid("“\(text)” is not a valid UUID.") }
            return .string(uuid)
        case .number(.integer):
            guard let number = IntegerText(parsing: text), let value = number.intValue.flatMap(Int64.init(exactly:)) else {
                throw .missingChoice  // beyond 64 bits no row has it (Django 5's overflow: DoesNotExist)
            }
            return .int(value)
        default:
            if let value = try? clean(text, as: kind) { return value }
            throw .missingChoice
        }
    }
}
