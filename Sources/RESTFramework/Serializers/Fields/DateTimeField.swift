/// DRF's `DateTimeField` with `USE_TZ` and UTC: input as Django's `parse_datetime` reads it
/// (see `DateTimeInput`), naive times taken as UTC; output as ISO 8601 in UTC with `Z`, six
/// fraction digits only when the fraction is non-zero (`DateTime.iso8601`).
///
///     DateTimeField("date_joined", readOnly: true)
public struct DateTimeField: SerializerField {
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

    public var metadataType: String { "datetime" }

    public func toInternalValue(_ data: JSON, context: FieldValidationContext) throws -> FieldValue {
        guard case .string(let text) = data, let parsed = DateTimeInput.parse(text) else {
            throw ErrorMessages(
                defaults: [
                    "invalid": "Datetime has wrong format. Use one of these formats instead: {format}."
                ], overrides: options.errorMessages
            ).fail("invalid", ["format": "YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z]"])
        }
        return .dateTime(parsed)
    }

    /// Strings pass through as DRF returns them; an empty one is null (`if not value`).
    public func toRepresentation(_ value: FieldValue, context: SerializerContext) throws -> JSON {
        switch value {
        case .dateTime(let t): return .string(t.iso8601)
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
        if case .dateTime(let t) = value {
            JSONWriter.writeDateTime(t, into: &out)
        } else {
            JSONWriter.write(try toRepresentation(value, context: context), into: &out, indent: nil, level: 0)
        }
    }
}

extension DateTimeField: ValueWritingField {}
