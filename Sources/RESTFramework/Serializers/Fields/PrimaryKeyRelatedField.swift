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

/// DRF's `PrimaryKeyRelatedField`: the input is the related row's pk, the validated value is
/// that pk (`.list` of them with `many`), and the output is the pk the instance holds at
/// `source` (a key column, or a foreign key's relation name: `"account"` reads `account_id`).
///
/// With a `queryset` (`ModelRelatedQueryset`), the pk is read as the candidates' key column
/// reads it: an integer as Django's `int()` (`"7"` and `7.9` look up 7; `[1]`, `"abc"` →
/// `Incorrect type. Expected pk value, received list.`), a UUID in any of Python's spellings
/// (`“abc” is not a valid UUID.` otherwise). A bool is always `Incorrect type`; a pk no
/// candidate has is `Invalid pk "9" - object does not exist.`, quoting the value as sent; `""`
/// is null. With `many`: `Expected a list of items but got type "str".`, and
/// `This list may not be empty.` when `allowEmpty` is false.
///
///     PrimaryKeyRelatedField("account", queryset: ModelRelatedQueryset(Account.self) { context in
///         Account.objects.filter(.inSubquery("pk", adminAccounts(of: context.request?.user.pk)))
///     })
///     PrimaryKeyRelatedField("tags", queryset: ModelRelatedQueryset(Tag.objects), many: true)
///     PrimaryKeyRelatedField("owner", readOnly: true)
///
/// The older `lookup:` form (`RelatedLookup`, integer keys) works as before.
public struct PrimaryKeyRelatedField: RelatedField {
    public var options: FieldOptions
    public var lookup: (any RelatedLookup)?
    public var queryset: (any RelatedQueryset)?
    public var many: Bool
    public var allowEmpty: Bool

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
        many = false
        allowEmpty = true
    }

    public init(
        _ name: String, queryset: (any RelatedQueryset)?, many: Bool = false, allowEmpty: Bool = true,
        source: String? = nil, required: Bool? = nil, readOnly: Bool = false, writeOnly: Bool = false,
        default defaultValue: FieldDefault? = nil, allowNull: Bool = false, label: String? = nil,
        helpText: String? = nil, validators: [any Validator] = [], errorMessages: [String: String] = [:]
    ) {
        assert(queryset != nil || readOnly, "Relational field `\(name)` must provide a `queryset`, or set readOnly: true.")
        options = FieldOptions(
            name: name, source: source, required: required, readOnly: readOnly, writeOnly: writeOnly,
            default: defaultValue, allowNull: allowNull, label: label, helpText: helpText,
            validators: validators, errorMessages: errorMessages)
        self.queryset = queryset
        self.many = many
        self.allowEmpty = allowEmpty
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
        try relatedValidation(data, context: context)
    }

    public func toInternalValue(_ data: JSON, context: FieldValidationContext) throws -> FieldValue {
        try relatedInternalValue(data, context: context)
    }

    public func relatedKey(_ data: JSON, context: FieldValidationContext) throws -> FieldValue {
        let sent = RelatedKeyReading.pythonStr(data)
        if case .bool = data { throw messages.fail("incorrect_type", ["data_type": data.pythonTypeName]) }
        guard let queryset else { return try integerKey(data, context: context) }
        // `get(pk=None)` finds nothing (an item of a list: a single null never gets here).
        if data.isNull { throw messages.fail("does_not_exist", ["pk_value": sent]) }
        switch RelatedKeyReading.read(data, as: queryset.keyType(of: "pk")) {
        case .failure(.typeError), .failure(.valueError):
            throw messages.fail("incorrect_type", ["data_type": data.pythonTypeName])
        case .failure(.noSuchRow):
            throw messages.fail("does_not_exist", ["pk_value": sent])
        case .failure(.invalid(let message)):
            throw ValidationError(message, code: "invalid")
        case .success(let key):
            guard let found = try queryset.primaryKey(where: "pk", equals: key, context: context.serializerContext), !found.isNull else {
                throw messages.fail("does_not_exist", ["pk_value": sent])
            }
            return found
        }
    }

    /// The `lookup:` form: integer keys, judged as Django's `int()` and `get(pk=...)` judge them.
    private func integerKey(_ data: JSON, context: FieldValidationContext) throws -> FieldValue {
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

    public func representation(ofRelated object: any FieldReadable, context: SerializerContext) throws -> JSON {
        (object.fieldValue("pk") ?? object.fieldValue("id") ?? .null).json
    }

    public func representation(of instance: any FieldReadable, context: SerializerContext) throws -> JSON? {
        many ? try relatedRepresentation(of: instance, context: context) : try standardRepresentation(of: instance, context: context)
    }

    public func writeRepresentation(
        of instance: any FieldReadable, context: SerializerContext,
        into out: inout [UInt8]
    ) throws -> Bool {
        guard !many else {
            guard let json = try relatedRepresentation(of: instance, context: context) else { return false }
            JSONWriter.write(json, into: &out, indent: nil, level: 0)
            return true
        }
        return try writeStandardRepresentation(of: instance, context: context, into: &out) { value, out in
            try writeValue(value, context: context, into: &out)
        }
    }

    func writeValue(_ value: FieldValue, context: SerializerContext, into out: inout [UInt8]) throws {
        JSONWriter.write(value, into: &out)
    }
}

/// Single: the key at `source` is read through the row type's reader. (With `many`, the
/// source names a relation, which has no reader: the serializer calls `writeRepresentation`.)
extension PrimaryKeyRelatedField: ValueWritingField {}

extension PrimaryKeyRelatedField: RelationReadingField {
    /// A key is read from the row itself; the rows of a to-many relation are fetched for the page.
    public var relatedPaths: [String] { many ? [readPath] : [] }
}
