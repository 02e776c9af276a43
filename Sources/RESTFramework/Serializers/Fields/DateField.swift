/// DRF's `DateField` with its ISO 8601 default: text as Django's `parse_date` reads it (see
/// `DateInput`); anything else, an impossible day (`2026-02-30`) or a datetime
/// (`2026-12-06T10:00:00`) is "Date has wrong format. Use one of these formats instead:
/// YYYY-MM-DD.". Output is `date.isoformat()` (`"2026-12-06"`).
///
///     DateField("starts", required: false, allowNull: true)
///
/// DRF's other message, "Expected a date but got a datetime.", is for a Python `datetime`
/// object (a default such as `timezone.now`), which JSON input never is. `format` and
/// `input_formats` (strftime patterns) have no counterpart.
public struct DateField: SerializerField {
    public var options: FieldOptions

    public init(
        _ name: String, source: String? = nil, required: Bool? = nil, readOnly: Bool = false,
        writeOnly: Bool = false, default defaultValue: FieldDefault? = nil, allowNull: Bool = false,
        label: String? = nil, helpText: String? = nil, validators: [any Validator] = [],
        errorMessages: [String: String] = [:]
    ) {
        options = FieldOptions(
            name: name, source: source, required: required, readOnly: readOnly, writeOnly: writeOnly,
            default: defaultValue, allowNull: allowNull, label: label, helpText: helpText,
            validators: validators, errorMessages: errorMessages)
    }

    public var metadataType: String { "date" }

    public func toInternalValue(_ data: JSON, context: FieldValidationContext) throws -> FieldValue {
        guard case .string(let text) = data, let date = DateInput.parse(text) else {
            throw ErrorMessages(
                defaults: [
                    "invalid": "Date has wrong format. Use one of these formats instead: {format}.",
                    "datetime": "Expected a date but got a datetime.",
                ], overrides: options.errorMessages
            ).fail("invalid", ["format": "YYYY-MM-DD"])
        }
        return .date(date)
    }

    /// Strings pass through as DRF returns them; an empty one is null (`if not value`).
    public func toRepresentation(_ value: FieldValue, context: SerializerContext) throws -> JSON {
        switch value {
        case .date(let date): return .string(date.description)
        case .string(let s): return s.isEmpty ? .null : .string(s)
        default: return value.json
        }
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
        if case .date(let date) = value {
            out.append(UInt8(ascii: "\""))
            out.append(contentsOf: date.description.utf8)
            out.append(UInt8(ascii: "\""))
        } else {
            JSONWriter.write(try toRepresentation(value, context: context), into: &out, indent: nil, level: 0)
        }
    }
}

extension DateField: ValueWritingField {}
