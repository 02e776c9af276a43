/// DRF's `DurationField`: `str(data)` read by Django's `parse_duration` (see `DjangoDuration`:
/// `"3 04:05:06"`, `"01:30:00"`, `"90"`, `5400`, ISO 8601 `"P1DT2H"`, PostgreSQL's
/// `"3 days 04:05:06"`); anything else is "Duration has wrong format. Use one of these formats
/// instead: [DD] [HH:[MM:]]ss[.uuuuuu].", and beyond a `timedelta`'s range "The number of days
/// must be between -999999999 and 999999999.". Output is Django's `duration_string`
/// (`"2 04:00:00"`, `"-1 23:59:59.500000"`), or `duration_iso_string` with `format: .iso8601`.
///
///     DurationField("estimate", required: false, allowNull: true)
///     DurationField("timeout", maxValue: CalendarDuration(days: 1), minValue: CalendarDuration(microseconds: 1_000_000))
///
/// Values are `CalendarDuration`s of days and microseconds. An `interval` column with months
/// (which a `timedelta` cannot hold) renders as psycopg reads it into one: a year (12 months)
/// is 365 days, each other month 30 (`1 mon` → `"30 00:00:00"`), and the limits compare spans
/// with a month of 30 days, as PostgreSQL compares intervals.
public struct DurationField: SerializerField {
    /// DRF's `format=`: `'django'` (the default `DURATION_FORMAT`) or `'iso-8601'`.
    public enum Format: String, Sendable {
        case django
        case iso8601 = "iso-8601"
    }

    public var options: FieldOptions
    public var maxValue: CalendarDuration?
    public var minValue: CalendarDuration?
    public var format: Format

    public init(
        _ name: String, maxValue: CalendarDuration? = nil, minValue: CalendarDuration? = nil, format: Format = .django,
        source: String? = nil, required: Bool? = nil, readOnly: Bool = false, writeOnly: Bool = false,
        default defaultValue: FieldDefault? = nil, allowNull: Bool = false, label: String? = nil,
        helpText: String? = nil, validators: [any Validator] = [], errorMessages: [String: String] = [:]
    ) {
        options = FieldOptions(
            name: name, source: source, required: required, readOnly: readOnly, writeOnly: writeOnly,
            default: defaultValue, allowNull: allowNull, label: label, helpText: helpText,
            validators: validators, errorMessages: errorMessages)
        self.maxValue = maxValue
        self.minValue = minValue
        self.format = format
    }

    var messages: ErrorMessages {
        ErrorMessages(
            defaults: [
                "invalid": "Duration has wrong format. Use one of these formats instead: {format}.",
                "max_value": "Ensure this value is less than or equal to {max_value}.",
                "min_value": "Ensure this value is greater than or equal to {min_value}.",
                "overflow": "The number of days must be between {min_days} and {max_days}.",
            ], overrides: options.errorMessages)
    }

    public var metadataType: String { "duration" }

    /// `force_str(timedelta)`: the limits as `str(timedelta)` text (`"1 day, 0:00:00"`).
    public var metadataAttributes: [(String, JSON)] {
        var attributes: [(String, JSON)] = []
        if let minValue { attributes.append(("min_value", .string(PythonText.timedeltaString(minValue)))) }
        if let maxValue { attributes.append(("max_value", .string(PythonText.timedeltaString(maxValue)))) }
        return attributes
    }

    public var validators: [any Validator] {
        var all = options.validators
        if let maxValue {
            all.append(
                DurationLimitValidator(
                    limit: maxValue, isMaximum: true,
                    message: messages.message("max_value", ["max_value": PythonText.timedeltaString(maxValue)])))
        }
        if let minValue {
            all.append(
                DurationLimitValidator(
                    limit: minValue, isMaximum: false,
                    message: messages.message("min_value", ["min_value": PythonText.timedeltaString(minValue)])))
        }
        return all
    }

    public func toInternalValue(_ data: JSON, context: FieldValidationContext) throws -> FieldValue {
        // `parse_duration(str(value))`: numbers by their Python text; `True`, lists and objects
        // never parse.
        switch PythonText.numberOrStringText(data).map(DjangoDuration.parse) ?? .invalid {
        case .value(let duration): return .duration(duration)
        case .overflow: throw messages.fail("overflow", ["min_days": "-999999999", "max_days": "999999999"])
        case .invalid: throw messages.fail("invalid", ["format": "[DD] [HH:[MM:]]ss[.uuuuuu]"])
        }
    }

    public func toRepresentation(_ value: FieldValue, context: SerializerContext) throws -> JSON {
        guard case .duration(let duration) = value else { return value.json }
        switch format {
        case .django: return .string(PythonText.durationString(duration))
        case .iso8601: return .string(Self.isoString(duration))
        }
    }

    /// Django's `duration_iso_string`: `P2DT04H00M00S`, `-P0DT01H30M00.500000S`.
    static func isoString(_ duration: CalendarDuration) -> String {
        var (days, seconds, micros) = PythonText.timedeltaParts(duration)
        var sign = ""
        if days < 0 {
            // -timedelta: the magnitude, normalised again.
            sign = "-"
            let total = -((days * 86_400 + seconds) * 1_000_000 + micros)
            (days, seconds, micros) = (total / 86_400_000_000, total / 1_000_000 % 86_400, total % 1_000_000)
        }
        func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let fraction = micros == 0 ? "" : "." + String(String(micros + 1_000_000).dropFirst())
        return "\(sign)P\(days)DT\(two(seconds / 3600))H\(two(seconds / 60 % 60))M\(two(seconds % 60))\(fraction)S"
    }

    public func writeRepresentation(
        of instance: any FieldReadable, context: SerializerContext,
        into out: inout [UInt8]
    ) throws -> Bool {
        try writeStandardRepresentation(of: instance, context: context, into: &out) { value, out in
            try writeValue(value, context: context, into: &out)
        }
    }

    func writeValue(_ value: FieldValue, context: SerializerContext, into out: inout [UInt8]) throws {
        if case .duration(let duration) = value, format == .django {
            out.append(UInt8(ascii: "\""))
            out.append(contentsOf: PythonText.durationString(duration).utf8)
            out.append(UInt8(ascii: "\""))
        } else {
            JSONWriter.write(try toRepresentation(value, context: context), into: &out, indent: nil, level: 0)
        }
    }
}

extension DurationField: ValueWritingField {}

/// Django's `MaxValueValidator`/`MinValueValidator` on durations, comparing spans.
struct DurationLimitValidator: Validator {
    let limit: CalendarDuration
    let isMaximum: Bool
    let message: String

    func validate(_ value: FieldValue, context: FieldValidationContext) throws {
        guard case .duration(let duration) = value else { return }
        let order = duration.compareSpan(limit)
        if isMaximum ? order > 0 : order < 0 {
            throw ValidationError(message, code: isMaximum ? "max_value" : "min_value")
        }
    }
}
