/// DRF's `CharField`: text, trimmed of surrounding whitespace (Python's `str.strip()`) before
/// the blank and length checks; numbers are accepted and become their Python text (`4.5` →
/// `"4.5"`); booleans, arrays and objects are "Not a valid string.".
///
///     CharField("username", maxLength: 150, validators: [RegexValidator(#"^[\w.@+-]+\z"#, message: "...")])
///     CharField("description", required: false, default: "", allowBlank: true)
///
/// Validator order follows DRF's `CharField.__init__`: the `validators:` given first, then the
/// field appends `MaxLengthValidator`, `MinLengthValidator` and `ProhibitNullCharactersValidator`
/// (DRF's surrogate check has no counterpart: a Swift `String` cannot hold a lone surrogate).
/// So a username's pattern and uniqueness errors come before its length error, as in DRF.
public struct CharField: SerializerField {
    public var options: FieldOptions
    public var allowBlank: Bool
    public var trimWhitespace: Bool
    public var maxLength: Int?
    public var minLength: Int?

    public init(
        _ name: String, source: String? = nil, required: Bool? = nil, readOnly: Bool = false,
        writeOnly: Bool = false, default defaultValue: FieldDefault? = nil, allowNull: Bool = false,
        allowBlank: Bool = false, trimWhitespace: Bool = true, maxLength: Int? = nil, minLength: Int? = nil,
        label: String? = nil, helpText: String? = nil, validators: [any Validator] = [],
        errorMessages: [String: String] = [:]
    ) {
        options = FieldOptions(
            name: name, source: source, required: required, readOnly: readOnly, writeOnly: writeOnly,
            default: defaultValue, allowNull: allowNull, label: label, helpText: helpText,
            validators: validators, errorMessages: errorMessages)
        self.allowBlank = allowBlank
        self.trimWhitespace = trimWhitespace
        self.maxLength = maxLength
        self.minLength = minLength
    }

    static let defaultMessages: [String: String] = [
        "invalid": "Not a valid string.",
        "blank": "This field may not be blank.",
        "max_length": "Ensure this field has no more than {max_length} characters.",
        "min_length": "Ensure this field has at least {min_length} characters.",
    ]

    var messages: ErrorMessages { ErrorMessages(defaults: Self.defaultMessages, overrides: options.errorMessages) }

    public var metadataType: String { "string" }
    public var initialValue: JSON { "" }

    public var metadataAttributes: [(String, JSON)] { TextFieldSupport.lengthMetadata(min: minLength, max: maxLength) }

    public var validators: [any Validator] {
        TextFieldSupport.validators(options.validators, maxLength: maxLength, minLength: minLength, messages: messages)
    }

    public func runValidation(_ data: JSON?, context: FieldValidationContext) throws -> FieldValue? {
        if let blank = try TextFieldSupport.blankCheck(data, trim: trimWhitespace, allowBlank: allowBlank, messages: messages) {
            return blank
        }
        return try runStandardValidation(data, context: context)
    }

    public func toInternalValue(_ data: JSON, context: FieldValidationContext) throws -> FieldValue {
        try TextFieldSupport.toText(data, trim: trimWhitespace, messages: messages)
    }

    public func toRepresentation(_ value: FieldValue, context: SerializerContext) throws -> JSON {
        .string(TextFieldSupport.str(value))
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
        switch value {
        case .string(let s): JSONWriter.writeString(s, into: &out)
        case .dateTime(let t): JSONWriter.writeDateTime(t, into: &out)
        default: JSONWriter.writeString(TextFieldSupport.str(value), into: &out)
        }
    }
}

/// What `CharField` and its subclasses in DRF (`EmailField`) share.
enum TextFieldSupport {
    /// DRF's `CharField.run_validation`: `""` (or only whitespace, when trimming) is blank, judged
    /// before null and required, and returns `""` without running validators.
    static func blankCheck(_ data: JSON?, trim: Bool, allowBlank: Bool, messages: ErrorMessages) throws -> FieldValue? {
        guard case .string(let text)? = data, text.isEmpty || (trim && PythonText.strip(text).isEmpty) else { return nil }
        guard allowBlank else { throw messages.fail("blank") }
        return .string("")
    }

    static func toText(_ data: JSON, trim: Bool, messages: ErrorMessages) throws -> FieldValue {
        guard let text = PythonText.numberOrStringText(data) else { throw messages.fail("invalid") }
        return .string(trim ? PythonText.strip(text) : text)
    }

    static func validators(
        _ given: [any Validator], maxLength: Int?, minLength: Int?,
        messages: ErrorMessages
    ) -> [any Validator] {
        var all = given
        all.reserveCapacity(given.count + 3)
        if let maxLength { all.append(MaxLengthValidator(maxLength, messages: messages)) }
        if let minLength { all.append(MinLengthValidator(minLength, messages: messages)) }
        all.append(ProhibitNullCharactersValidator())
        return all
    }

    static func lengthMetadata(min: Int?, max: Int?) -> [(String, JSON)] {
        var attributes: [(String, JSON)] = []
        if let min { attributes.append(("min_length", .int(Int64(min)))) }
        if let max { attributes.append(("max_length", .int(Int64(max)))) }
        return attributes
    }

    /// Python's `str()` of a stored value.
    static func str(_ value: FieldValue) -> String {
        switch value {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .double(let d): return JSONWriter.pythonRepr(d)
        case .bool(let b): return b ? "True" : "False"
        case .dateTime(let t): return t.iso8601
        case .null: return "None"
        case .decimal, .uuid, .date, .time, .duration, .jsonValue, .bytes, .list: return PythonText.str(value)
        }
    }
}

extension CharField: ValueWritingField {}
