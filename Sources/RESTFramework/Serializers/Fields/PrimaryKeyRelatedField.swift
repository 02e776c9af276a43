/// Answers whether a row with this primary key exists among the field's candidates (DRF's
/// `queryset.get(pk=...)`). The model layer implements it against the database (the handle is
/// in `context.extensions`); tests use an in-memory set.
///
///     struct UsersLookup: RelatedLookup {
///         func exists(pk: Int64, context: SerializerContext) throws -> Bool {
///             try User.objects.using(context.database).filter(.field("pk", .exact(.int(pk)))).exists()
///         }
///     }
public protocol RelatedLookup: Sendable {
    /// Throw only for failures (a database outage); a missing row is `false`.
    func exists(pk: Int64, context: SerializerContext) throws -> Bool
}

/// A `RelatedLookup` from a closure.
///
///     PrimaryKeyRelatedField("user", lookup: RelatedLookupFunction { pk, _ in [1, 2, 3].contains(pk) })
public struct RelatedLookupFunction: RelatedLookup {
    let body: @Sendable (Int64, SerializerContext) throws -> Bool
    public init(_ body: @escaping @Sendable (Int64, SerializerContext) throws -> Bool) { self.body = body }
    public func exists(pk: Int64, context: SerializerContext) throws -> Bool { try body(pk, context) }
}

/// DRF's `PrimaryKeyRelatedField` for integer keys: the input is the related row's pk, as a JSON
/// number or a string of digits (`"7"`), and the validated value is `.int(pk)`. The output is the
/// pk the instance holds at `source`.
///
/// Judged as Django's `int()` and `get(pk=...)` judge it: `true`, `[1]`, `{}`, `"abc"`, `"7.0"` →
/// `Incorrect type. Expected pk value, received bool.` (`list`, `dict`, `str`); a float is
/// truncated (`7.9` looks up 7); a pk no row has, negative or beyond 64 bits included →
/// `Invalid pk "999" - object does not exist.`, quoting the value as sent; `""` is null.
///
///     PrimaryKeyRelatedField("user", lookup: UsersLookup())
///     PrimaryKeyRelatedField("owner", readOnly: true)
public struct PrimaryKeyRelatedField: SerializerField {
    public var options: FieldOptions
    public var lookup: (any RelatedLookup)?

    public init(
        _ name: String, lookup: (any RelatedLookup)? = nil, source: String? = nil, required: Bool? = nil,
        readOnly: Bool = false, writeOnly: Bool = false, default defaultValue: FieldDefault? = nil,
        allowNull: Bool = false, label: String? = nil, helpText: String? = nil,
        validators: [any Validator] = [], errorMessages: [String: String] = [:]
    ) {
        assert(lookup != nil || readOnly, "Relational field `\(name)` must provide a `lookup`, or set readOnly: true.")
        options = FieldOptions(
            name: name, source: source, required: required, readOnly: readOnly, writeOnly: writeOnly,
            default: defaultValue, allowNull: allowNull, label: label, helpText: helpText,
            validators: validators, errorMessages: errorMessages)
        self.lookup = lookup
    }

    var messages: ErrorMessages {
        ErrorMessages(
            defaults: [
                "does_not_exist": "Invalid pk \"{pk_value}\" - object does not exist.",
                "incorrect_type": "Incorrect type. Expected pk value, received {data_type}.",
            ], overrides: options.errorMessages)
    }

    /// DRF's `RelatedField.run_validation`: an empty string counts as null.
    public func runValidation(_ data: JSON?, context: FieldValidationContext) throws -> FieldValue? {
        if case .string("")? = data { return try runStandardValidation(.null, context: context) }
        return try runStandardValidation(data, context: context)
    }

    public func toInternalValue(_ data: JSON, context: FieldValidationContext) throws -> FieldValue {
        let incorrectType = messages.fail("incorrect_type", ["data_type": data.pythonTypeName])
        let pk: PythonText.Integer
        switch data {
        case .int(let i): pk = .int(i)
        case .bigInt(let text): pk = PythonText.parseInteger(text) ?? .big(text)
        case .double(let d):
            // int(7.9) == 7; a float beyond 64 bits names no row.
            pk = d.magnitude < 9.2e18 ? .int(Int64(d)) : .big(JSONWriter.pythonRepr(d))
        case .string(let text):
            guard let parsed = PythonText.parseInteger(text) else { throw incorrectType }
            pk = parsed
        default:
            throw incorrectType
        }
        let sent = PythonText.str(data) ?? ""
        guard case .int(let key) = pk, let lookup,
            try lookup.exists(pk: key, context: context.serializerContext)
        else {
            throw messages.fail("does_not_exist", ["pk_value": sent])
        }
        return .int(key)
    }

    public func toRepresentation(_ value: FieldValue, context: SerializerContext) throws -> JSON { value.json }

    public func writeRepresentation(
        of instance: any FieldReadable, context: SerializerContext,
        into out: inout [UInt8]
    ) throws -> Bool {
        try writeStandardRepresentation(of: instance, context: context, into: &out) { value, out in
            try writeValue(value, context: context, into: &out)
        }
    }

    func writeValue(_ value: FieldValue, context: SerializerContext, into out: inout [UInt8]) throws {
        JSONWriter.write(value, into: &out)
    }
}

extension PrimaryKeyRelatedField: ValueWritingField {}
