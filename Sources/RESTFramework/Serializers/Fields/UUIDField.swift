#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// DRF's `UUIDField`: text as Python's `uuid.UUID(hex=...)` reads it (any case, with or without
/// hyphens, `urn:uuid:`, braces, even `0x` and underscores, which `int(text, 16)` takes), or a
/// JSON integer below 2^128 (`uuid.UUID(int=...)`; `true` is 1 there, as Python's `bool` is an
/// `int`). Anything else is "Must be a valid UUID.". Output by `format`: hyphenated lower case
/// (`hexVerbose`, the default), 32 hex digits, the integer, or `urn:uuid:...`.
///
///     UUIDField("id", readOnly: true)
///     UUIDField("token", format: .hex)
public struct UUIDField: SerializerField {
    /// DRF's `format=`: `'hex_verbose'`, `'hex'`, `'int'`, `'urn'`.
    public enum Format: String, Sendable {
        case hexVerbose = "hex_verbose", hex, int, urn
    }

    public var options: FieldOptions
    public var format: Format

    public init(
        _ name: String, format: Format = .hexVerbose, source: String? = nil, required: Bool? = nil,
        readOnly: Bool = false, writeOnly: Bool = false, default defaultValue: FieldDefault? = nil,
        allowNull: Bool = false, label: String? = nil, helpText: String? = nil, validators: [any Validator] = [],
        errorMessages: [String: String] = [:]
    ) {
        options = FieldOptions(
            name: name, source: source, required: required, readOnly: readOnly, writeOnly: writeOnly,
            default: defaultValue, allowNull: allowNull, label: label, helpText: helpText,
            validators: validators, errorMessages: errorMessages)
        self.format = format
    }

    /// SimpleMetadata's `label_lookup` maps `UUIDField` to `"string"`.
    public var metadataType: String { "string" }

    public func toInternalValue(_ data: JSON, context: FieldValidationContext) throws -> FieldValue {
        let uuid: UUID?
        switch data {
        case .string(let text): uuid = FilterUUIDText.parse(text).flatMap(UUID.init(uuidString:))
        case .int(let value): uuid = value >= 0 ? Self.uuid(UInt128(value)) : nil
        case .bool(let value): uuid = Self.uuid(value ? 1 : 0)
        case .bigInt(let text): uuid = UInt128(text).map(Self.uuid)
        default: uuid = nil
        }
        guard let uuid else {
            throw ErrorMessages(defaults: ["invalid": "Must be a valid UUID."], overrides: options.errorMessages).fail("invalid")
        }
        return .uuid(uuid)
    }

    /// `uuid.UUID(int=value)`: the 128 bits, most significant byte first.
    static func uuid(_ value: UInt128) -> UUID {
        var bytes = [UInt8](repeating: 0, count: 16)
        for index in 0..<16 { bytes[index] = UInt8(truncatingIfNeeded: value >> (8 * (15 - index))) }
        return UUID(
            uuid: (
                bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
            ))
    }

    static func integer(_ uuid: UUID) -> UInt128 {
        withUnsafeBytes(of: uuid.uuid) { bytes in bytes.reduce(UInt128(0)) { $0 << 8 | UInt128($1) } }
    }

    /// Strings pass through as DRF's `str(value)` would leave them.
    public func toRepresentation(_ value: FieldValue, context: SerializerContext) throws -> JSON {
        let uuid: UUID
        switch value {
        case .uuid(let u): uuid = u
        case .string(let s):
            guard let u = FilterUUIDText.parse(s).flatMap(UUID.init(uuidString:)) else { return .string(s) }
            uuid = u
        default: return value.json
        }
        let text = PythonText.uuidString(uuid)
        switch format {
        case .hexVerbose: return .string(text)
        case .hex: return .string(text.replacingOccurrences(of: "-", with: ""))
        case .urn: return .string("urn:uuid:" + text)
        case .int:
            let number = Self.integer(uuid)
            return Int64(exactly: number).map(JSON.int) ?? .bigInt(String(number))
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
        if case .uuid(let uuid) = value, format == .hexVerbose {
            out.append(UInt8(ascii: "\""))
            out.append(contentsOf: PythonText.uuidString(uuid).utf8)
            out.append(UInt8(ascii: "\""))
        } else {
            JSONWriter.write(try toRepresentation(value, context: context), into: &out, indent: nil, level: 0)
        }
    }
}

extension UUIDField: ValueWritingField {}
