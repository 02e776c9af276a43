/// DRF's `TimeField` with its ISO 8601 default: text as Django's `parse_time` reads it (see
/// `TimeInput`: `10:00`, `1000`, `T10:00:00.5`, an offset dropped); anything else is "Time has
/// wrong format. Use one of these formats instead: hh:mm[:ss[.uuuuuu]].". Output is
/// `time.isoformat()` (`"10:00:00"`, `"10:00:00.500000"`).
///
///     TimeField("opens", required: false)
public struct TimeField: SerializerField {
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

    public var metadataType: String { "time" }

    public func toInternalValue(_ data: JSON, context: FieldValidationContext) throws -> FieldValue {
        guard case .string(let text) = data, let time = TimeInput.parse(text) else {
            throw ErrorMessages(
                defaults: ["invalid": "Time has wrong format. Use one of these formats instead: {format}."],
                overrides: options.errorMessages
            ).fail("invalid", ["format": "hh:mm[:ss[.uuuuuu]]"])
        }
        return .time(time)
    }

    /// Strings pass through as DRF returns them; an empty one is null.
    public func toRepresentation(_ value: FieldValue, context: SerializerContext) throws -> JSON {
        switch value {
        case .time(let time): return .string(PythonText.isoformat(time))
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
        if case .time(let time) = value {
            out.append(UInt8(ascii: "\""))
            out.append(contentsOf: PythonText.isoformat(time).utf8)
            out.append(UInt8(ascii: "\""))
        } else {
            JSONWriter.write(try toRepresentation(value, context: context), into: &out, indent: nil, level: 0)
        }
    }
}

extension TimeField: ValueWritingField {}
