/// DRF's `BooleanField`: `true`/`false`, `1`/`0` (and `1.0`/`0.0`, equal to them in Python), and
/// the strings `t f y n yes no true false on off 1 0` in any case. With `allowNull`, `"null"`
/// and `""` are null too.
///
///     BooleanField("is_staff", default: false)
public struct BooleanField: SerializerField {
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

    /// DRF's `TRUE_VALUES` and `FALSE_VALUES` (the string members; the numbers are handled apart).
    static let trueStrings: Set<String> = ["t", "y", "yes", "true", "on", "1"]
    static let falseStrings: Set<String> = ["f", "n", "no", "false", "off", "0"]
    static let nullStrings: Set<String> = ["null", ""]

    public var metadataType: String { "boolean" }
    public var initialValue: JSON { options.allowNull ? .null : false }

    public func toInternalValue(_ data: JSON, context: FieldValidationContext) throws -> FieldValue {
        if let value = Self.interpret(data) { return .bool(value) }
        if options.allowNull, case .string(let text) = data, Self.nullStrings.contains(text.lowercased()) { return .null }
        throw ErrorMessages(defaults: ["invalid": "Must be a valid boolean."], overrides: options.errorMessages).fail("invalid")
    }

    static func interpret(_ data: JSON) -> Bool? {
        switch data {
        case .bool(let b): return b
        case .int(1): return true
        case .int(0): return false
        case .double(let d) where d == 1: return true
        case .double(let d) where d == 0: return false
        case .string(let text):
            let lowered = text.lowercased()
            if trueStrings.contains(lowered) { return true }
            if falseStrings.contains(lowered) { return false }
            return nil
        default: return nil
        }
    }

    public func toRepresentation(_ value: FieldValue, context: SerializerContext) throws -> JSON {
        switch value {
        case .bool(let b): return .bool(b)
        case .int(let i): return .bool(i != 0)
        case .double(let d): return .bool(d != 0)
        case .string(let s):
            if let b = Self.interpret(.string(s)) { return .bool(b) }
            if options.allowNull, Self.nullStrings.contains(s.lowercased()) { return .null }
            return .bool(!s.isEmpty)
        default: return .bool(true)
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
        if case .bool(let b) = value {
            out.append(contentsOf: (b ? "true" : "false").utf8)
        } else {
            JSONWriter.write(try toRepresentation(value, context: context), into: &out, indent: nil, level: 0)
        }
    }
}

extension BooleanField: ValueWritingField {}
